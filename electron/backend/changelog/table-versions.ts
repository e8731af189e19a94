import { CompiledQuery, sql, type Transaction } from 'kysely';
import type { ReadDb } from '../db/read-db';
import type { Database } from '../db/schema';

/**
 * Per table, the newest change-log entry that touched it. Everything written goes through the
 * change log, so while a table's number stands still, so does the table. Readers that depend on
 * a few tables (the book of loans and managers, an import's preview) ask for those only, so work
 * elsewhere (a contact logged, a visit) does not make them stale.
 */
export async function bumpTableVersions(trx: Transaction<Database>, tables: Iterable<string>): Promise<void> {
  const names = [...new Set(tables)];
  if (names.length === 0) return;
  await trx.executeQuery(
    CompiledQuery.raw(
      `insert into table_versions (table_name, seq)
       select value, (select max(seq) from change_log) from json_each(?) where true
       on conflict (table_name) do update set seq = excluded.seq`,
      [JSON.stringify(names)],
    ),
  );
}

/** The newest change-log seq among these tables (0 when none was ever written). */
export async function tablesVersion(db: ReadDb, tables: readonly string[]): Promise<number> {
  const { rows } = await sql<{ seq: number | null }>`
    select max(seq) as seq from table_versions where table_name in (${sql.join(tables)})`.execute(db);
  return rows[0]?.seq ?? 0;
}
