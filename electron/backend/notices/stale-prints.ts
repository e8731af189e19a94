import type { WriteContext } from '../changelog/write-context';
import { voidBatch } from './void-batch';

/** No batch renders this long: one still 打印中 after it was cut short (the process killed, the power gone). */
export const STALE_PRINT_MS = 60 * 60 * 1000;

/**
 * Voids batches left 打印中 by a process that ended mid-print, so that their numbers show in the
 * register as 已作废 (with the reason) rather than hang. Run in each new batch's transaction.
 */
export async function voidStalePrints(w: WriteContext): Promise<number> {
  const stale = await w.trx
    .selectFrom('notice_batches')
    .select('id')
    .where('status', '=', 'printing')
    .where('created_at', '<', w.now - STALE_PRINT_MS)
    .execute();
  for (const { id } of stale) await voidBatch(w, id, '打印中断（程序退出或断电），编号作废');
  return stale.length;
}
