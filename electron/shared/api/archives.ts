import { z } from 'zod';
import { rpc } from './contract';
import { businessDate } from './business-date';
import { limitedText } from './limited-text';
import { ARCHIVE_DOC_STATES, ARCHIVE_STATUSES, type ArchiveDocState, type ArchiveEventAction, type ArchiveStatus } from '../archive';

/**
 * Loan files (信贷档案): the checklist of each loan's paper file, the four-eyes review, and the
 * files' status and deadlines. A file exists for every loan whose disbursement date an import
 * gave; its deadline is the disbursement date plus N working days (设置). Hand-over batches to
 * head office are in archive-handover.ts, the catalogue and rules in archive-settings.ts.
 */

/** Files one bulk action (fill, submit, review) may take. */
export const ARCHIVE_BULK_MAX = 2000;

export interface ArchiveDocTypeView {
  id: string;
  name: string;
  sortOrder: number;
  active: boolean;
}

/** One checklist cell: what was recorded (null: nothing yet), and whether this loan's file needs the document. */
export interface ArchiveCell {
  state: ArchiveDocState | null;
  pages: number | null;
  required: boolean;
}

export interface ArchiveFileRow {
  fileId: string;
  loanId: string;
  borrowerId: string;
  loanNo: string;
  borrower: string;
  village: string | null;
  manager: string | null;
  product: string;
  guaranteeType: string;
  disbursedOn: string;
  dueOn: string;
  status: ArchiveStatus;
  /** Why it was returned, or head office's discrepancy. */
  statusNote: string;
  /** Past its deadline and not yet handed over. */
  overdue: boolean;
  /** Set to 已签收 by the cut-over, never checked in the app. */
  backlog: boolean;
  /** Required documents not present and not marked 不适用. */
  missing: number;
  /** Sum of the page counts entered. */
  pages: number;
  /** By document type id; types the file neither needs nor has are absent. */
  cells: Record<string, ArchiveCell>;
  /** The file's version: a change sent with it is refused once someone else changed the file. */
  updatedAt: number;
}

export interface ArchiveFilesPage {
  rows: ArchiveFileRow[];
  total: number;
  /** The catalogue's active types, in order: the grid's columns. */
  docTypes: ArchiveDocTypeView[];
  asOf: string;
}

export interface ArchiveEventView {
  action: ArchiveEventAction;
  note: string;
  batchNo: string | null;
  staffName: string;
  at: number;
}

export interface ArchiveFileDetail {
  row: ArchiveFileRow;
  /** Every type the file needs or has, in catalogue order. */
  documents: Array<{ docTypeId: string; name: string } & ArchiveCell>;
  events: ArchiveEventView[];
  /** Everyone who changed the checklist: none of them may review it. */
  editors: string[];
}

export interface ArchiveSummary {
  asOf: string;
  byStatus: Record<ArchiveStatus, number>;
  overdue: number;
  /** Overdue files per manager, most first (manager null: loans without one). */
  overdueByManager: Array<{ managerId: string | null; manager: string | null; files: number }>;
  /** The cut-over date (files disbursed before it start as 已签收), null while none is set. */
  cutoverDate: string | null;
}

export interface ArchiveOverdueFile {
  fileId: string;
  loanNo: string;
  borrower: string;
  manager: string | null;
  dueOn: string;
  status: ArchiveStatus;
}

const id = z.string().min(1).max(100);
const fileIds = z
  .array(id)
  .min(1, '请至少选择一份档案')
  .max(ARCHIVE_BULK_MAX, `一次最多处理 ${ARCHIVE_BULK_MAX} 份档案`)
  .refine((ids) => new Set(ids).size === ids.length, '档案不能重复');
const pages = z.number().int('页数应为整数').min(0, '页数不能为负').max(9999, '页数最多 9999');

/** Which files: status (or 'overdue'), village, manager, disbursement month, a loan number or name. */
export const archiveQuerySchema = z
  .object({
    status: z.enum([...ARCHIVE_STATUSES, 'overdue']).optional(),
    villageId: id.optional(),
    /** A staff id; null for loans without a manager; absent for every manager. */
    managerId: id.nullable().optional(),
    /** YYYY-MM. */
    disbursedMonth: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '放款月份应为 YYYY-MM')
      .optional(),
    /** The start of a loan number, or of a borrower's name. */
    search: limitedText(50).optional(),
    /** Absent: today. What 'overdue' is judged against. */
    asOf: businessDate.optional(),
  })
  .strict();
export type ArchiveQuery = z.infer<typeof archiveQuerySchema>;

export const archivesApi = {
  /** One page of files, newest disbursement first, with the whole selection's count. */
  'archives.files': rpc<ArchiveFilesPage>()(archiveQuerySchema.extend({ offset: z.number().int().min(0), limit: z.number().int().min(1).max(500) })),
  /** Counts by status, and the overdue files per manager, as of a date (absent: today). */
  'archives.summary': rpc<ArchiveSummary>()(z.object({ asOf: businessDate.optional() }).strict()),
  /** Every overdue file as of a date, by deadline (the CLI's `archive status`). */
  'archives.overdue': rpc<ArchiveOverdueFile[]>()(z.object({ asOf: businessDate.optional(), managerId: id.nullable().optional() }).strict()),
  'archives.file': rpc<ArchiveFileDetail>()(z.object({ fileId: id }).strict()),
  /** A loan number as a scanner types it (a folder label): its file. */
  'archives.findByLoanNo': rpc<{ fileId: string; loanNo: string }>()(z.object({ loanNo: z.string().trim().min(1, '请输入借据号').max(60) }).strict()),
  /** Sets cells of one file's checklist; refused once the file changed since `updatedAt`. */
  'archives.setDocuments': rpc<ArchiveFileDetail>()(
    z
      .object({
        fileId: id,
        updatedAt: z.number().int(),
        cells: z
          .array(z.object({ docTypeId: id, state: z.enum(ARCHIVE_DOC_STATES), pages: pages.nullable().optional() }).strict())
          .min(1)
          .max(100),
      })
      .strict(),
  ),
  /**
   * Bulk fill: the same state for some document types ('required': every type each file needs)
   * of many files; `submit` then sends them to review (what `archive set --complete` does).
   */
  'archives.fillDocuments': rpc<{ files: number; cells: number; submitted: number }>()(
    z
      .object({
        fileIds,
        docTypeIds: z.union([z.literal('required'), z.array(id).min(1).max(100)]),
        state: z.enum(ARCHIVE_DOC_STATES),
        submit: z.boolean().default(false),
      })
      .strict(),
  ),
  /** Sends files to review (待审查): every required document present or 不适用. */
  'archives.submit': rpc<{ submitted: number }>()(z.object({ fileIds }).strict()),
  /** Four-eyes review: approve (已审查) or return with the reasons (退回). Nobody reviews a file whose checklist they changed. */
  'archives.review': rpc<{ reviewed: number; decision: 'approve' | 'return' }>()(
    z
      .object({ fileIds, decision: z.enum(['approve', 'return']), note: limitedText(500).default('') })
      .strict()
      .refine((r) => r.decision === 'approve' || r.note !== '', { message: '退回时请写明原因', path: ['note'] }),
  ),
  /** Reopens a file for changes (待审查, 已审查 or 已签收 → 收集中); the reason is kept. */
  'archives.reopen': rpc<ArchiveFileDetail>()(
    z.object({ fileId: id, reason: z.string().trim().min(1, '请填写重新打开的原因').max(200, '原因最多 200 个字') }).strict(),
  ),
};
