import { z } from 'zod';
import { rpc } from './contract';
import type { IndicatorMonth, IndicatorsByManager } from './indicators';
import type { PrintOutcome } from './register';
import { month, type BoardRow, type RankingBoard } from './targets';
import type { WarningSignal } from './warnings';

/**
 * The month-end pack (月末材料): indicators, ranking, overdue movement, notices, archives — as PDF and .xlsx — and the monthly report per manager.
 */

/** What the overdue movement counts: printed under its table. */
export const OVERDUE_MOVEMENT_DEFINITION =
  '月初：本月1日之前最后一次导入（无则取本月第一次导入）；月末：本月最后一次导入。逾期指本金逾期天数大于 0 的未结清贷款。新增逾期：月初未逾期（或尚未发放）、月末逾期，按月末余额计；清收：月初逾期、月末已结清或不再逾期，按月初余额计；月初逾期计入月初快照的管户客户经理，月末逾期、新增逾期计入月末快照的管户客户经理。';
export const NOTICES_DEFINITION = '本月发出：发出日期在本月的通知书（已作废的除外）；本月回执：回执日期在本月的通知书；按贷款现管户客户经理统计。';
export const ARCHIVES_DEFINITION = '逾期未归档：截至本月最后一天（本月未过完则截至今天）超过归档期限仍未移交的信贷档案，按贷款现管户客户经理统计。';

export interface Movement {
  loans: number;
  balanceFen: number;
}

export interface OverdueMovementRow {
  /** null: the branch (or, in `rows`, loans without a manager). */
  managerId: string | null;
  name: string;
  start: Movement;
  newlyOverdue: Movement;
  cleared: Movement;
  end: Movement;
}

export interface OverdueMovement {
  startAsOf: string | null;
  endAsOf: string | null;
  rows: OverdueMovementRow[];
  total: OverdueMovementRow;
}

export interface NoticeCountRow {
  managerId: string | null;
  name: string;
  issued: number;
  receipts: number;
}

export interface NoticeCounts {
  /** By kind: label, issued in the month, receipts returned in the month. */
  byKind: Array<{ kind: string; label: string; issued: number; receipts: number }>;
  byManager: NoticeCountRow[];
  total: { issued: number; receipts: number };
}

export interface ArchivesOverdue {
  asOf: string;
  total: number;
  byManager: Array<{ managerId: string | null; name: string; files: number }>;
}

/** Everything the pack prints, as it printed it (recorded with the print). */
export interface MonthEndPack {
  month: string;
  branchName: string;
  /** Null until the indicators are available for the month. */
  indicators: IndicatorMonth | null;
  indicatorsByManager: IndicatorsByManager | null;
  ranking: RankingBoard;
  overdue: OverdueMovement;
  notices: NoticeCounts;
  archives: ArchivesOverdue;
}

export interface ManagerReport {
  month: string;
  branchName: string;
  managerId: string;
  manager: string;
  indicators: IndicatorMonth | null;
  /** Their row of the ranking board (null when they are not on it). */
  ranking: BoardRow | null;
  rankOf: number;
  overdue: OverdueMovementRow;
  notices: { issued: number; receipts: number };
  archives: { total: number; files: Array<{ loanNo: string; borrower: string; dueOn: string }> };
  /** Their book's uncleared early-warning signals now, by kind. */
  warnings: { asOf: string | null; loans: number; counts: Record<WarningSignal, number> };
}

const deliver = z.enum(['file', 'preview']).default('file');

export const monthEndApi = {
  /** The month's pack as a PDF (recorded in printed_documents, kind 'month-end-pack') or the same figures as .xlsx. */
  'monthEnd.pack': rpc<PrintOutcome>()(z.object({ month, format: z.enum(['pdf', 'xlsx']).default('pdf'), deliver }).strict()),
  /** One manager's month on one A4 page (recorded, kind 'manager-month-report'). */
  'monthEnd.managerReport': rpc<PrintOutcome>()(z.object({ month, managerId: z.string().min(1).max(100), deliver }).strict()),
};
