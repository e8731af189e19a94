import { sql } from 'kysely';
import type { RegisterQuery } from '../../shared/api/register';
import { formatLocalDateTime } from '../../shared/local-time';
import { readSettings } from '../auth/settings';
import type { ReadDb } from '../db/read-db';
import { AppError } from '../rpc/app-error';
import { registerViewRows } from './loan-query';
import { householdCells, type RegisterHousehold, type VillageRegisterData } from './village-register-data';

/** What a view shows beyond its scope, said in the document: 已筛选、已排序、含已结清. */
function viewNote(q: RegisterQuery): string | null {
  const parts = [
    Object.values(q.filter).some(Boolean) ? '已筛选' : '',
    q.sort.length > 0 ? '已排序' : '',
    q.includeSettled ? '含已结清' : '',
  ].filter(Boolean);
  return parts.length > 0 ? `当前视图：${parts.join('、')}` : null;
}

/** What a register document says above its rows: branch, village, data date, when made, the view's note. */
export type RegisterViewHead = Pick<VillageRegisterData, 'branchName' | 'township' | 'village' | 'asOf' | 'generatedAt' | 'idsMasked' | 'viewNote'>;

export async function registerViewHead(db: ReadDb, q: RegisterQuery, maskIds: boolean, now = new Date()): Promise<RegisterViewHead> {
  const village = q.villageId ? await db.selectFrom('villages').selectAll().where('id', '=', q.villageId).executeTakeFirst() : null;
  if (q.villageId && !village) throw new AppError('NOT_FOUND', '找不到该村', `village ${q.villageId} not found`);
  const [settings, asOf] = await Promise.all([
    readSettings(db),
    q.villageId
      ? sql<{ asOf: string | null }>`
          select max(ls.as_of) as "asOf" from loan_snapshots ls join loans l on l.id = ls.loan_id join borrowers b on b.id = l.borrower_id
          where b.village_id = ${q.villageId}`.execute(db)
      : sql<{ asOf: string | null }>`select max(as_of) as "asOf" from loan_snapshots`.execute(db),
  ]);
  return {
    branchName: settings.branch_name ?? '',
    township: village?.township ?? '',
    village: village?.name ?? '全部村',
    asOf: asOf.rows[0]?.asOf ?? null,
    generatedAt: formatLocalDateTime(now),
    idsMasked: maskIds,
    viewNote: viewNote(q),
  };
}

/**
 * The rows of a register view — one village's or the whole book, with the grid's filter and
 * sort — grouped into households as the printed register shows them. A household's loans that
 * the sort puts apart make a group each.
 */
export async function registerViewData(db: ReadDb, q: RegisterQuery, maskIds: boolean, now = new Date()): Promise<VillageRegisterData> {
  const head = await registerViewHead(db, q, maskIds, now);
  const rows = await registerViewRows(db, q);

  const households: Array<RegisterHousehold & { id: string }> = [];
  let current: (RegisterHousehold & { id: string }) | null = null;
  for (const row of rows) {
    if (!current || current.id !== row.borrowerId) {
      current = { id: row.borrowerId, ...householdCells(row, maskIds), loans: [] };
      households.push(current);
    }
    current.loans.push({
      loanNo: row.loanNo,
      product: row.product,
      guaranteeType: row.guaranteeType,
      disbursedOn: row.disbursedOn,
      maturityOn: row.maturityOn,
      contractAmountFen: row.contractAmountFen,
      balanceFen: row.balanceFen,
      principalOverdueDays: row.principalOverdueDays,
      interestOwedFen: row.interestOwedFen,
      riskClass: row.riskClass,
    });
  }

  const overdue = rows.filter((l) => l.principalOverdueDays > 0);
  return {
    ...head,
    households: households.map(({ id: _id, ...h }) => h),
    totals: {
      households: new Set(rows.map((r) => r.borrowerId)).size,
      loans: rows.length,
      balanceFen: rows.reduce((s, l) => s + l.balanceFen, 0),
      contractAmountFen: rows.reduce((s, l) => s + (l.contractAmountFen ?? 0), 0),
      interestOwedFen: rows.reduce((s, l) => s + (l.interestOwedFen ?? 0), 0),
      overdueLoans: overdue.length,
      overdueBalanceFen: overdue.reduce((s, l) => s + l.balanceFen, 0),
    },
  };
}

/** A village's active loans grouped by household, in register order: the printed register. */
export function villageRegisterData(db: ReadDb, villageId: string, maskIds: boolean, now = new Date()): Promise<VillageRegisterData> {
  return registerViewData(db, { villageId, includeSettled: false, sort: [], filter: {} }, maskIds, now);
}

/** Finds a village by name for the CLI: `刘家会村`, or `白文镇/刘家会村` when the name repeats. */
export async function findVillageByName(db: ReadDb, input: string): Promise<{ id: string; township: string; name: string }> {
  const [township, name] = input.includes('/') ? input.split('/', 2).map((s) => s.trim()) : [null, input.trim()];
  let query = db.selectFrom('villages').select(['id', 'township', 'name']).where('name', '=', name);
  if (township !== null) query = query.where('township', '=', township);
  const matches = await query.execute();
  if (matches.length === 0) throw new AppError('NOT_FOUND', `找不到村：${input}`, `village ${input} not found`);
  if (matches.length > 1) {
    const options = matches.map((m) => `${m.township}/${m.name}`).join('、');
    throw new AppError('AMBIGUOUS_VILLAGE', `有多个同名村，请写明乡镇：${options}`, `village ${input} is ambiguous`);
  }
  return matches[0];
}
