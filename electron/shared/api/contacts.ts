import { z } from 'zod';
import { overLimit } from '../text-length';
import { rpc } from './contract';
import type { FileDownload, PrintOutcome } from './register';
import { businessDate } from './business-date';
import { isBusinessDateInput } from './business-date';

/**
 * The contact log (催收联系记录): every contact with a household, about one of its loans or the
 * household as a whole, with an optional promise to pay and the next follow-up date.
 */
export const CONTACT_WAYS = ['phone', 'sms', 'visit', 'letter', 'other'] as const;
export type ContactWay = (typeof CONTACT_WAYS)[number];
export const WAY_LABELS: Record<ContactWay, string> = { phone: '电话', sms: '短信', visit: '上门', letter: '信函', other: '其他' };

export const CONTACT_REACHED = ['self', 'family', 'guarantor', 'contact', 'none'] as const;
export type ContactReached = (typeof CONTACT_REACHED)[number];
export const REACHED_LABELS: Record<ContactReached, string> = {
  self: '本人',
  family: '家属',
  guarantor: '担保人',
  contact: '联系人',
  none: '未联系上',
};

/**
 * A promise as judged from the imports after it was made:
 * - kept (已兑现): an import dated after the baseline and no later than the promised date shows the
 *   overdue amount (overdue principal + interest owed) or the balance fallen by at least the promised amount;
 * - broken (已违约): the promised date has passed without that;
 * - pending (待兑现): neither yet.
 */
export const PROMISE_STATUSES = ['pending', 'kept', 'broken'] as const;
export type PromiseStatus = (typeof PROMISE_STATUSES)[number];
export const PROMISE_STATUS_LABELS: Record<PromiseStatus, string> = { pending: '待兑现', kept: '已兑现', broken: '已违约' };

/** The import that shows a promise kept, and by how much the amount fell. */
export interface PromiseEvidence {
  importId: string | null;
  fileName: string | null;
  asOf: string;
  /** Which amount fell by at least the promise: 逾期金额 or 余额. */
  measure: 'overdue' | 'balance';
  fellByFen: number;
}

export interface PromiseJudgement {
  status: PromiseStatus;
  evidence: PromiseEvidence | null;
  /** The imports' figures the promise is measured from: the last import before the contact day. */
  baselineAsOf: string | null;
  /** Broken, but no import is dated on or after the promised date yet: the payment may not be in the data. */
  awaitingData: boolean;
}

export interface ContactView {
  id: string;
  borrowerId: string;
  loanId: string | null;
  loanNo: string | null;
  borrower: string;
  contactedAt: string;
  way: ContactWay;
  reached: ContactReached;
  outcome: string;
  promiseOn: string | null;
  promiseFen: number | null;
  promise: PromiseJudgement | null;
  followUpOn: string | null;
  note: string;
  staffId: string;
  staffName: string;
  updatedAt: number;
}

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2}) ([01]\d|2[0-3]):[0-5]\d$/;
export const CONTACTED_AT_MESSAGE = '联系时间无效，应为 YYYY-MM-DD HH:MM';

/** Local date and time 'YYYY-MM-DD HH:MM', a real calendar day. */
export const localDateTime = z
  .string({ error: CONTACTED_AT_MESSAGE })
  .refine((s) => {
    const m = LOCAL_DATE_TIME.exec(s);
    return m !== null && isBusinessDateInput(m[1]);
  }, { error: CONTACTED_AT_MESSAGE, abort: true });

const text = (max: number, label: string) =>
  z.string().transform((s) => s.trim()).refine((s) => !overLimit(s, max), `${label}最多 ${max} 个字`);

export const contactInputSchema = z
  .object({
    borrowerId: z.string().min(1),
    /** Null or absent: the household as a whole. */
    loanId: z.string().min(1).nullable().default(null),
    contactedAt: localDateTime,
    way: z.enum(CONTACT_WAYS, { error: '请选择联系方式' }),
    reached: z.enum(CONTACT_REACHED, { error: '请选择联系对象' }),
    outcome: text(200, '联系结果').default(''),
    promise: z
      .object({
        on: businessDate,
        amountFen: z.number({ error: '承诺金额无效' }).int('承诺金额无效').positive('承诺金额应大于零').max(1e13, '承诺金额过大'),
      })
      .strict()
      .nullable()
      .default(null),
    followUpOn: businessDate.nullable().default(null),
    note: text(500, '备注').default(''),
  })
  .strict()
  .refine((c) => c.promise === null || c.promise.on >= c.contactedAt.slice(0, 10), { message: '承诺还款日期不能早于联系日期', path: ['promise', 'on'] })
  .refine((c) => c.followUpOn === null || c.followUpOn >= c.contactedAt.slice(0, 10), { message: '下次跟进日期不能早于联系日期', path: ['followUpOn'] })
  .refine((c) => c.promise === null || c.reached !== 'none', { message: '未联系上时不能登记还款承诺', path: ['reached'] });
export type ContactInput = z.infer<typeof contactInputSchema>;

/** Which follow-up list: 今日跟进 (follow-ups and promises due today or earlier) or 违约承诺 (broken promises). */
export const CONTACT_LISTS = ['follow-ups', 'broken-promises'] as const;
export type ContactList = (typeof CONTACT_LISTS)[number];
export const CONTACT_LIST_LABELS: Record<ContactList, string> = { 'follow-ups': '今日跟进', 'broken-promises': '违约承诺' };

export interface FollowUpRow extends ContactView {
  village: string | null;
  manager: string | null;
  phones: string;
  /** The day this row falls due: the follow-up date or the promised date, whichever is earlier. */
  dueOn: string;
  /** Active loans of the row's loan or household: balance and the longest principal overdue. */
  balanceFen: number;
  overdueDays: number;
}

export interface ContactListPage {
  /** Today (or the day asked for). */
  asOf: string;
  dataAsOf: string | null;
  /** The page asked for, in the list's order (due date, the borrower's pinyin, the loan number). */
  rows: FollowUpRow[];
  /** The whole list: its rows, promised amounts and on-book balances. */
  count: number;
  promisedFen: number;
  balanceFen: number;
}

/** Rows a page of a contact list may hold (as the loan worklists' WORKLIST_PAGE_MAX). */
export const CONTACT_PAGE_MAX = 5000;

const contactListQuery = z
  .object({
    list: z.enum(CONTACT_LISTS),
    /** Absent: today. */
    asOf: businessDate.optional(),
    managerId: z.string().min(1).nullable().optional(),
    villageId: z.string().min(1).optional(),
  })
  .strict();

export const contactsApi = {
  'contacts.record': rpc<ContactView>()(contactInputSchema),
  /** A household's contacts, or one loan's (and those about its household as a whole), newest first. */
  'contacts.list': rpc<ContactView[]>()(
    z.union([z.object({ borrowerId: z.string().min(1) }).strict(), z.object({ loanId: z.string().min(1) }).strict()]),
  ),
  /** One page of a list (offset, limit: 100 unless asked), with the count and sums of the whole list. */
  'contacts.worklist': rpc<ContactListPage>()(
    contactListQuery
      .extend({
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(CONTACT_PAGE_MAX).default(100),
      })
      .strict(),
  ),
  /** The list as .xlsx (logged as an export of personal data). */
  'contacts.exportXlsx': rpc<FileDownload & { count: number }>()(contactListQuery),
  /** The list on paper (A4 landscape), recorded as a printed document. */
  'contacts.print': rpc<PrintOutcome & { count: number }>()(contactListQuery.extend({ deliver: z.enum(['file', 'preview']).default('file') })),
};
