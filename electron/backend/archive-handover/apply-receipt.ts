import type { ArchiveReceiptOutcome } from '../../shared/api/archive-handover';
import { todayLocal } from '../../shared/dates';
import type { WriteContext } from '../changelog/write-context';
import type { Row } from '../db/schema';
import { AppError } from '../rpc/app-error';
import { listLoanNos } from '../archives/loan-nos';
import type { ReceiptStatus } from './receipt-file';

type BatchRow = Row<'archive_batches'>;
type FileRow = Row<'archive_files'> & { loan_no: string };

export interface ReceiptResult {
  status: ReceiptStatus;
  reason: string;
}

/** The batch's files (已移交 in it), with their loan numbers, read in the receipt's transaction. */
export async function batchFiles(w: WriteContext, batch: BatchRow): Promise<FileRow[]> {
  const files = await w.trx
    .selectFrom('archive_files as f')
    .innerJoin('loans as l', 'l.id', 'f.loan_id')
    .selectAll('f')
    .select('l.loan_no')
    .where('f.batch_id', '=', batch.id)
    .where('f.status', '=', 'handed_over')
    .orderBy('l.loan_no')
    .execute();
  // A sent batch's files cannot move (已移交 is neither editable nor reopenable).
  if (files.length !== batch.files) {
    throw new AppError('CONFLICT', `批次 ${batch.batch_no} 的档案状态与移交时不一致，无法登记签收。`, `archive receipt: batch ${batch.id} has ${files.length} of ${batch.files} files handed over`);
  }
  return files;
}

/** Refuses a batch whose receipt is already in. */
export function assertNotReceived(batch: BatchRow): void {
  if (batch.status === 'received') {
    throw new AppError(
      'BATCH_ALREADY_RECEIVED',
      `批次 ${batch.batch_no} 已于 ${batch.received_on ?? ''} 登记签收，不能重复登记。`,
      `archive receipt: batch ${batch.id} already received`,
    );
  }
}

/**
 * Pairs a result with each file of the batch by `keyOf` (loan number or file id): a result for
 * a file not in the batch, a file without a result, or two results for one file refuse it all.
 */
export function matchResults<R extends ReceiptResult>(
  batch: BatchRow,
  files: readonly FileRow[],
  results: ReadonlyArray<R & { key: string }>,
  keyOf: (f: FileRow) => string,
  /** Loan numbers name the files not in the batch; ids are only counted. */
  keysAreLoanNos: boolean,
): Array<{ file: FileRow; result: R }> {
  const byKey = new Map(files.map((f) => [keyOf(f), f]));
  const unknown = results.filter((r) => !byKey.has(r.key)).map((r) => r.key);
  if (unknown.length > 0) {
    throw new AppError(
      'RECEIPT_FILES_MISMATCH',
      keysAreLoanNos ? `回执中有不属于批次 ${batch.batch_no} 的档案：${listLoanNos(unknown)}。` : `有 ${unknown.length} 份档案不属于批次 ${batch.batch_no}，请刷新后重试。`,
      `archive receipt: ${unknown.length} result(s) not in the batch`,
    );
  }
  const seen = new Map<string, R>();
  const twice = new Set<string>();
  for (const r of results) {
    if (seen.has(r.key)) twice.add(byKey.get(r.key)!.loan_no);
    seen.set(r.key, r);
  }
  if (twice.size > 0) {
    throw new AppError('RECEIPT_FILES_MISMATCH', `回执中以下档案出现了不止一次：${listLoanNos([...twice])}。`, `archive receipt: ${twice.size} file(s) listed twice`);
  }
  const missing = files.filter((f) => !seen.has(keyOf(f)));
  if (missing.length > 0) {
    throw new AppError(
      'RECEIPT_FILES_MISMATCH',
      `回执缺少批次 ${batch.batch_no} 中以下档案的签收结果：${listLoanNos(missing.map((f) => f.loan_no))}。每份档案都应有签收或差异结果。`,
      `archive receipt: ${missing.length} file(s) without a result`,
    );
  }
  return files.map((file) => ({ file, result: seen.get(keyOf(file))! }));
}

/**
 * Head office's receipt, in the caller's transaction: each file 已签收 or 有差异 (back to the
 * branch with the reason, to be put right and handed over again), an event per file, and the
 * batch received with its counts. Checks the date and the reasons first; nothing is written
 * unless all of it holds.
 */
export async function recordReceipt(
  w: WriteContext,
  batch: BatchRow,
  matched: ReadonlyArray<{ file: FileRow; result: ReceiptResult }>,
  receipt: { receivedBy: string; receivedOn: string; source: NonNullable<BatchRow['receipt_source']> },
): Promise<ArchiveReceiptOutcome> {
  const { receivedOn } = receipt;
  if (receivedOn > todayLocal()) throw new AppError('BAD_INPUT', `签收日期 ${receivedOn} 晚于今天，不予登记。`, `archive receipt: receivedOn ${receivedOn} in the future`);
  if (receivedOn < batch.handed_on) {
    throw new AppError('BAD_INPUT', `签收日期 ${receivedOn} 早于移交日期 ${batch.handed_on}，不予登记。`, `archive receipt: receivedOn ${receivedOn} before handedOn ${batch.handed_on}`);
  }
  const unexplained = matched.filter((m) => m.result.status === 'discrepancy' && m.result.reason.trim() === '');
  if (unexplained.length > 0) {
    throw new AppError('BAD_INPUT', `有差异的档案须写明差异：${listLoanNos(unexplained.map((m) => m.file.loan_no))}。`, `archive receipt: ${unexplained.length} discrepancy(ies) without a reason`);
  }

  await w.updateMany(
    'archive_files',
    matched.map(({ file: { loan_no: _loanNo, ...before }, result }) => ({
      before,
      patch:
        result.status === 'received'
          ? { status: 'received' as const, received_on: receivedOn, status_note: '' }
          : { status: 'discrepancy' as const, received_on: null, status_note: result.reason.trim() },
    })),
  );
  await w.insertMany(
    'archive_events',
    matched.map(({ file, result }) => ({
      file_id: file.id,
      action: result.status,
      note: result.status === 'received' ? `${receipt.receivedBy} ${receivedOn}` : result.reason.trim(),
      batch_id: batch.id,
      staff_id: w.actor.id,
    })),
  );
  const received = matched.filter((m) => m.result.status === 'received').length;
  const discrepancies = matched.length - received;
  await w.update('archive_batches', batch, {
    status: 'received',
    received_on: receivedOn,
    received_by: receipt.receivedBy,
    receipt_source: receipt.source,
    received_files: received,
    discrepancy_files: discrepancies,
  });
  return { batchId: batch.id, batchNo: batch.batch_no, received, discrepancies };
}
