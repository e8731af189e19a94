import os from 'node:os';
import type { WriteContext } from '../changelog/write-context';
import { voidBatch } from './void-batch';

/** No batch renders this long: one still 打印中 after it is printed by another machine's process, or a reused pid. */
export const STALE_PRINT_MS = 60 * 60 * 1000;

/** This process as a batch records it while printing: `host:pid`. */
export function thisProcess(): string {
  return `${os.hostname()}:${process.pid}`;
}

function processGone(owner: string): boolean {
  const at = owner.lastIndexOf(':');
  if (at < 0 || owner.slice(0, at) !== os.hostname()) return false;
  const pid = Number(owner.slice(at + 1));
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    // EPERM: it exists under another user.
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Voids batches left 打印中 by a process that ended mid-print (killed, the power gone), so that
 * their numbers show in the register as 已作废 with the reason rather than hang: on this machine
 * when that process no longer runs, else after an hour. Run in each new batch's transaction.
 */
export async function voidStalePrints(w: WriteContext): Promise<number> {
  const printing = await w.trx.selectFrom('notice_batches').select(['id', 'printing_process', 'created_at']).where('status', '=', 'printing').execute();
  const stale = printing.filter((b) => processGone(b.printing_process) || b.created_at < w.now - STALE_PRINT_MS);
  for (const { id } of stale) await voidBatch(w, id, '打印中断（程序退出或断电），编号作废');
  return stale.length;
}
