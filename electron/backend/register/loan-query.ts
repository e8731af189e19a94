import { sql, type RawBuilder } from 'kysely';
import type { RegisterLoanRow, RegisterPageResult, RegisterQuery, RegisterSums } from '../../shared/api/register';
import { maskResidentId } from '../../shared/resident-id';
import { readTransaction, type ReadDb } from '../db/read-db';
import { keptViewTotals } from './kept-view-totals';
import { REGISTER_COLUMN_SQL } from './register-columns';
import { VIEW_JOINS, viewFrom, viewOrder, viewWhere } from './register-view-sql';

const ALL_JOINS = `${VIEW_JOINS.b} ${VIEW_JOINS.v} ${VIEW_JOINS.s}`;
const FROM = sql.raw(`loans l ${ALL_JOINS}`);
const FROM_PAGE = sql.raw(`page join loans l on l.id = page.id ${ALL_JOINS}`);

const SELECT = sql.raw(`l.id as "loanId", b.id as "borrowerId", b.name, b.resident_id as "residentId",
  b.customer_no as "customerNo", ${REGISTER_COLUMN_SQL.phones.expr} as phones, b.address, b.whereabouts,
  b.contact_name as "contactName", b.contact_phone as "contactPhone", b.notes,
  coalesce(v.township, '') as township, coalesce(v.name, '') as village, l.loan_no as "loanNo", l.product,
  l.guarantee_type as "guaranteeType", l.disbursed_on as "disbursedOn", l.maturity_on as "maturityOn",
  l.contract_amount_fen as "contractAmountFen", l.balance_fen as "balanceFen",
  l.principal_overdue_days as "principalOverdueDays", l.interest_owed_fen as "interestOwedFen",
  l.risk_class as "riskClass", s.display_name as "managerName", l.status,
  exists (select 1 from loan_handovers h where h.loan_id = l.id and h.returned_on is null) as "handedOver"`);

const whereSql = viewWhere;
const orderSql = (q: RegisterQuery, reversed = false) => sql.raw(viewOrder(q, reversed));

/**
 * Where a page's loan ids are read from. The book's own order has an index over the active
 * loans (migration 0090). Any other order of the whole book is read best by scanning the loans
 * table and sorting (~50 ms on 200k), which the planner does not see: left to itself it walks an
 * index and reads each loan's row in the index's order (~0.3–1 s). (余额 has no index of its
 * own: every import changes most balances, and an index on them doubled the cost of that.)
 */
function pageFrom(q: RegisterQuery, whereText: string, orderText: string): RawBuilder<unknown> {
  const scanTable = !q.villageId && q.sort.length > 0;
  return sql.raw(viewFrom(`${whereText} ${orderText}`, scanTable ? 'loans l not indexed' : 'loans l'));
}

/** A register row as stored: the full resident ID, for the caller to mask. */
export type RegisterViewRow = Omit<RegisterLoanRow, 'residentIdMasked'> & { residentId: string | null };
type RawRow = RegisterViewRow;

export function toLoanRow({ residentId, ...row }: RawRow): RegisterLoanRow {
  // SQLite answers exists() with 0 or 1.
  return { ...row, phones: row.phones ?? '', residentIdMasked: maskResidentId(residentId ?? ''), handedOver: Boolean(row.handedOver) };
}

/**
 * One page of the register, filtered and sorted in the database. The page's loan ids are
 * chosen first so per-row work (joined phone numbers) runs only for the rows returned. A page
 * past the middle of the view is counted from its end, in the reverse order: SQLite steps over
 * every row before an offset, so the last page costs what the first does, not a walk of the book.
 * One read transaction: the count and the rows are of one snapshot, and the page's few
 * statements hold the connection together, not each behind another page's call (the overview's
 * ~100 ms, when the page opens).
 */
export async function registerPage(db: ReadDb, q: RegisterQuery, offset: number, limit: number): Promise<RegisterPageResult> {
  return readTransaction(db, async (trx) => {
    const { loans: total, ...sums } = await keptViewTotals(db, trx, q, viewTotals);
    const end = Math.min(offset + limit, total);
    if (end <= offset) return { rows: [], total, ...sums };
    const fromEnd = offset > total - end;
    const where = whereSql(q);
    const order = orderSql(q);
    const idOrder = orderSql(q, fromEnd);
    const whereText = where.compile(trx).sql;
    const page = await sql<RawRow>`with page as (select l.id as id from ${pageFrom(q, whereText, idOrder.compile(trx).sql)} ${where} ${idOrder}
        limit ${end - offset} offset ${fromEnd ? total - end : offset})
      select ${SELECT} from ${FROM_PAGE} ${order}`.execute(trx);
    return { rows: page.rows.map(toLoanRow), total, ...sums };
  });
}

/** How many loans a view holds, and the sums of their money columns (unknown amounts count as 0). */
export async function viewTotals(db: ReadDb, q: RegisterQuery): Promise<{ loans: number } & RegisterSums> {
  const where = whereSql(q);
  const { rows } = await sql<{ n: number; balance: number | null; contract: number | null; interest: number | null }>`
    select count(*) as n, total(l.balance_fen) as balance, total(l.contract_amount_fen) as contract, total(l.interest_owed_fen) as interest
    from ${sql.raw(viewFrom(where.compile(db).sql))} ${where}`.execute(db);
  const r = rows[0];
  return { loans: r?.n ?? 0, balanceFen: r?.balance ?? 0, contractAmountFen: r?.contract ?? 0, interestOwedFen: r?.interest ?? 0 };
}

/** Every row of a view — the grid's filter, sort and order, no paging — for exporting it. */
export async function registerViewRows(db: ReadDb, q: RegisterQuery): Promise<RegisterViewRow[]> {
  const { rows } = await sql<RawRow>`select ${SELECT} from ${FROM} ${whereSql(q)} ${orderSql(q)}`.execute(db);
  return rows;
}

/** Every loan of one borrower, settled ones included, for the household panel. */
export async function borrowerLoans(db: ReadDb, borrowerId: string): Promise<RegisterLoanRow[]> {
  const { rows } = await sql<RawRow>`select ${SELECT} from ${FROM} where b.id = ${borrowerId} order by l.status, l.loan_no`.execute(db);
  return rows.map(toLoanRow);
}
