/** Vocabulary of loan files (信贷档案), shared by backend, CLI and renderer. */

/** Where a file is: the names the CLI prints, in the order a file moves through them. */
export const ARCHIVE_STATUSES = ['collecting', 'awaiting_review', 'reviewed', 'returned', 'handed_over', 'received', 'discrepancy'] as const;
export type ArchiveStatus = (typeof ARCHIVE_STATUSES)[number];

export const ARCHIVE_STATUS_LABELS: Record<ArchiveStatus, string> = {
  collecting: '收集中',
  awaiting_review: '待审查',
  reviewed: '已审查',
  returned: '退回',
  handed_over: '已移交',
  received: '已签收',
  discrepancy: '有差异',
};

/** Files still at the branch: their checklist may be changed, and they count towards the deadline. */
export const EDITABLE_STATUSES: readonly ArchiveStatus[] = ['collecting', 'returned', 'discrepancy'];
/** Files not yet at head office: overdue once past their deadline. */
export const OPEN_STATUSES: readonly ArchiveStatus[] = ['collecting', 'awaiting_review', 'reviewed', 'returned', 'discrepancy'];
/** Files that can be reopened (with a reason) to be changed again. */
export const REOPENABLE_STATUSES: readonly ArchiveStatus[] = ['awaiting_review', 'reviewed', 'received'];

/** A checklist cell: 有 present, 缺 missing, 不适用 not applicable. */
export const ARCHIVE_DOC_STATES = ['present', 'missing', 'na'] as const;
export type ArchiveDocState = (typeof ARCHIVE_DOC_STATES)[number];
export const ARCHIVE_DOC_STATE_LABELS: Record<ArchiveDocState, string> = { present: '有', missing: '缺', na: '不适用' };

/** The guarantee types the document rules know; a loan may have several (保证+抵押). */
export const GUARANTEE_KINDS = ['信用', '保证', '抵押', '质押'] as const;
export type GuaranteeKind = (typeof GUARANTEE_KINDS)[number];

export const ARCHIVE_EVENT_ACTIONS = ['submit', 'approve', 'return', 'reopen', 'handover', 'received', 'discrepancy', 'cutover'] as const;
export type ArchiveEventAction = (typeof ARCHIVE_EVENT_ACTIONS)[number];
export const ARCHIVE_EVENT_LABELS: Record<ArchiveEventAction, string> = {
  submit: '提交审查',
  approve: '审查通过',
  return: '退回',
  reopen: '重新打开',
  handover: '移交',
  received: '总行签收',
  discrepancy: '总行反馈差异',
  cutover: '存量档案按切换日视为已签收',
};

/** Working days from disbursement to hand-over, unless set otherwise. */
export const DEFAULT_ARCHIVE_DEADLINE_DAYS = 10;

/** The document number of a hand-over batch: `白文支行档移〔2026〕第001号`. */
export function archiveBatchNo(branch: string, year: number, seq: number): string {
  return `${branch}档移〔${year}〕第${String(seq).padStart(3, '0')}号`;
}
