import type { IndicatorKey } from '../../shared/api/indicators';
import type { ReadDb } from '../db/read-db';
import { parallelReads } from '../db/parallel-reads';
import { sumsByKey } from '../db/sums-by-key';
import { completionByManager } from '../inspections/completion';
import { atDateRows, householdRows, interestRows, maturedRows, type Rows } from './loan-rows';
import { monthDates, type MonthDates } from './month-dates';
import { addTally, ZERO, type Tally } from './ratio';
import { spotCheckTallies } from './spot-check-tallies';

/** Per manager id ('' for loans without one): numerator and denominator. */
export type ByManager = Map<string, Tally>;

/** Everything a month's figures are made from, per manager, before a filter picks one or sums all. */
export interface MonthTallies {
  dates: MonthDates;
  /** Null where the figure cannot be computed this month (its note says why). */
  tallies: Record<IndicatorKey, ByManager | null>;
  /** nplRatio at the year's start; the lost households' balance at the start (numerator) of all households' (denominator). */
  nplStart: ByManager | null;
  lostBalance: ByManager | null;
  notes: Partial<Record<IndicatorKey, string>>;
  missingSnapshots: string[];
}

/** Per manager ('' for none): the sum of each of `columns` (SQL over the rows' columns). */
function sums(db: ReadDb, rows: Rows, columns: Record<string, string>): Promise<Map<string, Record<string, number>>> {
  return sumsByKey(db, rows, 'manager_id', columns);
}

function pick(m: Map<string, Record<string, number>>, numerator: string, denominator: string): ByManager {
  return new Map([...m].map(([k, v]) => [k, { numerator: v[numerator], denominator: v[denominator] }]));
}

export function total(m: ByManager): Tally {
  let t = ZERO;
  for (const v of m.values()) t = addTally(t, v);
  return t;
}

/**
 * The month's tallies; `villageId` restricts every figure to that village's borrowers. `trx` is a
 * read transaction on `db`; the figures' statements are independent and run side by side
 * (parallelReads), each seconds on a county's book.
 */
export async function monthTallies(db: ReadDb, trx: ReadDb, month: string, villageId?: string): Promise<MonthTallies> {
  const dates = await monthDates(trx, month);
  const missing = new Set<string>();
  const notes: MonthTallies['notes'] = {};
  const tallies: MonthTallies['tallies'] = {
    inspectionCompletion: null,
    maturedPrincipalRecovery: null,
    interestSettlement21: null,
    interestSettlementMonthEnd: null,
    overdueUnder90Share: null,
    nplRatio: null,
    lostCustomers: null,
    spotCheckPass: null,
  };
  let nplStart: ByManager | null = null;
  let lostBalance: ByManager | null = null;

  const no21 = dates.quarterEnd && dates.day21 === null;
  const noLastDay = dates.monthLastDay === null;
  const day20 = dates.day20;
  const interestComputed = day20 !== null && (dates.quarterEnd ? !no21 || !noLastDay : !noLastDay);
  const asOf = dates.asOf;
  // yearStart is never null when asOf is not: the month's own import is at worst the year's first.
  const start = dates.yearStart ?? asOf;
  type Sums = Map<string, Record<string, number>>;
  const none = async (): Promise<Sums | null> => null;
  // Longest first, so that the last to start is a short one.
  const [households, interest, atEnd, completion, atStart, matured, spotChecks] = await parallelReads<
    [Sums | null, Sums | null, Sums | null, ByManager, Sums | null, Sums, ByManager]
  >(db, trx, [
    asOf === null || start === null
      ? none
      : (r) =>
          sums(r, householdRows(start, asOf, villageId, { loanNos: false }), {
            lost: 'lost',
            households: '1',
            lostBalance: 'case when lost = 1 then start_balance else 0 end',
            startBalance: 'start_balance',
          }),
    !interestComputed ? none : (r) => sums(r, interestRows(day20, dates.day21, dates.monthLastDay, villageId), { cleared21: 'cleared21', clearedEnd: 'cleared_end', due: '1' }),
    asOf === null ? none : (r) => sums(r, atDateRows(asOf, villageId), { overdue: 'overdue_num', npl: 'npl_num', balance: 'balance_fen' }),
    (r) => completionByManager(r, dates.first, dates.last, villageId),
    asOf === null || start === null ? none : (r) => sums(r, atDateRows(start, villageId), { npl: 'npl_num', balance: 'balance_fen' }),
    (r) =>
      sums(r, maturedRows(dates.first, dates.last, villageId), {
        repaid: 'case when pending = 1 then 0 else repaid end',
        principal: 'case when pending = 1 then 0 else before_balance end',
        pending: 'pending',
      }),
    (r) => spotCheckTallies(r, month, villageId),
  ]);

  tallies.inspectionCompletion = completion;
  tallies.spotCheckPass = spotChecks;

  tallies.maturedPrincipalRecovery = pick(matured, 'repaid', 'principal');
  const pending = [...matured.values()].reduce((s, v) => s + v.pending, 0);
  if (pending > 0) {
    missing.add(dates.last);
    notes.maturedPrincipalRecovery = `${pending} 笔本月到期贷款在到期日之后尚无导入，暂不计入`;
  }

  if (no21) missing.add(dates.the21st);
  if (noLastDay) missing.add(dates.last);
  if (!dates.quarterEnd) notes.interestSettlement21 = '非季末月（3、6、9、12 月）不计算 21 日结息率';
  else if (no21) notes.interestSettlement21 = `缺少 ${dates.the21st} 的导入，无法计算`;
  if (noLastDay) notes.interestSettlementMonthEnd = `缺少 ${dates.last}（月末）的导入，无法计算`;
  if (day20 === null) {
    missing.add(dates.the20th);
    const none = `缺少 ${dates.the20th}（或之前）的导入，无法确定应结息贷款`;
    if (dates.quarterEnd) notes.interestSettlement21 = none;
    notes.interestSettlementMonthEnd = none;
  } else if (interest !== null) {
    const from20 = day20 === dates.the20th ? null : `应结息贷款取自 ${day20} 的导入（20 日无导入）`;
    if (dates.quarterEnd && !no21) {
      tallies.interestSettlement21 = pick(interest, 'cleared21', 'due');
      if (from20) notes.interestSettlement21 = from20;
    }
    if (!noLastDay) {
      tallies.interestSettlementMonthEnd = pick(interest, 'clearedEnd', 'due');
      if (from20) notes.interestSettlementMonthEnd = from20;
    }
  }

  if (asOf === null || atEnd === null || atStart === null || households === null) {
    missing.add(dates.last);
    const none = `本月（${month}）没有导入`;
    notes.overdueUnder90Share = notes.nplRatio = notes.lostCustomers = none;
  } else {
    tallies.overdueUnder90Share = pick(atEnd, 'overdue', 'balance');
    tallies.nplRatio = pick(atEnd, 'npl', 'balance');
    nplStart = pick(atStart, 'npl', 'balance');
    tallies.lostCustomers = pick(households, 'lost', 'households');
    lostBalance = pick(households, 'lostBalance', 'startBalance');
  }
  return { dates, tallies, nplStart, lostBalance, notes, missingSnapshots: [...missing].sort() };
}
