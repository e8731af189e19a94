import { z } from 'zod';
import type { RiskClass } from '../domain';
import { overLimit } from '../text-length';
import { businessDate } from './business-date';
import { rpc } from './contract';

/**
 * 不良贷款可回收性: for each non-performing loan (五级分类 次级, 可疑, 损失), whether it can be
 * recovered, with a reason and a date. Every assessment is kept (history); the current one is the
 * latest (by assessment date, then by when it was recorded).
 */
export const VERDICTS = ['recoverable', 'with-effort', 'unrecoverable'] as const;
export type Verdict = (typeof VERDICTS)[number];
export const VERDICT_LABELS: Record<Verdict, string> = {
  recoverable: '可以收回',
  'with-effort': '通过努力可以收回',
  unrecoverable: '暂时无法收回',
};
/** The summary's column for loans nobody has assessed yet. */
export const UNASSESSED_LABEL = '未评估';

export const REASON_MAX = 200;

export interface NplRow {
  loanId: string;
  loanNo: string;
  borrowerId: string;
  borrower: string;
  township: string | null;
  village: string | null;
  riskClass: RiskClass;
  balanceFen: number;
  overdueDays: number;
  managerId: string | null;
  manager: string | null;
  /** The current assessment; null when none yet (未评估). */
  verdict: Verdict | null;
  reason: string | null;
  assessedOn: string | null;
  assessedBy: string | null;
}

export interface NplList {
  rows: NplRow[];
  count: number;
  balanceFen: number;
  /** Whether the caller may assess (an account manager: only their own book's loans). */
  limitedToOwnBook: boolean;
}

export interface AssessmentEntry {
  id: string;
  loanId: string;
  assessedOn: string;
  verdict: Verdict;
  reason: string;
  staffName: string;
  /** When it was recorded (epoch ms). */
  at: number;
  /** The loan's current assessment. */
  current: boolean;
}

export interface CountAndBalance {
  loans: number;
  balanceFen: number;
}

export type VerdictOrNone = Verdict | 'none';

export interface RecoverabilitySummaryRow {
  /** Null: loans nobody looks after (未分配). */
  managerId: string | null;
  name: string;
  byVerdict: Record<VerdictOrNone, CountAndBalance>;
  total: CountAndBalance;
}

export interface RecoverabilitySummary {
  rows: RecoverabilitySummaryRow[];
  /** 合计: the branch's non-performing loans, counted directly (the rows add up to it). */
  totals: RecoverabilitySummaryRow;
}

const reason = z
  .string()
  .transform((s) => s.trim())
  .superRefine((s, ctx) => {
    if (s.length === 0) ctx.addIssue({ code: 'custom', message: '请填写理由' });
    else if (overLimit(s, REASON_MAX)) ctx.addIssue({ code: 'custom', message: `理由最多 ${REASON_MAX} 个字` });
  });

export const recoverabilityApi = {
  /** Records one assessment for each loan (all or none); every loan must be active and non-performing. */
  'recoverability.assess': rpc<{ assessed: number }>()(
    z
      .object({
        loanIds: z
          .array(z.string().min(1).max(100))
          .min(1, '请至少选择一笔贷款')
          .max(10_000)
          .refine((ids) => new Set(ids).size === ids.length, '贷款不能重复'),
        verdict: z.enum(VERDICTS, { error: '请选择可回收性' }),
        reason,
        /** Absent: today. */
        assessedOn: businessDate.optional(),
      })
      .strict(),
  ),
  /** Active non-performing loans with their current assessment; optionally one manager's (null: nobody's). */
  'recoverability.list': rpc<NplList>()(z.object({ managerId: z.string().min(1).nullable().optional() }).strict()),
  /** Every assessment of a loan, newest first. */
  'recoverability.history': rpc<AssessmentEntry[]>()(z.object({ loanId: z.string().min(1) }).strict()),
  /** Per current manager: count and balance per verdict and 未评估, with 合计. */
  'recoverability.summary': rpc<RecoverabilitySummary>()(z.object({}).strict()),
};
