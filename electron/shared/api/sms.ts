import { z } from 'zod';
import { checkPhone, normalizePhone } from '../phone';
import { overLimit } from '../text-length';
import { rpc } from './contract';
import type { FileDownload } from './register';
import { worklistQuerySchema } from './worklists';

/**
 * SMS batch (短信批量提醒): a message per loan of a worklist (or the loans picked on it) from an
 * editable template, exported as the upload file of the bank's SMS platform; each message
 * becomes a contact of way 短信 once the clerk confirms the platform accepted the upload.
 * Placeholders: see SMS_PLACEHOLDERS (electron/shared/sms-text.ts).
 */

export const SMS_SKIP_REASONS = ['没有手机号', '号码无效'] as const;
export type SmsSkipReason = (typeof SMS_SKIP_REASONS)[number];

export interface SmsMessageView {
  loanId: string;
  borrowerId: string;
  loanNo: string;
  name: string;
  /** The borrower's first mobile, in the register's order. */
  phone: string;
  text: string;
  /** Characters as the SMS platform counts them (smsLength). */
  length: number;
  segments: number;
}

/** A loan that gets no message, and why: never silently dropped. */
export interface SmsSkippedView {
  loanId: string;
  loanNo: string;
  name: string;
  /** The borrower's phones as the register shows them ('' for none). */
  phones: string;
  reason: SmsSkipReason;
  detail: string;
}

/**
 * Rows of each list a preview carries, as many as the dialog shows: a county's list would
 * otherwise send tens of thousands of messages each time the template changes.
 */
export const SMS_PREVIEW_ROWS = 200;

export interface SmsPreview {
  /** The list and filters in words: what the batch is of. */
  scope: string;
  asOf: string;
  /** The first SMS_PREVIEW_ROWS messages, in the list's order (sms.export writes them all). */
  messages: SmsMessageView[];
  /** All the batch's messages. */
  messageCount: number;
  /** The first SMS_PREVIEW_ROWS loans that get no message, with the reason. */
  skipped: SmsSkippedView[];
  skippedCount: number;
  totalSegments: number;
  /** What the clerk should fix before exporting (a placeholder nobody can fill); export is refused while any is left. */
  problems: string[];
  /** Worth knowing, not blocking (a loan without a manager for {客户经理}). */
  warnings: string[];
}

export type SmsFormat = 'xlsx' | 'csv';

export interface SmsExportOutcome extends FileDownload {
  batchId: string;
  messages: number;
  skipped: number;
  totalSegments: number;
}

export type SmsBatchStatus = '待确认' | '已确认';

export interface SmsBatchView {
  id: string;
  /** When it was exported (epoch ms). */
  createdAt: number;
  template: string;
  scope: string;
  messages: number;
  skipped: number;
  totalSegments: number;
  staffName: string;
  confirmedAt: number | null;
  confirmedBy: string | null;
  status: SmsBatchStatus;
}

export interface SmsConfirmOutcome {
  batchId: string;
  /** Contacts recorded, one per message. */
  contacts: number;
  /** Local time 'YYYY-MM-DD HH:MM' the contacts are dated. */
  contactedAt: string;
  confirmedAt: number;
}

const id = z.string().min(1).max(100);

export const SMS_TEMPLATE_MAX = 500;

const template = z
  .string({ error: '请填写短信模板' })
  .transform((s) => s.trim())
  .refine((s) => s.length > 0, '请填写短信模板')
  .refine((s) => !overLimit(s, SMS_TEMPLATE_MAX), `短信模板最多 ${SMS_TEMPLATE_MAX} 个字`);

/** The phone {客户经理电话} stands for where the loan's manager has none in 人员名单 (staff.phone), given per batch. */
const managerPhone = z
  .string()
  .transform((s) => (s.trim() === '' ? '' : normalizePhone(s)))
  .refine((s) => s === '' || checkPhone(s).ok, '客户经理电话无效，请填写手机号或带区号的座机号（如 0358-1234567）')
  .default('');

export const smsBatchInputSchema = z
  .object({
    query: worklistQuerySchema,
    /** Only these loans of the list (the rows picked in the grid); absent for the whole list. */
    loanIds: z.array(id).min(1, '请至少选择一笔贷款').max(50_000).optional(),
    template,
    managerPhone,
  })
  .strict();
export type SmsBatchInput = z.infer<typeof smsBatchInputSchema>;

export const smsApi = {
  /** The messages a batch would hold, with the loans that get none and why; changes nothing. */
  'sms.preview': rpc<SmsPreview>()(smsBatchInputSchema),
  /** Stores the batch and returns the platform's upload file (手机号码, 短信内容); logged as an export of personal data. */
  'sms.export': rpc<SmsExportOutcome>()(
    smsBatchInputSchema.extend({ format: z.enum(['xlsx', 'csv'], { error: '请选择导出格式' }) }).strict(),
  ),
  /** The clerk confirms the platform accepted the upload: each message becomes a contact of way 短信. Once only. */
  'sms.confirm': rpc<SmsConfirmOutcome>()(z.object({ batchId: id }).strict()),
  /** Batches exported so far, newest first. */
  'sms.batches': rpc<SmsBatchView[]>()(z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict()),
};
