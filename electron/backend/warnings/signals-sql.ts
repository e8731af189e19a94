import { sql, type RawBuilder } from 'kysely';
import type { WarningSignal } from '../../shared/api/warnings';

/**
 * The early-warning signals as one SQL statement over the import history, read at the newest
 * as-of date `D`. Per loan on the book (active, not with the risk-asset unit) the dates of its
 * last three snapshots on or before D come from one walk of (loan_id, as_of); the loans are
 * taken in id order, so that reading those snapshots' figures from loan_snapshots_history
 * (as_of, loan_id) steps through each date in order instead of seeking at random (3x faster on
 * a county's book). Each step is materialized once (a correlated date re-evaluated in every
 * later expression cost 5x). Each signal is an evidence key (null when the signal is absent),
 * and a signal whose key has a warning_clearances row is left out (an anti-join on the
 * clearances' unique key). The history before D is searched only for loans that are overdue at
 * D and were not at the import before (first-overdue), and other loans of a household only
 * where the household has one overdue (related-overdue).
 */

export interface SignalFilter {
  managerId?: string | null;
  villageId?: string;
  loanId?: string;
}

/** Column of each signal's uncleared evidence key in the statement's output. */
export const KEY_COLUMN: Record<WarningSignal, string> = {
  'class-down': 'k_class',
  'interest-rising': 'k_interest',
  'first-overdue': 'k_first',
  'matured-unpaid': 'k_matured',
  'related-overdue': 'k_related',
  'class-too-good': 'k_too_good',
};

/** Days overdue beyond which a loan is at least 次级 (金融资产风险分类: overdue more than 90 days). */
const NON_PERFORMING_AFTER_DAYS = 90;

const CLASS_RANK = (col: string) => sql.raw(`case ${col} when '正常' then 1 when '关注' then 2 when '次级' then 3 when '可疑' then 4 when '损失' then 5 end`);

function populationWhere(f: SignalFilter): RawBuilder<unknown> {
  const conds: RawBuilder<unknown>[] = [
    // `+` as in the worklists: a plain scan of loans beats the borrower index for the whole book.
    sql`+l.status = 'active'`,
    sql`not exists (select 1 from loan_handovers h where h.loan_id = l.id and h.returned_on is null)`,
  ];
  if (f.managerId === null) conds.push(sql`cm.manager_id is null`);
  else if (f.managerId !== undefined) conds.push(sql`cm.manager_id = ${f.managerId}`);
  if (f.villageId !== undefined) conds.push(sql`l.borrower_id in (select id from borrowers where village_id = ${f.villageId})`);
  if (f.loanId !== undefined) conds.push(sql`l.id = ${f.loanId}`);
  return sql.join(conds, sql` and `);
}

const uncleared = (signal: WarningSignal, key: string) =>
  sql.raw(
    `case when ${key} is not null and not exists (select 1 from warning_clearances c where c.loan_id = sig.id and c.signal = '${signal}' and c.evidence_key = ${key}) then ${key} end`,
  );

/**
 * `open`: one row per loan of the selection with its uncleared keys (k_class …) and the figures of
 * its last three snapshots (s1_* newest, d1..d3 their dates), for the loans with at least one signal.
 */
export function openSignals(asOf: string, f: SignalFilter): RawBuilder<unknown> {
  return sql`
  pop as materialized (
    select l.id, l.loan_no, l.borrower_id, l.maturity_on, l.balance_fen, cm.manager_id,
      (select group_concat(x.as_of, '' order by x.as_of desc) from (
          select x.as_of from loan_snapshots x where x.loan_id = l.id and x.as_of <= ${asOf} order by x.as_of desc limit 3) x) as dates
    from loans l
    left join current_loan_managers cm on cm.loan_id = l.id
    where ${populationWhere(f)}
    order by l.id
  ),
  p3 as materialized (
    select pop.*, substr(dates, 1, 10) as d1, nullif(substr(dates, 11, 10), '') as d2, nullif(substr(dates, 21, 10), '') as d3
    from pop where dates is not null
  ),
  overdue_borrowers as materialized (
    select distinct borrower_id from loans where +status = 'active' and principal_overdue_days > 0
  ),
  ${SNAPSHOT_STEPS}
  sig as materialized (
    select sig0.*,
      case when ${CLASS_RANK('s1_class')} > ${CLASS_RANK('s2_class')} then d2 || '>' || d1 end as key_class,
      case when s3_io < s2_io and s2_io < s1_io then d3 || '>' || d2 || '>' || d1 end as key_interest,
      case when s1_pod > 0 and s2_pod = 0 and not exists (
          select 1 from loan_snapshots e where e.loan_id = sig0.id and e.as_of < d2 and e.principal_overdue_days > 0) then d1 end as key_first,
      case when maturity_on < ${asOf} and balance_fen > 0 then maturity_on end as key_matured,
      case when borrower_id in overdue_borrowers then (select group_concat(o.loan_no, ',' order by o.loan_no) from loans o
          where o.borrower_id = sig0.borrower_id and o.id <> sig0.id and o.status = 'active' and o.principal_overdue_days > 0) end as key_related,
      case when s1_class in ('正常', '关注') and (s1_pod > ${sql.raw(String(NON_PERFORMING_AFTER_DAYS))} or coalesce(s1_iod, 0) > ${sql.raw(String(NON_PERFORMING_AFTER_DAYS))})
        then d1 end as key_too_good
    from sig0
  ),
  open as (
    select * from (
      select sig.*,
        ${uncleared('class-down', 'key_class')} as k_class,
        ${uncleared('interest-rising', 'key_interest')} as k_interest,
        ${uncleared('first-overdue', 'key_first')} as k_first,
        ${uncleared('matured-unpaid', 'key_matured')} as k_matured,
        ${uncleared('related-overdue', 'key_related')} as k_related,
        ${uncleared('class-too-good', 'key_too_good')} as k_too_good
      from sig
      where coalesce(key_class, key_interest, key_first, key_matured, key_related, key_too_good) is not null
    ) where coalesce(k_class, k_interest, k_first, k_matured, k_related, k_too_good) is not null
  )`;
}

/**
 * `sig0`: each loan's last three snapshots' figures, read from loan_snapshots_history in the
 * loans' id order.
 */
const SNAPSHOT_STEPS = sql`sig0 as materialized (
    select p3.*,
      s1.balance_fen as s1_balance, s1.principal_overdue_days as s1_pod, s1.interest_owed_fen as s1_io, s1.risk_class as s1_class,
      s1.interest_overdue_days as s1_iod,
      s2.balance_fen as s2_balance, s2.principal_overdue_days as s2_pod, s2.interest_owed_fen as s2_io, s2.risk_class as s2_class,
      s3.balance_fen as s3_balance, s3.principal_overdue_days as s3_pod, s3.interest_owed_fen as s3_io, s3.risk_class as s3_class
    from p3
    join loan_snapshots s1 indexed by loan_snapshots_history on s1.as_of = p3.d1 and s1.loan_id = p3.id
    left join loan_snapshots s2 indexed by loan_snapshots_history on s2.as_of = p3.d2 and s2.loan_id = p3.id
    left join loan_snapshots s3 indexed by loan_snapshots_history on s3.as_of = p3.d3 and s3.loan_id = p3.id
    where s1.status = 'active'
  ),`;

/** How many signals a row of `open` has. */
export const SIGNAL_COUNT = sql.raw(
  '((k_class is not null) + (k_interest is not null) + (k_first is not null) + (k_matured is not null) + (k_related is not null) + (k_too_good is not null))',
);
