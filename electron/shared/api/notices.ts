import { z } from 'zod';
import { NOTICE_KINDS, type NoticeDelivery, type NoticeFigures, type NoticeKind } from '../notices';
import { businessDate } from './business-date';
import { rpc } from './contract';
import type { PrintOutcome } from './register';
import { limitedText } from './limited-text';

/**
 * Issuing numbered notices in batches, their register, delivery and receipts. Numbers
 * (`白文支行催字〔2026〕第0001号`) are per kind and year, taken when a batch starts printing and
 * never reused: a batch whose print fails or is cancelled keeps its notices as 已作废.
 */

/** Notices one batch may hold: a county's overdue book is issued village by village or manager by manager. */
export const NOTICE_BATCH_MAX = 5000;
export const NOTICE_PAGE_MAX = 5000;


/** Which loans a batch is for: a village, a manager's book, the branch, or ticked rows (a worklist, the register). */
export const noticeScopeSchema = z.discriminatedUnion('by', [
  z.object({ by: z.literal('village'), villageId: z.string().min(1) }).strict(),
  /** null: loans without a manager. */
  z.object({ by: z.literal('manager'), managerId: z.string().min(1).nullable() }).strict(),
  z.object({ by: z.literal('branch') }).strict(),
  z
    .object({ by: z.literal('loans'), loanIds: z.array(z.string().min(1)).min(1, '请先勾选贷款').max(NOTICE_BATCH_MAX, `一次最多 ${NOTICE_BATCH_MAX} 笔`) })
    .strict(),
]);
export type NoticeScope = z.infer<typeof noticeScopeSchema>;

const batchRequest = z
  .object({
    kind: z.enum(NOTICE_KINDS, { error: '请选择通知书种类' }),
    scope: noticeScopeSchema,
    /** With overdue notices: a 担保人履行保证责任通知书 to each named guarantor of each loan, right after the borrower's. */
    withGuarantors: z.boolean().default(false),
    /** The day of issue (today when absent): its year numbers the notices; reminders go to loans maturing within 7 days of it. */
    asOf: businessDate.optional(),
  })
  .strict();
export type NoticeBatchRequest = z.infer<typeof batchRequest>;

/** One notice a batch would issue (before numbers). */
export interface NoticeCandidate {
  loanId: string;
  loanNo: string;
  borrowerName: string;
  village: string | null;
  kind: NoticeKind;
  addressee: string;
  addresseeRole: 'borrower' | 'guarantor';
  balanceFen: number;
  interestOwedFen: number;
  principalOverdueDays: number;
  maturityOn: string | null;
}

export interface NoticeBatchPlan {
  /** The register's as-of date the figures come from. */
  asOf: string | null;
  /** In print order: the register's order (village, household), a guarantor's right after the borrower's. */
  notices: NoticeCandidate[];
  /** Loans in scope the kind does not fit (not overdue, no guarantor named…), counted by reason. */
  skipped: Array<{ reason: string; loans: number }>;
  /** The first few notices as they will print (sample numbers), a full HTML document. */
  sampleHtml: string;
}

export interface NoticeIssueOutcome {
  batchId: string;
  issued: number;
  /** First and last number of the batch's main kind; null when nothing was issued. */
  numbers: [string, string] | null;
  /** Where the PDF is kept (the data folder). */
  pdfPath: string;
  sha256: string;
  print: PrintOutcome;
}

/** The 'notices.progress' event of notices.issue. */
export interface NoticeProgress {
  stage: 'numbering' | 'rendering' | 'saving';
  done: number;
  total: number;
}

export interface NoticeView {
  id: string;
  batchId: string;
  kind: NoticeKind;
  noticeNo: string;
  scanCode: string;
  loanId: string;
  loanNo: string;
  borrowerName: string;
  village: string | null;
  addressee: string;
  addresseeRole: 'borrower' | 'guarantor';
  asOf: string;
  issuedOn: string;
  issuedBy: string;
  issuedAt: number;
  status: 'printing' | 'issued' | 'cancelled';
  cancelReason: string;
  delivery: NoticeDelivery;
  deliveryNote: string;
  receiptOn: string | null;
  receiptSigner: string;
  pdfPath: string | null;
  sha256: string | null;
  figures: NoticeFigures;
  updatedAt: number;
}

export interface NoticeRegisterPage {
  rows: NoticeView[];
  count: number;
}

const registerQuery = z
  .object({
    kind: z.enum(NOTICE_KINDS).optional(),
    status: z.enum(['printing', 'issued', 'cancelled']).optional(),
    delivery: z.enum(['sent', 'delivered', 'returned', 'undeliverable']).optional(),
    villageId: z.string().min(1).optional(),
    loanId: z.string().min(1).optional(),
    /** Issued on or after / on or before. */
    from: businessDate.optional(),
    to: businessDate.optional(),
    /** A number, scan code, loan number or name (part of it). */
    text: z.string().trim().max(60).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(NOTICE_PAGE_MAX).default(100),
  })
  .strict();

/** The receipt just scanned, for the clerk's confirmation. */
export interface ReceiptScanned {
  noticeId: string;
  noticeNo: string;
  kind: NoticeKind;
  addressee: string;
  borrowerName: string;
  loanNo: string;
  /** What the notice demanded: overdue principal + interest owed, or the balance for a confirmation. */
  amountFen: number;
  receiptOn: string;
}

export interface UnnoticedRow {
  loanId: string;
  loanNo: string;
  borrowerName: string;
  village: string | null;
  manager: string | null;
  balanceFen: number;
  interestOwedFen: number;
  principalOverdueDays: number;
  interestOverdueDays: number;
  /** The last overdue notice issued for the loan (any month), if any. */
  lastNoticeNo: string | null;
  lastNoticeOn: string | null;
}

export interface UnnoticedPage {
  /** The calendar month checked, YYYY-MM. */
  month: string;
  asOf: string | null;
  rows: UnnoticedRow[];
  count: number;
  balanceFen: number;
}

export const noticesApi = {
  /** What a batch would issue, and a sample of its first notices, without taking numbers. */
  'notices.plan': rpc<NoticeBatchPlan>()(batchRequest),
  /**
   * Issues a batch: numbers taken in one transaction, one PDF (kept in the data folder, its
   * SHA-256 stored), delivered as a file or the desktop app's print preview. Reports
   * 'notices.progress'; a cancel (calls.cancel) or a failed print voids the batch's numbers.
   */
  'notices.issue': rpc<NoticeIssueOutcome>()(batchRequest.extend({ deliver: z.enum(['file', 'preview']).default('file') }).strict()),
  /** The notice register, newest first, one page at a time. */
  'notices.register': rpc<NoticeRegisterPage>()(registerQuery),
  /** The batch's PDF again, from the file kept (its SHA-256 checked). */
  'notices.reopenPdf': rpc<PrintOutcome>()(z.object({ batchId: z.string().min(1), deliver: z.enum(['file', 'preview']).default('file') }).strict()),
  /** A receipt back: by its number or scan code (a barcode scanner types the scan code, then Enter). */
  'notices.scanReceipt': rpc<ReceiptScanned>()(
    z
      .object({
        code: z.string().trim().min(1, '请扫描或输入通知书编号').max(60, '编号过长'),
        /** The day the borrower signed; absent: today. */
        receiptOn: businessDate.optional(),
        signer: limitedText(40).default(''),
      })
      .strict(),
  ),
  /** Delivery by hand: 已发出, 已送达, 无法送达 (with a note); a returned receipt goes through scanReceipt. */
  'notices.setDelivery': rpc<NoticeView>()(
    z
      .object({
        noticeId: z.string().min(1),
        delivery: z.enum(['sent', 'delivered', 'undeliverable']),
        note: limitedText(200).default(''),
        expectedUpdatedAt: z.number().int(),
      })
      .strict(),
  ),
  /** Voids an issued notice (misprinted, never sent); it stays in the register as 已作废 with the reason. */
  'notices.cancel': rpc<NoticeView>()(
    z.object({ noticeId: z.string().min(1), reason: limitedText(200).pipe(z.string().min(1, '请填写作废原因')), expectedUpdatedAt: z.number().int() }).strict(),
  ),
  /** Overdue loans with no overdue notice issued this calendar month (每月书面催收). */
  'notices.unnoticed': rpc<UnnoticedPage>()(
    z
      .object({
        month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM').optional(),
        managerId: z.string().min(1).nullable().optional(),
        villageId: z.string().min(1).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(NOTICE_PAGE_MAX).default(100),
      })
      .strict(),
  ),
};
