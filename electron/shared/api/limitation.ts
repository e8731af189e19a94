import { z } from 'zod';
import { businessDate } from './business-date';
import { rpc } from './contract';
import { limitedText } from './limited-text';

/**
 * The limitation clock (诉讼时效) per active loan with a maturity date: it starts at maturity, or
 * at a recorded acceleration (宣布提前到期) before it; a returned receipt of an overdue or
 * guarantor notice, a signed balance confirmation, a repayment (balance or interest owed fell
 * between two imports), a written acknowledgement or a suit / payment order / arbitration restarts
 * it; it ends three years after the last start. Only what happened on or before the as-of date counts.
 */

/** 即将届满: the limitation ends within this many days of the as-of date (issue 11). */
export const LIMITATION_WITHIN_DAYS = 180;
export const LIMITATION_YEARS = 3;
export const LIMITATION_PAGE_MAX = 5000;

export const LIMITATION_SHOWS = ['expiring', 'expired', 'all'] as const;
export type LimitationShow = (typeof LIMITATION_SHOWS)[number];
export const LIMITATION_SHOW_LABELS: Record<LimitationShow, string> = { expiring: '即将届满', expired: '已届满', all: '全部' };

/** What restarts the clock. */
export const INTERRUPTION_KINDS = ['receipt', 'confirmation', 'repayment', 'acknowledgement', 'legal'] as const;
export type InterruptionKind = (typeof INTERRUPTION_KINDS)[number];
export const INTERRUPTION_LABELS: Record<InterruptionKind, string> = {
  receipt: '催收通知回执',
  confirmation: '余额确认书',
  repayment: '还款',
  acknowledgement: '书面确认',
  legal: '法律措施',
};

/** What staff record: an acceleration moves the start, an acknowledgement restarts the clock. */
export const RECORDED_KINDS = ['acceleration', 'acknowledgement'] as const;
export type RecordedKind = (typeof RECORDED_KINDS)[number];
export const RECORDED_LABELS: Record<RecordedKind, string> = { acceleration: '宣布提前到期', acknowledgement: '书面确认（还款承诺）' };

export const START_LABELS = { maturity: '到期日', acceleration: '宣布提前到期' } as const;
export type StartKind = keyof typeof START_LABELS;

export const LIMITATION_NOTE_MAX = 200;

export interface LastInterruption {
  date: string;
  kind: InterruptionKind;
  /** The notice number, the import's file name, or a short description. */
  ref: string;
}

export interface LimitationRow {
  loanId: string;
  borrowerId: string;
  loanNo: string;
  borrowerName: string;
  village: string | null;
  manager: string | null;
  balanceFen: number;
  maturityOn: string;
  startOn: string;
  startKind: StartKind;
  /** The interruption the clock runs from now; null when it runs from the start. */
  lastInterruption: LastInterruption | null;
  expiresOn: string;
  /** expiresOn − asOf in days; negative once expired. */
  daysLeft: number;
}

export interface LimitationPage {
  asOf: string;
  withinDays: number;
  rows: LimitationRow[];
  count: number;
}

/** One thing in a loan's clock history, counted or not and why. */
export interface LimitationEvent {
  date: string;
  kind: InterruptionKind | 'maturity' | 'acceleration';
  ref: string;
  counted: boolean;
  /** Why it counts (它起算/重新起算) or why not, in Chinese. */
  reason: string;
}

export interface LoanClock {
  loanId: string;
  borrowerId: string;
  loanNo: string;
  borrowerName: string;
  status: 'active' | 'settled';
  disbursedOn: string | null;
  maturityOn: string | null;
  asOf: string;
  /** null: no clock (no maturity date). */
  startOn: string | null;
  startKind: StartKind | null;
  lastInterruption: LastInterruption | null;
  expiresOn: string | null;
  daysLeft: number | null;
  /** Oldest first. */
  events: LimitationEvent[];
}

export interface RecordedEvent {
  id: string;
  loanId: string;
  kind: RecordedKind;
  eventOn: string;
  note: string;
}

const note = limitedText(LIMITATION_NOTE_MAX).default('');

export const limitationListSchema = z
  .object({
    /** Absent: today. */
    asOf: businessDate.optional(),
    withinDays: z.number().int().min(0).max(3650).default(LIMITATION_WITHIN_DAYS),
    show: z.enum(LIMITATION_SHOWS).default('expiring'),
    /** A staff id; null for loans without a manager. */
    managerId: z.string().min(1).nullable().optional(),
    villageId: z.string().min(1).optional(),
    /** A loan number (its start) or a borrower's name (part of it). */
    text: z.string().trim().max(60).optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(LIMITATION_PAGE_MAX).default(100),
  })
  .strict();
export type LimitationListQuery = z.infer<typeof limitationListSchema>;

export const limitationApi = {
  /** Loans by their limitation's end (soonest first), paged in the database, with the count. */
  'limitation.list': rpc<LimitationPage>()(limitationListSchema),
  /** One loan's clock and everything that did or did not move it. */
  'limitation.loan': rpc<LoanClock>()(z.object({ loanId: z.string().min(1).max(100), asOf: businessDate.optional() }).strict()),
  /** Records an acceleration or a written acknowledgement (an account manager only on their own book). */
  'limitation.record': rpc<RecordedEvent>()(
    z.object({ loanId: z.string().min(1).max(100), kind: z.enum(RECORDED_KINDS), eventOn: businessDate, note }).strict(),
  ),
};
