import type { Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * The database as code that only reads sees it: the compiler refuses insertInto, updateTable,
 * deleteFrom and schema changes. Writes go through the change log (changelog/write-context.ts),
 * which alone holds a writable handle; a lint rule keeps raw SQL writes out of everything else.
 */
export type ReadDb = Omit<
  Kysely<Database>,
  'insertInto' | 'replaceInto' | 'updateTable' | 'deleteFrom' | 'mergeInto' | 'schema' | 'transaction' | 'connection' | 'destroy' | 'withSchema' | 'withPlugin' | 'withoutPlugins' | 'withTables'
>;

/** Runs `fn` in one read-only transaction (one consistent snapshot; it begins deferred, so it never takes the write lock). */
export function readTransaction<T>(db: ReadDb, fn: (trx: ReadDb) => Promise<T>): Promise<T> {
  return (db as Kysely<Database>).transaction().setAccessMode('read only').execute((trx) => fn(trx));
}
