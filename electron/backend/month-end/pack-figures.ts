import type { ArchivesOverdue, ManagerReport, MonthEndPack } from '../../shared/api/month-end';
import { WARNING_SIGNALS, type WarningSignal } from '../../shared/api/warnings';
import { addDays, todayLocal } from '../../shared/dates';
import { overdueFiles, archiveSummary } from '../archives/summary';
import type { ReadDb } from '../db/read-db';
import { AppError } from '../rpc/app-error';
import { rankingBoard, monthRange } from '../targets/board';
import { branchName } from '../targets/targets';
import { warningPage } from '../warnings/warning-list';
import { monthIndicators } from './month-indicators';
import { noticeCounts } from './notice-counts';
import { movementOf, overdueMovement } from './overdue-movement';

/** Files overdue at the month's last day, or today while the month runs. */
export function archivesAsOf(month: string, today = todayLocal()): string {
  const last = addDays(monthRange(month).next, -1);
  return last < today ? last : today;
}

async function archivesOverdue(db: ReadDb, month: string): Promise<ArchivesOverdue> {
  const asOf = archivesAsOf(month);
  const s = await archiveSummary(db, asOf);
  return { asOf, total: s.overdue, byManager: s.overdueByManager.map((m) => ({ managerId: m.managerId, name: m.manager ?? '未分配', files: m.files })) };
}

/** Everything the month-end pack prints. */
export async function monthEndPack(db: ReadDb, month: string): Promise<MonthEndPack> {
  const indicators = await monthIndicators(db, month);
  const ranking = await rankingBoard(db, month, false);
  const overdue = await overdueMovement(db, month);
  const notices = await noticeCounts(db, month);
  const archives = await archivesOverdue(db, month);
  return { month, branchName: await branchName(db), indicators: indicators.month, indicatorsByManager: indicators.byManager, ranking, overdue, notices, archives };
}

/** At most this many overdue files are named on the manager's page (the count is always whole). */
export const REPORT_FILES_MAX = 8;

/** One manager's month (their indicators, rank, overdue movement, notices, archives and open warnings). */
export async function managerReport(db: ReadDb, month: string, managerId: string): Promise<ManagerReport> {
  const staff = await db.selectFrom('staff').select(['id', 'display_name']).where('id', '=', managerId).executeTakeFirst();
  if (!staff) throw new AppError('NOT_FOUND', '找不到该客户经理，请刷新后重试。', `monthEnd.managerReport: staff ${managerId} not found`);
  const indicators = await monthIndicators(db, month, managerId);
  const ranking = await rankingBoard(db, month, false);
  const overdue = movementOf(await overdueMovement(db, month), managerId, staff.display_name);
  const notices = (await noticeCounts(db, month)).byManager.find((m) => m.managerId === managerId) ?? { issued: 0, receipts: 0 };
  const files = await overdueFiles(db, archivesAsOf(month), managerId);
  const warnings = await warningPage(db, { managerId, offset: 0, limit: 1 });
  const counts = Object.fromEntries(WARNING_SIGNALS.map((s) => [s, warnings.counts[s]])) as Record<WarningSignal, number>;
  return {
    month,
    branchName: await branchName(db),
    managerId,
    manager: staff.display_name,
    indicators: indicators.month,
    ranking: ranking.rows.find((r) => r.managerId === managerId) ?? null,
    rankOf: ranking.rows.length,
    overdue,
    notices: { issued: notices.issued, receipts: notices.receipts },
    archives: { total: files.length, files: files.slice(0, REPORT_FILES_MAX).map((f) => ({ loanNo: f.loanNo, borrower: f.borrower, dueOn: f.dueOn })) },
    warnings: { asOf: warnings.asOf, loans: warnings.total, counts },
  };
}
