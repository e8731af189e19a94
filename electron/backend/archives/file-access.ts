import { ARCHIVE_STATUS_LABELS, EDITABLE_STATUSES, type ArchiveEventAction } from '../../shared/archive';
import type { Caller } from '../auth/caller';
import type { WriteContext } from '../changelog/write-context';
import type { Row } from '../db/schema';
import { assertMayWorkOnLoans } from '../collection/book-access';
import { AppError } from '../rpc/app-error';
import { listLoanNos } from './loan-nos';

export type FileWithLoan = Row<'archive_files'> & { loan_no: string; product: string; guarantee_type: string };

/** The files as they are in this transaction, in the order asked; an unknown id fails the whole call. */
export async function readFiles(w: WriteContext, fileIds: readonly string[]): Promise<FileWithLoan[]> {
  const rows = await w.trx
    .selectFrom('archive_files as f')
    .innerJoin('loans as l', 'l.id', 'f.loan_id')
    .selectAll('f')
    .select(['l.loan_no', 'l.product', 'l.guarantee_type'])
    .where('f.id', 'in', [...fileIds])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = fileIds.filter((id) => !byId.has(id));
  if (missing.length > 0) throw new AppError('NOT_FOUND', '找不到所选的档案，请刷新后重试。', `archive files not found: ${missing.slice(0, 5).join(', ')}`);
  return fileIds.map((id) => byId.get(id)!);
}

/** The files' loan numbers for a message (the first ten, then how many more). */
export function loanList(files: ReadonlyArray<{ loan_no: string }>): string {
  return listLoanNos(files.map((f) => f.loan_no));
}

/** A checklist can change only while the file is at the branch being collected (收集中, 退回, 有差异). */
export function assertEditable(files: readonly FileWithLoan[]): void {
  const locked = files.filter((f) => !EDITABLE_STATUSES.includes(f.status));
  if (locked.length === 0) return;
  const first = locked[0];
  const why =
    first.status === 'received'
      ? '已签收的档案不能修改，请先“重新打开”（须填写原因）。'
      : first.status === 'handed_over'
        ? '已移交总行的档案不能修改，请等总行回执。'
        : `${ARCHIVE_STATUS_LABELS[first.status]}的档案不能修改清单；如需修改，请先“重新打开”（须填写原因）。`;
  throw new AppError('ARCHIVE_LOCKED', `${loanList(locked)}：${why}`, `archive files not editable (${first.status}): ${locked.map((f) => f.loan_no).slice(0, 5).join(', ')}`);
}

/** Account managers work on their own book's files only (as with collection work); others on any. */
export async function assertMayWorkOnFiles(w: WriteContext, user: Caller, files: readonly FileWithLoan[]): Promise<void> {
  await assertMayWorkOnLoans(w.trx, user, files.map((f) => f.loan_id));
}

/** Records the caller among the file's editors (once), so that the four-eyes rule can refuse them its review. */
export async function recordEditor(w: WriteContext, fileIds: readonly string[]): Promise<void> {
  if (fileIds.length === 0) return;
  const known = new Set(
    (await w.trx.selectFrom('archive_file_editors').select('file_id').where('staff_id', '=', w.actor.id).where('file_id', 'in', [...fileIds]).execute()).map(
      (r) => r.file_id,
    ),
  );
  const fresh = [...new Set(fileIds)].filter((id) => !known.has(id));
  if (fresh.length > 0) await w.insertMany('archive_file_editors', fresh.map((file_id) => ({ file_id, staff_id: w.actor.id })));
}

export async function recordEvents(w: WriteContext, fileIds: readonly string[], action: ArchiveEventAction, note = '', batchId: string | null = null): Promise<void> {
  if (fileIds.length === 0) return;
  await w.insertMany('archive_events', fileIds.map((file_id) => ({ file_id, action, note, batch_id: batchId, staff_id: w.actor.id })));
}
