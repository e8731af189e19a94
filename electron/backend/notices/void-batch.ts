import type { WriteContext } from '../changelog/write-context';

/** Marks a batch and its notices void: they stay in the register as 已作废, with the reason. */
export async function voidBatch(w: WriteContext, batchId: string, reason: string): Promise<void> {
  await w.updateById('notice_batches', batchId, { status: 'cancelled', printing_process: '', end_reason: reason });
  const rows = await w.trx.selectFrom('notices').selectAll().where('batch_id', '=', batchId).where('status', '=', 'printing').execute();
  await w.updateMany(
    'notices',
    rows.map((before) => ({ before, patch: { status: 'cancelled' as const, cancel_reason: reason } })),
  );
}
