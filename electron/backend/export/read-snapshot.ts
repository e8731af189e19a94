import { Kysely } from 'kysely';
import { BUSY_TIMEOUT_MS } from '../db/connection';
import { readTransaction, type ReadDb } from '../db/read-db';
import { readBesideWrites } from '../db/reads-beside-writes';
import type { Database } from '../db/schema';
import { Sqlite3Dialect } from '../db/sqlite3-dialect';

/** Runs `fn` on one consistent view of the database (a read transaction). */
export type ReadSnapshot = <T>(fn: (db: ReadDb) => Promise<T>) => Promise<T>;

/**
 * A read transaction on a connection of its own. The app's connection serves one statement
 * at a time (sqlite3-dialect.ts): an export reading a county's book in pages inside one
 * transaction there would stop every other call for as long as the file takes to write. Under
 * WAL a second connection reads its own snapshot while the app goes on reading and writing.
 */
export function ownConnectionSnapshot(dbPath: string): ReadSnapshot {
  return async (fn) => {
    const db = new Kysely<Database>({
      dialect: new Sqlite3Dialect({
        filename: dbPath,
        busyTimeoutMs: BUSY_TIMEOUT_MS,
        onOpen: (conn) => conn.exec('pragma query_only = on; pragma cache_size = -16384'),
      }),
    });
    try {
      return await readTransaction(db, fn);
    } finally {
      await db.destroy();
    }
  };
}

/** A read transaction on the connection given: for callers that own theirs (the CLI, tests). */
export function sameConnectionSnapshot(db: ReadDb): ReadSnapshot {
  return (fn) => readTransaction(db, fn);
}

/**
 * A short read transaction on the app's reader connection (its first one where it has none):
 * for a paper whose rows and totals must come from the same state of the register.
 */
export function besideWritesSnapshot(db: ReadDb): ReadSnapshot {
  return (fn) => readBesideWrites(() => readTransaction(db, fn));
}
