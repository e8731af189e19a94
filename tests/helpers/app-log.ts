import type { Kysely } from 'kysely';
import type { Database } from '../../electron/backend/db/schema';

type AnyDb = Pick<Kysely<Database>, 'selectFrom'>;

/**
 * The change log less the schema's own entries: migrations log the rows they make (0060's default
 * archive catalogue), so a new database's log is not empty. Tests of what the app writes read this.
 */
export function appLog(db: AnyDb) {
  return db.selectFrom('change_log').where('txn_id', 'not in', db.selectFrom('change_txns').select('id').where('cause_kind', '=', 'migration'));
}

/** The change transactions less the migrations'. */
export function appTxns(db: AnyDb) {
  return db.selectFrom('change_txns').where((eb) => eb.or([eb('cause_kind', 'is', null), eb('cause_kind', '!=', 'migration')]));
}
