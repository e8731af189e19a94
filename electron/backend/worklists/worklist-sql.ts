import { sql, type RawBuilder } from 'kysely';
import {
  BUCKET_DAYS,
  HANDOVER_INTEREST_DAYS,
  HANDOVER_PRINCIPAL_DAYS,
  LITIGATION_DAYS,
  type OverdueBucket,
  type WorklistQuery,
  type WorklistSortColumn,
} from '../../shared/api/worklists';
import { CURRENT_MANAGER_JOIN, MANAGER_STAFF_JOIN } from './current-manager';

/**
 * The worklists as SQL over `loans l` with `b` (borrower), `v` (village), `cm` (current manager)
 * and `s` (the manager's staff row). Only these expressions are ever put into a query, never input text.
 */

/**
 * A loan that still owes something. Some core exports list a loan paid off that month with
 * 余额 0 until it drops out the month after: it stays 在贷 in the register, as the file says,
 * but nobody is to be reminded, pressed or sent a notice over it (the indicators leave it out too).
 */
export const OWES_SQL = '(l.balance_fen > 0 or coalesce(l.interest_owed_fen, 0) > 0)';

/**
 * Loans the branch works on: active, still owing (OWES_SQL), and not handed over to the
 * risk-asset unit (an open loan_handovers row; they stay in the register, marked).
 * `+` keeps SQLite from reading the whole book through loans_borrower (status is its second
 * column) and looking up each loan: a plain scan is ~10x faster; the borrower and manager
 * indexes still serve the village and manager filters.
 */
const NOT_HANDED_OVER = 'not exists (select 1 from loan_handovers h where h.loan_id = l.id and h.returned_on is null)';
export const ON_BOOK = sql.raw(`+l.status = 'active' and ${OWES_SQL} and ${NOT_HANDED_OVER}`);

export const DUE_SOON = (from: string, to: string) => sql`(l.principal_overdue_days = 0 and l.maturity_on between ${from} and ${to})`;
export const OVERDUE = sql.raw('l.principal_overdue_days > 0');
/**
 * Principal or interest overdue: who gets the monthly 逾期贷款催收通知书 (欠息 is collected by the
 * same notice). The 逾期 worklist and its buckets stay by the principal's days, as core systems count them.
 */
export const IN_ARREARS = sql.raw('(l.principal_overdue_days > 0 or coalesce(l.interest_overdue_days, 0) > 0)');
export function inBucket(bucket: OverdueBucket): RawBuilder<unknown> {
  const { min, max } = BUCKET_DAYS[bucket];
  return max === null ? sql.raw(`l.principal_overdue_days >= ${min}`) : sql.raw(`l.principal_overdue_days between ${min} and ${max}`);
}
export const HANDOVER = sql.raw(`(l.principal_overdue_days >= ${HANDOVER_PRINCIPAL_DAYS} or l.interest_overdue_days >= ${HANDOVER_INTEREST_DAYS})`);
/** 诉讼准备: long overdue and no legal step (律师函, 支付令, 起诉, …) recorded. */
export const LITIGATION = sql.raw(
  `(l.principal_overdue_days >= ${LITIGATION_DAYS} and not exists (select 1 from legal_steps ls where ls.loan_id = l.id))`,
);
/** Every loan on some list: the tab counts evaluate their conditions only for these. */
export const ON_ANY_LIST = (from: string, to: string) =>
  sql`(l.principal_overdue_days > 0 or l.interest_overdue_days >= ${sql.raw(String(HANDOVER_INTEREST_DAYS))} or l.maturity_on between ${from} and ${to})`;

/** The manager and village filters. */
export function filterConditions(f: { managerId?: string | null; villageId?: string }): RawBuilder<unknown>[] {
  const conds: RawBuilder<unknown>[] = [];
  if (f.managerId === null) conds.push(sql`cm.manager_id is null`);
  else if (f.managerId !== undefined) conds.push(sql`cm.manager_id = ${f.managerId}`);
  if (f.villageId !== undefined) conds.push(sql`b.village_id = ${f.villageId}`);
  return conds;
}

/** The whole condition of one worklist, filters included. */
export function worklistWhere(q: WorklistQuery, dueFrom: string, dueTo: string): RawBuilder<unknown> {
  const conds = [ON_BOOK];
  if (q.list === 'due-soon') conds.push(DUE_SOON(dueFrom, dueTo));
  if (q.list === 'overdue') conds.push(q.bucket ? inBucket(q.bucket) : OVERDUE);
  if (q.list === 'handover') conds.push(HANDOVER);
  if (q.list === 'litigation') conds.push(LITIGATION);
  conds.push(...filterConditions(q));
  return sql`where ${sql.join(conds, sql` and `)}`;
}

export const SORT_SQL: Record<WorklistSortColumn, string> = {
  loanNo: 'l.loan_no',
  borrower: 'b.name_pinyin',
  village: 'v.name',
  manager: 's.display_name',
  maturityOn: 'l.maturity_on',
  balanceFen: 'l.balance_fen',
  overdueDays: 'l.principal_overdue_days',
  interestOverdueDays: 'l.interest_overdue_days',
  interestOwedFen: 'l.interest_owed_fen',
};

/** Each list's own order after the user's sort keys: soonest maturity first, or longest overdue first. */
const LIST_ORDER: Record<WorklistQuery['list'], string[]> = {
  'due-soon': ['l.maturity_on asc', 'l.loan_no asc'],
  overdue: ['l.principal_overdue_days desc', 'l.loan_no asc'],
  handover: ['l.principal_overdue_days desc', 'l.interest_overdue_days desc', 'l.loan_no asc'],
  litigation: ['l.principal_overdue_days desc', 'l.loan_no asc'],
};

export function worklistOrder(list: WorklistQuery['list'], sort: Array<{ colId: WorklistSortColumn; sort: 'asc' | 'desc' }>): RawBuilder<unknown> {
  const keys = sort.map((s) => `${SORT_SQL[s.colId]} ${s.sort === 'desc' ? 'desc' : 'asc'}`);
  return sql.raw(`order by ${[...keys, ...LIST_ORDER[list]].join(', ')}`);
}

const JOIN = {
  b: 'join borrowers b on b.id = l.borrower_id',
  v: 'left join villages v on v.id = b.village_id',
  cm: CURRENT_MANAGER_JOIN,
  s: MANAGER_STAFF_JOIN,
};
export const ALL_JOINS = Object.values(JOIN).join(' ');

/**
 * `loans l` with only the joins the given SQL uses: counting the book through a join it does not
 * need costs a lookup per loan.
 */
export function fromFor(...sqlTexts: string[]): RawBuilder<unknown> {
  const text = sqlTexts.join(' ');
  const needS = /\bs\./.test(text);
  const needV = /\bv\./.test(text);
  const joins = [
    needV || /\bb\./.test(text) ? JOIN.b : '',
    needV ? JOIN.v : '',
    needS || /\bcm\./.test(text) ? JOIN.cm : '',
    needS ? JOIN.s : '',
  ];
  return sql.raw(`loans l ${joins.filter(Boolean).join(' ')}`);
}
