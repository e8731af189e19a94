import type { Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { MigrationLog, MigrationRowChange } from '../../../migrations/migration';
import { SYSTEM_ACTOR } from './actor';
import { appendEntries } from './log-entry';
import { insertTxnRecord, nextTxnClock, type TxnClock } from './txn-record';

/**
 * What a migration is given to log the rows it changes: one change_txns record (the system
 * actor, cause `migration` and its name), made with the first entry, and entries built by the
 * same code as every other write's. Only from migration 0010 on: the tables it writes to are 0010's.
 */
export function migrationLog(trx: Transaction<Database>, name: string): MigrationLog {
  let txn: TxnClock | null = null;
  let next = 0;
  return {
    async changed(changes: readonly MigrationRowChange[]): Promise<void> {
      if (changes.length === 0) return;
      if (txn === null) {
        txn = await nextTxnClock(trx, Date.now());
        await insertTxnRecord(trx, txn, SYSTEM_ACTOR, { kind: 'migration', id: name });
      }
      await appendEntries(trx, { ...txn, actor: SYSTEM_ACTOR }, next, changes);
      next += changes.length;
    },
  };
}
