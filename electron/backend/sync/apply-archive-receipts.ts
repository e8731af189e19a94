import { z } from 'zod';
import type { WriteContext } from '../changelog/write-context';
import type { Row } from '../db/schema';
import { AppError } from '../rpc/app-error';
import { batchFiles, matchResults, recordReceipt } from '../archive-handover/apply-receipt';
import { refused } from './package-format';

const resultsSchema = z
  .array(
    z.object({
      loanNo: z.string().trim().min(1),
      status: z.enum(['received', 'discrepancy']),
      reason: z.string().max(200),
    }),
  )
  .min(1);

/**
 * Head office's receipt of a hand-over batch, arrived in its package: recorded on the batch and
 * its files as a receipt file would be (source 'sync'), in the package's transaction. The batch
 * is found by number and must be the one head office signed for (the manifest's SHA-256). A batch
 * already received (by hand or file meanwhile) is left as it is; the receipt row stays as head
 * office's record. Anything else that does not fit refuses the whole package, which then changes
 * nothing and is quarantined with the reason.
 */
export async function applyArchiveReceipt(w: WriteContext, receipt: Row<'archive_receipts'>): Promise<void> {
  const batchNo = receipt.batch_no;
  const batch = await w.trx.selectFrom('archive_batches').selectAll().where('batch_no', '=', batchNo).executeTakeFirst();
  if (!batch) throw refused('receipt_unknown_batch', `总行发来的档案签收回执对应的移交批次 ${batchNo} 在本支行不存在，整个包不予导入：请与总行核对。`, `archive receipt ${receipt.id}: no batch ${batchNo}`);
  if (batch.sha256 !== receipt.manifest_sha256) {
    throw refused(
      'receipt_manifest_mismatch',
      `总行签收的移交清单与本支行发出的批次 ${batchNo} 不一致（校验码不同），整个包不予导入：请与总行核对。`,
      `archive receipt ${receipt.id}: batch ${batchNo} was sent with ${batch.sha256}, receipt has ${receipt.manifest_sha256}`,
    );
  }
  if (batch.status === 'received') return;

  const results = parseResults(receipt);
  try {
    const files = await batchFiles(w, batch);
    const matched = matchResults(batch, files, results.map((r) => ({ ...r, key: r.loanNo })), (f) => f.loan_no, true);
    await recordReceipt(w, batch, matched, { receivedBy: receipt.received_by, receivedOn: receipt.received_on, source: 'sync' });
  } catch (err) {
    if (err instanceof AppError && err.code !== 'PACKAGE_REFUSED') {
      throw refused('receipt_mismatch', `总行发来的批次 ${batchNo} 签收回执无法登记，整个包不予导入：${err.userMessage}请与总行核对。`, `archive receipt ${receipt.id}: ${err.message}`);
    }
    throw err;
  }
}

function parseResults(receipt: Row<'archive_receipts'>): z.infer<typeof resultsSchema> {
  let json: unknown;
  try {
    json = JSON.parse(receipt.results_json);
  } catch {
    json = undefined;
  }
  const parsed = resultsSchema.safeParse(json);
  if (!parsed.success) {
    throw refused('damaged', `总行发来的批次 ${receipt.batch_no} 签收回执缺少或写错了逐份档案的签收结果，整个包不予导入：请与总行核对。`, `archive receipt ${receipt.id}: results_json is not a list of results`);
  }
  return parsed.data;
}
