import { sql, type Transaction } from 'kysely';
import { newId } from '../db/new-id';
import type { Database } from '../db/schema';

export type TxnCauseKind = 'import' | 'sync' | 'migration' | 'demo';

/** Why a transaction happened when no person's edit explains it: the import it wrote, the sync package it applied. */
export interface TxnCause {
  kind: TxnCauseKind;
  id: string;
}

export interface TxnClock {
  id: string;
  at: number;
}

/**
 * Time and id of a write transaction, taken inside it (after BEGIN IMMEDIATE holds the write
 * lock): later than every transaction before it, also when the app and the CLI both write or
 * the clock stepped back. Row stamps (updated_at) therefore differ between transactions, which
 * is what the stale-write check compares.
 */
export async function nextTxnClock(trx: Transaction<Database>, now: number): Promise<TxnClock> {
  const { rows } = await sql<{ id: string; at: number }>`select id, at from change_txns order by seq desc limit 1`.execute(trx);
  const last = rows[0];
  const at = last ? Math.max(now, last.at + 1) : now;
  let id = newId(at);
  // newId is monotonic within this process only; another process may have made a later id in the same millisecond.
  if (last && id <= last.id) id = newId(Math.max(at, Number.parseInt(last.id.slice(0, 8) + last.id.slice(9, 13), 16) + 1));
  return { id, at };
}

/** The record every change-log entry of a transaction points to: who, when, from where, why, at which schema. */
export async function insertTxnRecord(
  trx: Transaction<Database>,
  clock: TxnClock,
  actor: { id: string; name: string },
  cause: TxnCause | null,
): Promise<void> {
  await sql`insert into change_txns (id, origin, actor_id, actor_name, at, cause_kind, cause_id, schema_version)
    values (${clock.id}, (select id from installation), ${actor.id}, ${actor.name}, ${clock.at}, ${cause?.kind ?? null}, ${cause?.id ?? null},
            (select max(name) from kysely_migration))`.execute(trx);
}
