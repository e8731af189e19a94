import { z } from 'zod';
import { rpc } from './contract';
import { businessDate } from './business-date';
import type { FileDownload, PrintOutcome } from './register';
import type { RiskClass } from '../domain';

/**
 * The branch's worklists: 到期提示 (active loans not overdue maturing from the as-of date through
 * 7 days later), 逾期 (principal overdue, in buckets of principal overdue days) and 待移交风险资产部
 * (principal overdue ≥ 30 days or interest overdue ≥ 90 days) and 诉讼准备 (principal overdue ≥ 90
 * days and no legal step recorded). Overdue days are the register's, as of its data date (数据截至).
 * Loans handed over to the risk-asset unit are on none of them.
 */
export const WORKLISTS = ['due-soon', 'overdue', 'handover', 'litigation'] as const;
export type Worklist = (typeof WORKLISTS)[number];

export const OVERDUE_BUCKETS = ['1-30', '31-90', '91-180', '181-360', '361+'] as const;
export type OverdueBucket = (typeof OVERDUE_BUCKETS)[number];

/** Principal overdue days of each bucket, both ends included (`max` null: no upper end). */
export const BUCKET_DAYS: Record<OverdueBucket, { min: number; max: number | null }> = {
  '1-30': { min: 1, max: 30 },
  '31-90': { min: 31, max: 90 },
  '91-180': { min: 91, max: 180 },
  '181-360': { min: 181, max: 360 },
  '361+': { min: 361, max: null },
};

/** Maturity from the as-of date through this many days later: 到期提示 (DOMAIN.md: 7 days before maturity). */
export const DUE_SOON_DAYS = 7;
/** Hand-over to 风险资产部 (DOMAIN.md): principal overdue ≥ 1 month or interest overdue ≥ 3 months, in days. */
export const HANDOVER_PRINCIPAL_DAYS = 30;
export const HANDOVER_INTEREST_DAYS = 90;
/** 诉讼准备: principal overdue this many days or more, and no legal step recorded. */
export const LITIGATION_DAYS = 90;

export const WORKLIST_LABELS: Record<Worklist, string> = {
  'due-soon': '到期提示',
  overdue: '逾期贷款',
  handover: '待移交风险资产部',
  litigation: '诉讼准备',
};

export const BUCKET_LABELS: Record<OverdueBucket, string> = {
  '1-30': '逾期 1–30 天',
  '31-90': '逾期 31–90 天',
  '91-180': '逾期 91–180 天',
  '181-360': '逾期 181–360 天',
  '361+': '逾期 360 天以上',
};

/** The columns a worklist sorts by (in the database). */
export const WORKLIST_SORT_COLUMNS = [
  'loanNo',
  'borrower',
  'village',
  'manager',
  'maturityOn',
  'balanceFen',
  'overdueDays',
  'interestOverdueDays',
  'interestOwedFen',
] as const;
export type WorklistSortColumn = (typeof WORKLIST_SORT_COLUMNS)[number];

/** Which loans: the list (and bucket), the as-of date, a manager and a village. */
export const worklistQuerySchema = z
  .object({
    list: z.enum(WORKLISTS),
    /** Overdue only: one bucket of principal overdue days; absent for every overdue loan. */
    bucket: z.enum(OVERDUE_BUCKETS).optional(),
    /** Absent: the register's data date (数据截至), or today for an empty register. Only 到期提示 depends on it. */
    asOf: businessDate.optional(),
    /** A staff id; null for loans without a manager; absent for every manager. */
    managerId: z.string().min(1).nullable().optional(),
    villageId: z.string().min(1).optional(),
  })
  .strict()
  .refine((q) => q.bucket === undefined || q.list === 'overdue', { message: '只有逾期清单可按逾期天数分段', path: ['bucket'] });
export type WorklistQuery = z.infer<typeof worklistQuerySchema>;

/** The filters without the list: what the tab counts share. */
const filterSchema = z
  .object({
    asOf: businessDate.optional(),
    managerId: z.string().min(1).nullable().optional(),
    villageId: z.string().min(1).optional(),
  })
  .strict();

export interface WorklistRow {
  loanId: string;
  borrowerId: string;
  loanNo: string;
  borrower: string;
  phones: string;
  township: string | null;
  village: string | null;
  manager: string | null;
  maturityOn: string | null;
  balanceFen: number;
  /** Principal overdue days, as of the register's data date. */
  overdueDays: number;
  interestOverdueDays: number | null;
  interestOwedFen: number | null;
  riskClass: RiskClass | null;
}

/** What a worklist's figures are as of. */
export interface WorklistDates {
  /** The as-of date used: the one asked for, else the register's data date, else today. */
  asOf: string;
  /** The register's data date (数据截至): the date the overdue days are as of; null for an empty register. */
  dataAsOf: string | null;
  /** 到期提示's maturity window, both ends included. */
  dueFrom: string;
  dueTo: string;
}

export interface WorklistSums {
  count: number;
  balanceFen: number;
  interestOwedFen: number;
}

export interface WorklistPage extends WorklistDates, WorklistSums {
  rows: WorklistRow[];
}

/** Count and balance of every list and bucket under the same filters: the tabs' figures. */
export interface WorklistCounts extends WorklistDates {
  dueSoon: WorklistSums;
  overdue: WorklistSums;
  buckets: Record<OverdueBucket, WorklistSums>;
  handover: WorklistSums;
  litigation: WorklistSums;
}

export interface WorklistOptions {
  dataAsOf: string | null;
  /** Staff who manage an active loan, and account managers. */
  managers: Array<{ id: string; name: string }>;
  villages: Array<{ id: string; township: string; name: string }>;
}

/** Rows a page of the grid may ask for; the CLI asks for this many at a time. */
export const WORKLIST_PAGE_MAX = 5000;

export const worklistsApi = {
  /** One page of a worklist, with the count and sums of the whole list. */
  'worklists.list': rpc<WorklistPage>()(
    z.object({
      query: worklistQuerySchema,
      sort: z.array(z.object({ colId: z.enum(WORKLIST_SORT_COLUMNS), sort: z.enum(['asc', 'desc']) })).max(3).default([]),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(WORKLIST_PAGE_MAX).default(100),
    }).strict(),
  ),
  'worklists.counts': rpc<WorklistCounts>()(filterSchema),
  'worklists.options': rpc<WorklistOptions>()(z.object({}).strict()),
  /** The whole list as .xlsx (logged as an export of personal data: names and phones). */
  'worklists.exportXlsx': rpc<FileDownload & { count: number }>()(
    z.object({
      query: worklistQuerySchema,
      sort: z.array(z.object({ colId: z.enum(WORKLIST_SORT_COLUMNS), sort: z.enum(['asc', 'desc']) })).max(3).default([]),
    }).strict(),
  ),
  /** The whole list on paper (A4 landscape), recorded as a printed document. */
  'worklists.print': rpc<PrintOutcome & { count: number }>()(
    z.object({
      query: worklistQuerySchema,
      sort: z.array(z.object({ colId: z.enum(WORKLIST_SORT_COLUMNS), sort: z.enum(['asc', 'desc']) })).max(3).default([]),
      deliver: z.enum(['file', 'preview']).default('file'),
    }).strict(),
  ),
};
