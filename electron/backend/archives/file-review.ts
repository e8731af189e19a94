import { ARCHIVE_STATUS_LABELS, REOPENABLE_STATUSES } from '../../shared/archive';
import type { Caller } from '../auth/caller';
import type { WriteContext } from '../changelog/write-context';
import { AppError } from '../rpc/app-error';
import { assertEditable, assertMayWorkOnFiles, loanList, readFiles, recordEditor, recordEvents, type FileWithLoan } from './file-access';
import { loadRuleBook } from './required-documents';

/**
 * Sends files to review (待审查). Every document a file needs must be present or marked 不适用;
 * the one who submits prepared the file, so they are among its editors.
 */
export async function submitFiles(w: WriteContext, user: Caller, fileIds: readonly string[]): Promise<{ submitted: number }> {
  const files = await readFiles(w, fileIds);
  assertEditable(files);
  await assertMayWorkOnFiles(w, user, files);
  await assertComplete(w, files);
  await w.updateMany(
    'archive_files',
    files.map((before) => ({ before, patch: { status: 'awaiting_review' as const, status_note: '' } })),
  );
  await recordEditor(w, fileIds);
  await recordEvents(w, fileIds, 'submit');
  return { submitted: files.length };
}

async function assertComplete(w: WriteContext, files: readonly FileWithLoan[]): Promise<void> {
  const rules = await loadRuleBook(w.trx);
  const docs = await w.trx
    .selectFrom('archive_documents')
    .select(['file_id', 'doc_type_id', 'state'])
    .where(
      'file_id',
      'in',
      files.map((f) => f.id),
    )
    .where('state', 'in', ['present', 'na'])
    .execute();
  const done = new Set(docs.map((d) => `${d.file_id}/${d.doc_type_id}`));
  const incomplete = files
    .map((f) => ({ file: f, missing: [...rules.required(f.product, f.guarantee_type)].filter((t) => !done.has(`${f.id}/${t}`)) }))
    .filter((x) => x.missing.length > 0);
  if (incomplete.length === 0) return;
  const names = new Map(
    (await w.trx.selectFrom('archive_doc_types').select(['id', 'name']).execute()).map((t) => [t.id, t.name]),
  );
  const first = incomplete[0];
  const more = incomplete.length > 1 ? `（另有 ${incomplete.length - 1} 份档案也不完整）` : '';
  throw new AppError(
    'ARCHIVE_INCOMPLETE',
    `档案 ${first.file.loan_no} 缺少必需资料：${first.missing.map((t) => names.get(t)).join('、')}。请补齐或标为“不适用”后再提交${more}。`,
    `archive files incomplete: ${incomplete.map((x) => x.file.loan_no).slice(0, 5).join(', ')}`,
    { loanNos: incomplete.map((x) => x.file.loan_no) },
  );
}

/**
 * The four-eyes review: approve (已审查) or return with the reasons (退回). Refused for the
 * whole selection when the reviewer changed the checklist of any of its files, or submitted it.
 */
export async function reviewFiles(w: WriteContext, fileIds: readonly string[], decision: 'approve' | 'return', note: string): Promise<{ reviewed: number }> {
  const files = await readFiles(w, fileIds);
  const notWaiting = files.filter((f) => f.status !== 'awaiting_review');
  if (notWaiting.length > 0) {
    throw new AppError(
      'ARCHIVE_NOT_AWAITING_REVIEW',
      `${loanList(notWaiting)}：${ARCHIVE_STATUS_LABELS[notWaiting[0].status]}，不在待审查状态，不能审查。`,
      `archive files not awaiting review: ${notWaiting.map((f) => f.loan_no).slice(0, 5).join(', ')}`,
    );
  }
  const own = await w.trx
    .selectFrom('archive_file_editors')
    .select('file_id')
    .where('staff_id', '=', w.actor.id)
    .where('file_id', 'in', [...fileIds])
    .execute();
  if (own.length > 0) {
    const mine = new Set(own.map((r) => r.file_id));
    throw new AppError(
      'FOUR_EYES',
      `四眼原则：您编辑或提交过 ${loanList(files.filter((f) => mine.has(f.id)))} 的档案清单，不能审查自己经手的档案，请由其他人员审查。`,
      `four-eyes: staff ${w.actor.id} edited ${own.length} of the files to review`,
    );
  }
  await w.updateMany(
    'archive_files',
    files.map((before) => ({
      before,
      patch: decision === 'approve' ? { status: 'reviewed' as const, status_note: '', reviewed_by: w.actor.id, reviewed_at: w.now } : { status: 'returned' as const, status_note: note },
    })),
  );
  await recordEvents(w, fileIds, decision, note);
  return { reviewed: files.length };
}

/** Reopens a file for changes (待审查, 已审查, 已签收 → 收集中), keeping the reason in its history. */
export async function reopenFile(w: WriteContext, user: Caller, fileId: string, reason: string): Promise<void> {
  const [file] = await readFiles(w, [fileId]);
  if (!REOPENABLE_STATUSES.includes(file.status)) {
    const why = file.status === 'handed_over' ? '已移交总行，等待回执，不能重新打开。' : `${ARCHIVE_STATUS_LABELS[file.status]}，可以直接修改，无需重新打开。`;
    throw new AppError('ARCHIVE_NOT_REOPENABLE', `档案 ${file.loan_no} ${why}`, `archive file ${fileId} not reopenable (${file.status})`);
  }
  await assertMayWorkOnFiles(w, user, [file]);
  await w.update('archive_files', file, { status: 'collecting', status_note: '', reviewed_by: null, reviewed_at: null, received_on: null, backlog: 0 });
  await recordEvents(w, [fileId], 'reopen', reason);
}
