import { sql } from 'kysely';
import { readTransaction, type ReadDb } from '../db/read-db';
import type { LoggedTable } from '../db/schema';
import { SYNC_TABLES, tablesOwnedBy, type SyncOwner, type SyncRule } from './sync-tables';

/** A row that was deleted since: the other side deletes its copy. */
export type Tombstone = { id: string; _deleted: true };

export type RowImage = Record<string, unknown>;

export interface ChangedRows {
  /** The change log's newest seq these rows are read at: the next delta starts after it. */
  upToSeq: number;
  tables: Array<{ table: LoggedTable; rows: Array<RowImage | Tombstone> }>;
  rows: number;
}

/** Ids per statement (SQLite binds at most 32,766 parameters; the ids go as one JSON array instead). */
const IDS_PER_READ = 5000;

/**
 * The rows of `owner`'s tables that changed after change-log seq `since`, as their current full
 * images (what the other side needs to rebuild them), with deleted rows as tombstones; all read
 * in one transaction at one seq. An `insert_rows` entry names its rows by id only: they are read
 * from their table here, as is every other changed row (several changes of a row give one image).
 */
export async function changedRows(db: ReadDb, owner: SyncOwner, since: number): Promise<ChangedRows> {
  return readTransaction(db, (trx) => changedRowsIn(trx, owner, since));
}

/** changedRows inside a transaction the caller holds (a write that records the package built from them). */
export async function changedRowsIn(trx: ReadDb, owner: SyncOwner, since: number): Promise<ChangedRows> {
  const { rows: top } = await sql<{ seq: number | null }>`select max(seq) as seq from change_log`.execute(trx);
  const upToSeq = top[0]?.seq ?? 0;
  const tables: ChangedRows['tables'] = [];
  let count = 0;
  for (const table of tablesOwnedBy(owner)) {
    const { rows: idRows } = await sql<{ id: string }>`
      select row_id as id from change_log
      where seq > ${since} and seq <= ${upToSeq} and table_name = ${table} and row_id is not null
      union
      select j.value from change_log c, json_each(c.after_json, '$.ids') j
      where c.seq > ${since} and c.seq <= ${upToSeq} and c.table_name = ${table} and c.action = 'insert_rows'`.execute(trx);
    if (idRows.length === 0) continue;
    const rule = SYNC_TABLES[table];
    const images: Array<RowImage | Tombstone> = [];
    for (let i = 0; i < idRows.length; i += IDS_PER_READ) {
      const ids = idRows.slice(i, i + IDS_PER_READ).map((r) => r.id);
      const { rows } = await sql<RowImage & { id: string; _in_scope: number }>`
        select *, ${rule.where ? sql.raw(`(${rule.where})`) : sql`1`} as _in_scope
        from ${sql.table(table)} where id in (select value from json_each(${JSON.stringify(ids)}))`.execute(trx);
      const found = new Set<string>();
      for (const { _in_scope, ...row } of rows) {
        found.add(row.id);
        if (!_in_scope) continue;
        for (const c of rule.omit ?? []) delete row[c];
        images.push(row);
      }
      for (const id of ids) if (!found.has(id)) images.push({ id, _deleted: true });
    }
    if (images.length === 0) continue;
    await extend(trx, rule, images);
    images.sort((a, b) => (String(a.id) < String(b.id) ? -1 : String(a.id) > String(b.id) ? 1 : 0));
    tables.push({ table, rows: images });
    count += images.length;
  }
  return { upToSeq, tables, rows: count };
}

/** Adds the rule's extra fields to the live images (a tombstone is an id only). */
async function extend(trx: ReadDb, rule: SyncRule, images: Array<RowImage | Tombstone>): Promise<void> {
  if (!rule.extend) return;
  const live = images.filter((r): r is RowImage => r._deleted !== true);
  if (live.length === 0) return;
  for (const [field, read] of Object.entries(rule.extend)) {
    const values = await read(trx, live);
    for (const row of live) row[field] = values.get(String(row.id)) ?? null;
  }
}
