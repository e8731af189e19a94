import type { Transaction } from 'kysely';
import type { HqDb } from '../hq-db';
import type { HqDatabase } from '../hq-schema';

/**
 * Head office's write path: every change is made here, in one transaction with its entry in
 * hq_log (who, what, which branch). The only folder where head-office code writes (ESLint).
 */
export interface HqWrite {
  trx: Transaction<HqDatabase>;
  actor: string;
  now: number;
  log(action: string, branchCode: string | null, detail: Record<string, unknown>): Promise<void>;
}

export async function hqWrite<T>(db: HqDb, actor: string, fn: (w: HqWrite) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const now = Date.now();
    const w: HqWrite = {
      trx,
      actor,
      now,
      log: async (action, branchCode, detail) => {
        await trx.insertInto('hq_log').values({ at: now, actor, action, branch_code: branchCode, detail: JSON.stringify(detail) }).execute();
      },
    };
    return fn(w);
  });
}
