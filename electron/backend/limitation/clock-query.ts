import { sql, type RawBuilder } from 'kysely';
import type { LimitationRow, LimitationShow } from '../../shared/api/limitation';
import { addDays } from '../../shared/dates';
import type { ReadDb } from '../db/read-db';
import { likeEscape } from '../db/like-pattern';
import { CURRENT_MANAGER_JOIN, MANAGER_STAFF_JOIN } from '../worklists/current-manager';
import { filterConditions, OWES_SQL } from '../worklists/worklist-sql';
import { latestInterruptionSql, parseInterruption } from './interruptions-sql';
import { expirySql, latestStartEndingBy } from './limitation-dates';

export interface ClockFilter {
  asOf: string;
  withinDays: number;
  show: LimitationShow;
  managerId?: string | null;
  villageId?: string;
  text?: string;
  loanId?: string;
  /** These loans only (a page of a list whose order is known). */
  loanIds?: readonly string[];
}

function loanConditions(f: ClockFilter): RawBuilder<unknown>[] {
  // A loan paid off (nothing owed) has no claim left to lapse.
  const conds: RawBuilder<unknown>[] = [sql`+l.status = 'active'`, sql.raw(OWES_SQL), sql`l.maturity_on is not null`, ...filterConditions(f)];
  if (f.loanId !== undefined) conds.push(sql`l.id = ${f.loanId}`);
  if (f.loanIds !== undefined) conds.push(sql`l.id in (select value from json_each(${JSON.stringify(f.loanIds)}))`);
  const text = f.text?.replace(/\s+/g, '') ?? '';
  if (text !== '') {
    // The loan number's start as a range of its index; the name's part through the households.
    conds.push(sql`l.id in (select id from loans where loan_no >= ${text} and loan_no < ${`${text}\uffff`}
      union all select nl.id from borrowers nb join loans nl on nl.borrower_id = nb.id where nb.name like ${`%${likeEscape(text)}%`} escape '\\')`);
  }
  if (f.show !== 'all') {
    // Only loans whose clock can have started by then can have ended by the window's end.
    const cutoff = latestStartEndingBy(addDays(f.asOf, f.withinDays));
    conds.push(sql`(l.maturity_on <= ${cutoff} or exists (select 1 from limitation_events a where a.loan_id = l.id and a.kind = 'acceleration' and a.event_on <= ${cutoff}))`);
  }
  return conds;
}

type ClockSqlRow = Omit<LimitationRow, 'lastInterruption'> & { total: number; last: string | null };

/**
 * The clocks of the loans the filter selects, as of `asOf`, in one statement: each loan's start
 * (its maturity, or the earliest acceleration recorded on or before `asOf` and before maturity),
 * its latest interruption after the start and on or before `asOf`, the end three
 * years after the last start. `show` keeps the loans ending within `withinDays` (both ends
 * included), those already ended, or all. Ordered by the end, soonest first; `total` is the
 * count of the whole list.
 */
export function clockSql(f: ClockFilter, page: { offset: number; limit: number } | null): RawBuilder<ClockSqlRow> {
  const limit = page === null ? sql`` : sql`limit ${page.limit} offset ${page.offset}`;
  return sql`
    ${clocksWith(f)}
    select l.id as "loanId", b.id as "borrowerId", l.loan_no as "loanNo", b.name as "borrowerName", v.name as village,
      s.display_name as manager, l.balance_fen as "balanceFen", e.maturity_on as "maturityOn", e.start_on as "startOn",
      e.start_kind as "startKind", e.last,
      e.expires_on as "expiresOn", cast(julianday(e.expires_on) - julianday(${f.asOf}) as integer) as "daysLeft",
      count(*) over () as total
    from listed e
      join loans l on l.id = e.loan_id join borrowers b on b.id = l.borrower_id left join villages v on v.id = b.village_id
      ${sql.raw(CURRENT_MANAGER_JOIN)} ${sql.raw(MANAGER_STAFF_JOIN)}
    order by e.expires_on, l.loan_no
    ${limit}`;
}

/** The loans of clockSql's list, in its order, and nothing else of them. */
export function clockOrderSql(f: ClockFilter): RawBuilder<{ loanId: string }> {
  return sql`
    ${clocksWith(f)}
    select e.loan_id as "loanId" from listed e join loans l on l.id = e.loan_id
    order by e.expires_on, l.loan_no`;
}

/** The common table expressions of both: `listed`, the clocks `show` keeps. */
function clocksWith(f: ClockFilter): RawBuilder<unknown> {
  const windowEnd = addDays(f.asOf, f.withinDays);
  const show =
    f.show === 'expiring' ? sql`where expires_on between ${f.asOf} and ${windowEnd}` : f.show === 'expired' ? sql`where expires_on < ${f.asOf}` : sql``;
  return sql`
    with cand as materialized (
      select l.id as loan_id, l.maturity_on,
        (select min(a.event_on) from limitation_events a
          where a.loan_id = l.id and a.kind = 'acceleration' and a.event_on <= ${f.asOf} and a.event_on < l.maturity_on) as accel_on
      from loans l join borrowers b on b.id = l.borrower_id ${sql.raw(f.managerId !== undefined ? CURRENT_MANAGER_JOIN : '')}
      where ${sql.join(loanConditions(f), sql` and `)}
    ),
    st as materialized (
      select loan_id, maturity_on, start_on, start_kind from (
        select loan_id, maturity_on, coalesce(accel_on, maturity_on) as start_on,
          case when accel_on is null then 'maturity' else 'acceleration' end as start_kind
        from cand)
    ),
    clock as materialized (
      -- A clock not started by the as-of date has nothing to restart it (most of a current book).
      select st.*, case when st.start_on < ${f.asOf} then ${latestInterruptionSql('st.loan_id', 'st.start_on', sql`${f.asOf}`)} end as last from st
    ),
    started as (select clock.*, case when last is null then start_on else substr(last, 1, 10) end as last_start from clock),
    ended as (select started.*, ${sql.raw(expirySql('last_start'))} as expires_on from started),
    listed as (select * from ended ${show})`;
}

/** Runs clockSql: rows with their last interruption as one object, and the list's count. */
export async function clockRows(db: ReadDb, f: ClockFilter, page: { offset: number; limit: number } | null): Promise<{ rows: LimitationRow[]; count: number | null }> {
  const { rows } = await clockSql(f, page).execute(db);
  const out = rows.map(({ total: _total, last, ...r }): LimitationRow => ({ ...r, lastInterruption: parseInterruption(last) }));
  return { rows: out, count: rows.length > 0 ? rows[0].total : null };
}
