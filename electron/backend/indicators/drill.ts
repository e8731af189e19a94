import { sql } from 'kysely';
import { INDICATOR_DEFINITIONS, type IndicatorDrill, type IndicatorDrillRow, type IndicatorKey } from '../../shared/api/indicators';
import { formatYuan } from '../../shared/money';
import { readTransaction, type ReadDb } from '../db/read-db';
import { inspectionCompletion } from '../inspections/completion';
import { atDateRows, householdRows, interestRows, maturedRows, type Rows } from './loan-rows';
import { keptMonthTallies } from './kept-tallies';
import { total, type MonthTallies } from './month-tallies';
import { NOT_COMPUTED, ratio, ZERO } from './ratio';
import { spotCheckRows } from './spot-check-tallies';

export interface DrillQuery {
  month: string;
  indicator: IndicatorKey;
  managerId?: string;
  villageId?: string;
  offset: number;
  limit: number;
}

type Raw = Record<string, any>;

/** How a SQL-listed indicator turns its rows into drill rows. */
interface Listing {
  rows: Rows;
  /** 'loan' rows carry loan_id; 'household' rows borrower_id. */
  by: 'loan' | 'household';
  /** A SQL condition on the row (alias r) that keeps it in the list; '1' for every row. */
  keep: string;
  make: (r: Raw) => Pick<IndicatorDrillRow, 'counted' | 'numerator' | 'denominator' | 'detail'>;
}

const yuan = (fen: number | null) => (fen === null ? '—' : `${formatYuan(fen)} 元`);
const owed = (fen: number | null | undefined) => (fen === null || fen === undefined ? '欠息未知' : `欠息 ${yuan(fen)}`);

function listing(q: DrillQuery, t: MonthTallies): Listing | null {
  const d = t.dates;
  switch (q.indicator) {
    case 'maturedPrincipalRecovery':
      return {
        rows: maturedRows(d.first, d.last, q.villageId),
        by: 'loan',
        keep: '1',
        make: (r) => {
          const pending = r.pending === 1;
          const after = r.settled_on !== null && (r.after_on === null || r.settled_on <= r.after_on) ? `${r.settled_on} 已结清` : r.after_on === null ? '到期后尚无导入' : `${r.after_on} 余额 ${yuan(r.after_balance)}`;
          return {
            counted: !pending && r.repaid > 0,
            numerator: pending ? 0 : r.repaid,
            denominator: pending ? 0 : r.before_balance,
            detail: `${r.maturity_on} 到期；到期前 ${r.before_on} 余额 ${yuan(r.before_balance)}；${after}${pending ? '（暂不计入）' : `；收回 ${yuan(r.repaid)}`}`,
          };
        },
      };
    case 'interestSettlement21':
    case 'interestSettlementMonthEnd': {
      if (t.tallies[q.indicator] === null || d.day20 === null) return null;
      const is21 = q.indicator === 'interestSettlement21';
      const on = is21 ? d.the21st : d.last;
      return {
        rows: interestRows(d.day20, d.day21, d.monthLastDay, q.villageId),
        by: 'loan',
        keep: '1',
        make: (r) => {
          const cleared = (is21 ? r.cleared21 : r.cleared_end) === 1;
          const settled = r.loan_settled_on !== null && r.loan_settled_on <= on;
          return {
            counted: cleared,
            numerator: cleared ? 1 : 0,
            denominator: 1,
            detail: `${d.day20}：余额 ${yuan(r.balance_fen)}，${owed(r.owed20)}；${on}：${settled ? `${r.loan_settled_on} 已结清` : owed(is21 ? r.owed21 : r.owed_end)}`,
          };
        },
      };
    }
    case 'overdueUnder90Share':
    case 'nplRatio': {
      if (d.asOf === null) return null;
      const column = q.indicator === 'nplRatio' ? 'npl_num' : 'overdue_num';
      return {
        rows: atDateRows(d.asOf, q.villageId),
        by: 'loan',
        keep: `r.${column} > 0`,
        make: (r) => ({
          counted: true,
          numerator: r[column],
          denominator: r.balance_fen,
          detail: `${d.asOf}：余额 ${yuan(r.balance_fen)}，${r.risk_class ?? '未分类'}，本金逾期 ${r.principal_overdue_days} 天`,
        }),
      };
    }
    case 'lostCustomers':
      if (d.asOf === null) return null;
      return {
        rows: householdRows(d.yearStart ?? d.asOf, d.asOf, q.villageId),
        by: 'household',
        keep: 'r.lost = 1',
        make: (r) => ({ counted: true, numerator: 1, denominator: 1, detail: `年初（${d.yearStart}）贷款 ${r.loan_nos}，余额 ${yuan(r.start_balance)}；${d.asOf} 已无贷款，年初以来未新贷` }),
      };
    case 'spotCheckPass':
      return {
        rows: spotCheckRows(q.month, q.villageId),
        by: 'loan',
        keep: '1',
        make: (r) => ({
          counted: r.confirmed === 1,
          numerator: r.confirmed,
          denominator: r.checked,
          detail: `${r.inspected_on} 检查；${r.verdict === 'pending' ? '待抽查' : `${r.checked_on ?? ''} ${r.verdict === 'confirmed' ? '确认' : '有异议'}${r.note ? `：${r.note}` : ''}`}`,
        }),
      };
    default:
      return null;
  }
}

async function listed(db: ReadDb, q: DrillQuery, l: Listing): Promise<{ count: number; rows: IndicatorDrillRow[] }> {
  const manager = q.managerId === undefined ? sql`` : sql`and r.manager_id = ${q.managerId}`;
  const where = sql`where ${sql.raw(l.keep)} ${manager}`;
  const borrower = l.by === 'loan' ? sql`(select borrower_id from loans where id = r.loan_id)` : sql`r.borrower_id`;
  const { rows: counted } = await sql<{ n: number }>`select count(*) as n from (${l.rows}) r ${where}`.execute(db);
  const { rows } = await sql<Raw>`
    select r.*, ${l.by === 'loan' ? sql`ln.loan_no` : sql`null`} as loan_no_shown, ${l.by === 'loan' ? sql`ln.settled_on` : sql`null`} as loan_settled_on, b.id as borrower_key, b.name as borrower_name,
      v.name as village_name, st.display_name as manager_name
    from (${l.rows}) r
    ${l.by === 'loan' ? sql`join loans ln on ln.id = r.loan_id` : sql``}
    join borrowers b on b.id = ${borrower}
    left join villages v on v.id = b.village_id
    left join staff st on st.id = r.manager_id
    ${where}
    order by st.display_name, ${l.by === 'loan' ? sql`ln.loan_no` : sql`b.name, b.id`}
    limit ${q.limit} offset ${q.offset}`.execute(db);
  return {
    count: Number(counted[0].n),
    rows: rows.map((r) => ({
      loanId: l.by === 'loan' ? r.loan_id : null,
      loanNo: r.loan_no_shown,
      borrowerId: r.borrower_key,
      borrower: r.borrower_name,
      village: r.village_name,
      managerId: r.manager_id,
      manager: r.manager_name,
      ...l.make(r),
    })),
  };
}

/** The tasks behind 贷后完成率 (its own module's list, the manager that of the due date). */
async function completionRows(db: ReadDb, q: DrillQuery, first: string, last: string) {
  const filter = { ...(q.managerId !== undefined ? { managerId: q.managerId } : {}), ...(q.villageId !== undefined ? { villageId: q.villageId } : {}) };
  const { loans } = await inspectionCompletion(db, first, last, filter);
  const villages = new Map((await db.selectFrom('villages').select(['id', 'name']).execute()).map((v) => [v.id, v.name]));
  const owners = await db
    .selectFrom('inspection_tasks as t')
    .innerJoin('loans as l', 'l.id', 't.loan_id')
    .select(['l.id', 'l.borrower_id'])
    .where('t.due_on', '>=', first)
    .where('t.due_on', '<=', last)
    .execute();
  const borrowers = new Map(owners.map((o) => [o.id, o.borrower_id]));
  const kinds = { first: '首次检查', routine: '常规检查', adhoc: '临时检查' } as const;
  const rows: IndicatorDrillRow[] = loans.map((x) => ({
    loanId: x.loanId,
    loanNo: x.loanNo,
    borrowerId: borrowers.get(x.loanId) ?? '',
    borrower: x.borrower,
    village: x.villageId === null ? null : (villages.get(x.villageId) ?? null),
    managerId: x.managerId,
    manager: x.manager,
    counted: x.onTime,
    numerator: x.onTime ? 1 : 0,
    denominator: 1,
    detail: `${kinds[x.kind]}，应于 ${x.dueOn}；${x.inspectedOn === null ? '未检查' : `${x.inspectedOn} 检查${x.onTime ? '' : '（逾期）'}`}`,
  }));
  return { count: rows.length, rows: rows.slice(q.offset, q.offset + q.limit) };
}

export async function indicatorDrill(db: ReadDb, q: DrillQuery): Promise<IndicatorDrill> {
  return readTransaction(db, async (trx) => {
    const t = await keptMonthTallies(db, trx, q.month, q.villageId);
    const tally = t.tallies[q.indicator];
    const figure = tally === null ? NOT_COMPUTED : ratio(q.managerId === undefined ? total(tally) : (tally.get(q.managerId) ?? ZERO));
    const base = { month: q.month, indicator: INDICATOR_DEFINITIONS[q.indicator], figure };
    if (q.indicator === 'inspectionCompletion') return { ...base, ...(await completionRows(trx, q, t.dates.first, t.dates.last)) };
    const l = listing(q, t);
    if (l === null) return { ...base, count: 0, rows: [] };
    return { ...base, ...(await listed(trx, q, l)) };
  });
}
