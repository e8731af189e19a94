import { sql, type RawBuilder } from 'kysely';
import { NON_PERFORMING } from '../../shared/domain';

// The loans (or households) behind each figure, one row each, as SQL to be summed per manager
// or listed for a drill. Every row has manager_id: the manager recorded in the snapshot the row
// is judged from, so a later reassignment does not rewrite a past month.

export type Rows = RawBuilder<unknown>;

/** Restricts `loanRef` (a loan id column) to the loans of one village's borrowers. */
export function inVillage(loanRef: string, villageId: string | undefined): RawBuilder<unknown> {
  if (villageId === undefined) return sql``;
  return sql`and ${sql.ref(loanRef)} in (select vl.id from loans vl join borrowers vb on vb.id = vl.borrower_id where vb.village_id = ${villageId})`;
}

const npl = sql.join(NON_PERFORMING.map((c) => sql.lit(c)));

/**
 * Loans at one as-of date (active, balance > 0): the denominator of both balance shares.
 * overdue_num: 正常/关注 with principal overdue 1–89 days; npl_num: 次级/可疑/损失.
 */
export function atDateRows(asOf: string, villageId?: string): Rows {
  return sql`
    select s.loan_id, s.manager_id, s.balance_fen, s.risk_class, s.principal_overdue_days,
      case when s.risk_class in ('正常', '关注') and s.principal_overdue_days between 1 and 89 then s.balance_fen else 0 end as overdue_num,
      case when s.risk_class in (${npl}) then s.balance_fen else 0 end as npl_num
    from loan_snapshots s indexed by loan_snapshots_history
    where s.as_of = ${asOf} and s.status = 'active' and s.balance_fen > 0 ${inVillage('s.loan_id', villageId)}`;
}

/**
 * Loans maturing from `first` to `last`, not paid off before `first`, that were 正常 and active (balance > 0) in their last
 * snapshot before maturity (before_on). after_on: their first snapshot on or after maturity.
 * repaid: the before balance less the after balance (floored at 0), or all of it when the loan
 * was settled by after_on (or settled with no snapshot after). pending = 1: neither yet, so the
 * loan is left out until an import after its maturity comes.
 */
export function maturedRows(first: string, last: string, villageId?: string): Rows {
  return sql`
    select d.loan_id, bs.manager_id, d.maturity_on, d.before_on, d.after_on, d.settled_on,
      bs.balance_fen as before_balance, a.balance_fen as after_balance,
      case when d.after_on is null and d.settled_on is null then 1 else 0 end as pending,
      case
        when d.settled_on is not null and (d.after_on is null or d.settled_on <= d.after_on) then bs.balance_fen
        when a.status = 'settled' then bs.balance_fen
        when a.loan_id is null then 0
        else max(0, bs.balance_fen - a.balance_fen)
      end as repaid
    from (
      select l.id as loan_id, l.maturity_on, l.settled_on,
        (select max(s.as_of) from loan_snapshots s where s.loan_id = l.id and s.as_of < l.maturity_on) as before_on,
        (select min(s.as_of) from loan_snapshots s where s.loan_id = l.id and s.as_of >= l.maturity_on) as after_on
      from loans l
      -- A loan paid off before the month began was not due in it, however its maturity reads.
      where l.maturity_on >= ${first} and l.maturity_on <= ${last} and (l.settled_on is null or l.settled_on >= ${first}) ${inVillage('l.id', villageId)}
    ) d
    join loan_snapshots bs on bs.loan_id = d.loan_id and bs.as_of = d.before_on
    left join loan_snapshots a on a.loan_id = d.loan_id and a.as_of = d.after_on
    where bs.status = 'active' and bs.balance_fen > 0 and bs.risk_class = '正常'`;
}

/**
 * Loans with interest due on the settlement day: active with balance > 0 at `day20` (the as-of
 * date of the 20th or the last before it). cleared21 / cleared_end: settled by that date, or
 * its snapshot of that date shows no interest owed (a date the register has no import of
 * clears nothing; the figure is then not computed).
 */
export function interestRows(day20: string, day21: string | null, lastDay: string | null, villageId?: string): Rows {
  // The loan's settlement date is looked up only for a loan missing from that date's import.
  const cleared = (alias: string, date: string | null) =>
    sql`case when ${sql.ref(`${alias}.status`)} = 'settled' or ${sql.ref(`${alias}.interest_owed_fen`)} = 0 then 1
      when ${sql.ref(`${alias}.loan_id`)} is null and exists (select 1 from loans sl where sl.id = b.loan_id and sl.settled_on <= ${date}) then 1
      else 0 end`;
  return sql`
    select b.loan_id, b.manager_id, b.balance_fen, b.interest_owed_fen as owed20,
      t.interest_owed_fen as owed21, e.interest_owed_fen as owed_end,
      ${cleared('t', day21)} as cleared21,
      ${cleared('e', lastDay)} as cleared_end
    from loan_snapshots b indexed by loan_snapshots_history
    left join loan_snapshots t indexed by loan_snapshots_history on t.as_of = ${day21} and t.loan_id = b.loan_id
    left join loan_snapshots e indexed by loan_snapshots_history on e.as_of = ${lastDay} and e.loan_id = b.loan_id
    where b.as_of = ${day20} and b.status = 'active' and b.balance_fen > 0 ${inVillage('b.loan_id', villageId)}`;
}

/**
 * Households (borrowers) with an active loan at the year's start `start`, one row each: its
 * balance then, its loans then, the manager of its largest loan then (the first by loan number
 * of equal ones); lost = 1 when at `end` it has no active loan and took no loan since the start
 * (disbursed in (start, end], or, where the export has no 放款日, first seen in an import in
 * (start, end]).
 *
 * The start date is read whole from loan_snapshots_history and hops to its borrower through
 * loans_id_borrower (CROSS JOIN keeps that order: driven from loans, the planner seeks every
 * loan's snapshot instead, 3x slower on a county's book), and each of those loans is looked up
 * at `end` in the same order; only a household none of whose loans then is still active has its
 * other loans looked up (cheaper than sorting the whole end date's borrowers). The manager is
 * min()'s bare column: SQLite takes it from the row holding the minimum key (largest balance,
 * then loan number). `loanNos: false` leaves out the list of the household's loan numbers (null),
 * which only a drill shows: joining them is a fifth of the work on a county's book.
 */
export function householdRows(start: string, end: string, villageId?: string, { loanNos = true } = {}): Rows {
  const village = villageId === undefined ? sql`` : sql`and l.borrower_id in (select vb.id from borrowers vb where vb.village_id = ${villageId})`;
  return sql`
    with opening as materialized (
      select l.borrower_id, s.manager_id, s.balance_fen, l.loan_no,
        coalesce(e.status = 'active' and e.balance_fen > 0, 0) as active_at_end
      from loan_snapshots s indexed by loan_snapshots_history
      cross join loans l indexed by loans_id_borrower on l.id = s.loan_id
      left join loan_snapshots e indexed by loan_snapshots_history on e.as_of = ${end} and e.loan_id = s.loan_id
      where s.as_of = ${start} and s.status = 'active' and s.balance_fen > 0 ${village}
    ),
    households as materialized (
      select borrower_id, manager_id, sum(balance_fen) as start_balance,
        ${loanNos ? sql`group_concat(loan_no, '、' order by loan_no)` : sql`null`} as loan_nos,
        max(active_at_end) as kept_a_loan,
        min(printf('%020d', 9223372036854775807 - balance_fen) || loan_no) as largest_first
      from opening
      group by borrower_id
    )
    select h.borrower_id, h.manager_id, h.start_balance, h.loan_nos,
      case
        when h.kept_a_loan then 0
        when exists (
          select 1 from loans a indexed by loans_borrower
          join loan_snapshots e indexed by loan_snapshots_history on e.as_of = ${end} and e.loan_id = a.id
          where a.borrower_id = h.borrower_id and e.status = 'active' and e.balance_fen > 0
        ) then 0
        when exists (
          select 1 from loans n where n.borrower_id = h.borrower_id and (
            (n.disbursed_on > ${start} and n.disbursed_on <= ${end})
            or (n.disbursed_on is null
              and not exists (select 1 from loan_snapshots x where x.loan_id = n.id and x.as_of <= ${start})
              and exists (select 1 from loan_snapshots x where x.loan_id = n.id and x.as_of > ${start} and x.as_of <= ${end})))
        ) then 0
        else 1 end as lost
    from households h`;
}
