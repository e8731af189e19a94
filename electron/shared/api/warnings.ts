import { z } from 'zod';
import { rpc } from './contract';
import { limitedText } from './limited-text';
import type { RiskClass } from '../domain';

/**
 * Early warning (风险预警) from the import history, each signal with its evidence, cleared with an inspection or a note.
 */

export const WARNING_SIGNALS = ['class-down', 'interest-rising', 'first-overdue', 'matured-unpaid', 'related-overdue', 'class-too-good'] as const;
export type WarningSignal = (typeof WARNING_SIGNALS)[number];

export const WARNING_SIGNAL_LABELS: Record<WarningSignal, string> = {
  'class-down': '分类下调',
  'interest-rising': '欠息连续增加',
  'first-overdue': '首次逾期',
  'matured-unpaid': '到期未还',
  'related-overdue': '关联逾期',
  'class-too-good': '分类偏高',
};

/** What each signal means: shown beside the list and printed with it. */
export const WARNING_DEFINITIONS: Record<WarningSignal, string> = {
  'class-down': '五级分类在该笔贷款最近两次导入之间下调（正常→关注→次级→可疑→损失）。',
  'interest-rising': '欠息在最近三次导入中连续两次增加。',
  'first-overdue': '最近一次导入本金逾期，此前各次导入（至少一次）均未逾期。',
  'matured-unpaid': '到期日早于最新数据日期，贷款仍未结清、余额大于 0。',
  'related-overdue': '同一借款人名下另有未结清贷款本金逾期。',
  'class-too-good': '最近一次导入本金或利息逾期超过 90 天，五级分类仍为正常或关注（逾期超过 90 天的至少应为次级类）。',
};

/** One import's figures of the loan, as the evidence shows them. */
export interface WarningSnapshot {
  asOf: string;
  balanceFen: number;
  principalOverdueDays: number;
  interestOwedFen: number | null;
  riskClass: RiskClass | null;
}

export interface WarningItem {
  signal: WarningSignal;
  /** Identifies the evidence: a clearance applies to this key only; new evidence makes a new key. */
  evidenceKey: string;
  /** The snapshots it was read from, oldest first (the two of a step; three for rising interest; one where a date suffices). */
  snapshots: WarningSnapshot[];
  /** The evidence in words, as listed and printed. */
  text: string;
}

export interface WarningLoan {
  loanId: string;
  loanNo: string;
  borrower: string;
  village: string | null;
  managerId: string | null;
  manager: string | null;
  balanceFen: number;
  maturityOn: string | null;
  signals: WarningItem[];
}

export interface WarningsPage {
  /** The newest import's date the signals are read at; null before any import. */
  asOf: string | null;
  /** Loans with at least one uncleared signal in the selection, and the signals by kind. */
  total: number;
  counts: Record<WarningSignal, number>;
  rows: WarningLoan[];
  /** Whether the caller may clear a signal of any loan (an account manager only their own book). */
  canClearAny: boolean;
}

const id = z.string().min(1).max(100);

export const warningsApi = {
  /** One page of loans with uncleared signals, most signals first; per manager (current) and village when asked. */
  'warnings.list': rpc<WarningsPage>()(
    z
      .object({
        managerId: id.nullable().optional(),
        villageId: id.optional(),
        signal: z.enum(WARNING_SIGNALS).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
  ),
  /** Clears one signal's evidence with a note or an inspection of the loan; the same kind with new evidence is listed again. */
  'warnings.clear': rpc<{ id: string }>()(
    z
      .object({
        loanId: id,
        signal: z.enum(WARNING_SIGNALS),
        evidenceKey: z.string().min(1).max(2000),
        note: limitedText(500).default(''),
        inspectionId: id.optional(),
      })
      .strict()
      .refine((x) => x.note !== '' || x.inspectionId !== undefined, { message: '请填写处理说明或选择一次贷后检查', path: ['note'] }),
  ),
};
