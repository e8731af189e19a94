import { CompiledQuery, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
/**
 * Columns never copied into the change log (it is kept for years and sent to head office):
 * secrets, and the sync packages' own bytes (the package is its own record).
 */
const SECRET_COLUMNS: Partial<Record<string, readonly string[]>> = {
  staff: ['password_hash'],
  sync_identity: ['signing_key', 'age_identity'],
  sync_outbox: ['content_base64'],
  sync_inbox: ['content_base64'],
};

export type LogAction = 'insert' | 'update' | 'delete' | 'insert_rows';

/** One change-log entry before it is numbered: what changed, with before and after images as stored. */
export interface LogEntry {
  action: LogAction;
  table: string;
  /** Null only for `insert_rows`, whose after image is `{"ids": [...]}`. */
  rowId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/**
 * The change log's one encoder: images are JSON written by JS from the values SQLite returned
 * (so an integer is `1796216725783`, never `1796216725783.0`), with secret columns redacted.
 */
export function encodeImage(table: string, image: Record<string, unknown> | null): string | null {
  if (image === null) return null;
  const secret = SECRET_COLUMNS[table];
  if (!secret) return JSON.stringify(image);
  const copy = { ...image };
  for (const c of secret) if (c in copy && copy[c] !== null) copy[c] = '[redacted]';
  return JSON.stringify(copy);
}

/** Entry ids: `<txn id>:<n>` with n in 8 digits, so that ids sort as the entries happened (txn ids do too). */
export function entryId(txnId: string, n: number): string {
  return `${txnId}:${String(n).padStart(8, '0')}`;
}

const ENTRIES_PER_STATEMENT = 5000;

/**
 * Appends entries numbered from `first` under the transaction record `txn` (which must exist):
 * the one place change_log rows are built, for the write path and for migrations alike.
 */
export async function appendEntries(
  trx: Transaction<Database>,
  txn: { id: string; at: number; actor: { id: string; name: string } },
  first: number,
  entries: readonly LogEntry[],
): Promise<void> {
  for (let start = 0; start < entries.length; start += ENTRIES_PER_STATEMENT) {
    const rows = entries.slice(start, start + ENTRIES_PER_STATEMENT).map((e, i) => [
      entryId(txn.id, first + start + i),
      e.action,
      e.table,
      e.rowId,
      encodeImage(e.table, e.before),
      encodeImage(e.table, e.after),
    ]);
    // One entry is bound value by value: SQLite's JSON functions copy a large image (an import's
    // record with its warnings, megabytes) once per column read.
    await trx.executeQuery(
      rows.length === 1 && rows[0].every((v) => v === null || typeof v === 'string')
        ? CompiledQuery.raw(
            `insert into change_log (id, txn_id, at, actor_id, actor_name, action, table_name, row_id, before_json, after_json)
             values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            [rows[0][0], txn.id, txn.at, txn.actor.id, txn.actor.name, ...rows[0].slice(1)],
          )
        : CompiledQuery.raw(
            `insert into change_log (id, txn_id, at, actor_id, actor_name, action, table_name, row_id, before_json, after_json)
             select value ->> 0, ?, ?, ?, ?, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5 from jsonb_each(?)`,
            [txn.id, txn.at, txn.actor.id, txn.actor.name, JSON.stringify(rows)],
          ),
    );
  }
}
