import { sql, type RawBuilder } from 'kysely';
import {
  DUE_SOON_DAYS,
  OVERDUE_BUCKETS,
  type OverdueBucket,
  type WorklistCounts,
  type WorklistDates,
  type WorklistPage,
  type WorklistQuery,
  type WorklistRow,
  type WorklistSortColumn,
  type WorklistSums,
} from '../../shared/api/worklists';
import { addDays, todayLocal } from '../../shared/dates';
import type { ReadDb } from '../db/read-db';
import { registerDataAsOf } from '../import/data-as-of';
import { REGISTER_COLUMN_SQL } from '../register/register-columns';
import { ALL_JOINS, DUE_SOON, filterConditions, fromFor, HANDOVER, inBucket, LITIGATION, ON_ANY_LIST, ON_BOOK, OVERDUE, worklistOrder, worklistWhere } from './worklist-sql';

type Sort = Array<{ colId: WorklistSortColumn; sort: 'asc' | 'desc' }>;

/**
 * The as-of date: the one asked for, else the register's data date (数据截至) — the date its
 * overdue days are as of, so that 到期提示 starts where the overdue list ends — else today.
 */
export async function worklistDates(db: ReadDb, asOf: string | undefined): Promise<WorklistDates> {
  const dataAsOf = await registerDataAsOf(db);
  const used = asOf ?? dataAsOf ?? todayLocal();
  return { asOf: used, dataAsOf, dueFrom: used, dueTo: addDays(used, DUE_SOON_DAYS) };
}

const ROW_SELECT = sql.raw(`l.id as "loanId", b.id as "borrowerId", l.loan_no as "loanNo", b.name as borrower,
  coalesce(${REGISTER_COLUMN_SQL.phones.expr}, '') as phones, v.township as township, v.name as village,
  s.display_name as manager, l.maturity_on as "maturityOn", l.balance_fen as "balanceFen",
  l.principal_overdue_days as "overdueDays", l.interest_overdue_days as "interestOverdueDays",
  l.interest_owed_fen as "interestOwedFen", l.risk_class as "riskClass"`);

const ROW_FROM = sql.raw(`loans l ${ALL_JOINS}`);
const PAGE_FROM = sql.raw(`page join loans l on l.id = page.id ${ALL_JOINS}`);

/** Count and sums of one worklist, in the database. */
export async function worklistSums(db: ReadDb, q: WorklistQuery, dates: WorklistDates): Promise<WorklistSums> {
  const where = worklistWhere(q, dates.dueFrom, dates.dueTo);
  const { rows } = await sql<{ n: number; balance: number; interest: number }>`
    select count(*) as n, total(l.balance_fen) as balance, total(l.interest_owed_fen) as interest
    from ${fromFor(where.compile(db).sql)} ${where}`.execute(db);
  const r = rows[0];
  return { count: r?.n ?? 0, balanceFen: r?.balance ?? 0, interestOwedFen: r?.interest ?? 0 };
}

/**
 * One page of a worklist, ordered and paged in the database, with the count and sums of the
 * whole list. The page's loan ids are chosen first, so phones are joined only for the rows returned.
 */
export async function worklistPage(db: ReadDb, q: WorklistQuery, sort: Sort, offset: number, limit: number): Promise<WorklistPage> {
  const dates = await worklistDates(db, q.asOf);
  const where = worklistWhere(q, dates.dueFrom, dates.dueTo);
  const order = worklistOrder(q.list, sort);
  const from = fromFor(where.compile(db).sql, order.compile(db).sql);
  const [page, sums] = await Promise.all([
    sql<WorklistRow>`with page as (select l.id as id from ${from} ${where} ${order} limit ${limit} offset ${offset})
      select ${ROW_SELECT} from ${PAGE_FROM} ${order}`.execute(db),
    worklistSums(db, q, dates),
  ]);
  return { ...dates, ...sums, rows: page.rows };
}

/** Every row of a worklist in its order, no paging: for exporting it. */
export async function worklistRows(db: ReadDb, q: WorklistQuery, sort: Sort, dates: WorklistDates): Promise<WorklistRow[]> {
  const where = worklistWhere(q, dates.dueFrom, dates.dueTo);
  const { rows } = await sql<WorklistRow>`select ${ROW_SELECT} from ${ROW_FROM} ${where} ${worklistOrder(q.list, sort)}`.execute(db);
  return rows;
}

/** Count and sums of every list and bucket under the same filters, in one pass over the book. */
export async function worklistCounts(db: ReadDb, f: { asOf?: string; managerId?: string | null; villageId?: string }): Promise<WorklistCounts> {
  const dates = await worklistDates(db, f.asOf);
  const parts: Array<{ key: string; cond: RawBuilder<unknown> }> = [
    { key: 'due', cond: DUE_SOON(dates.dueFrom, dates.dueTo) },
    { key: 'od', cond: OVERDUE },
    ...OVERDUE_BUCKETS.map((b, i) => ({ key: `b${i}`, cond: inBucket(b) })),
    { key: 'ho', cond: HANDOVER },
    { key: 'lit', cond: LITIGATION },
  ];
  const where = sql`where ${sql.join([ON_BOOK, ON_ANY_LIST(dates.dueFrom, dates.dueTo), ...filterConditions(f)], sql` and `)}`;
  const select = sql.join(
    parts.map(
      ({ key, cond }) =>
        sql`coalesce(sum(${cond}), 0) as ${sql.raw(`${key}_n`)}, total(case when ${cond} then l.balance_fen end) as ${sql.raw(`${key}_b`)}, total(case when ${cond} then l.interest_owed_fen end) as ${sql.raw(`${key}_i`)}`,
    ),
  );
  const { rows } = await sql<Record<string, number>>`select ${select} from ${fromFor(where.compile(db).sql)} ${where}`.execute(db);
  const r = rows[0] ?? {};
  const sums = (key: string): WorklistSums => ({ count: r[`${key}_n`] ?? 0, balanceFen: r[`${key}_b`] ?? 0, interestOwedFen: r[`${key}_i`] ?? 0 });
  return {
    ...dates,
    dueSoon: sums('due'),
    overdue: sums('od'),
    buckets: Object.fromEntries(OVERDUE_BUCKETS.map((b, i) => [b, sums(`b${i}`)])) as Record<OverdueBucket, WorklistSums>,
    handover: sums('ho'),
    litigation: sums('lit'),
  };
}
