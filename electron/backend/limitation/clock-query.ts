import { sql, type RawBuilder } from 'kysely';
import { LIMITATION_YEARS, type InterruptionKind, type LimitationRow, type LimitationShow } from '../../shared/api/limitation';
import { addDays } from '../../shared/dates';
import type { ReadDb } from '../db/read-db';
import { likeEscape } from '../db/like-pattern';
import { CURRENT_MANAGER_JOIN, MANAGER_STAFF_JOIN } from '../worklists/current-manager';
import { filterConditions } from '../worklists/worklist-sql';
import { interruptionsSql } from './interruptions-sql';

export interface ClockFilter {
  asOf: string;
  withinDays: number;
  show: LimitationShow;
  managerId?: string | null;
  villageId?: string;
  text?: string;
  loanId?: string;
}

/**
 * `date` (SQL text of a YYYY-MM-DD expression) plus three years, the same calendar day; a
 * 29 February start ends on 28 February (SQLite's '+3 years' would give 1 March).
 */
function expirySql(date: string): string {
  return `case when substr(${date}, 6, 5) = '02-29'
    then printf('%04d-02-28', cast(substr(${date}, 1, 4) as integer) + ${LIMITATION_YEARS})
    else date(${date}, '+${LIMITATION_YEARS} years') end`;
}

/**
 * The latest start that can still end by `lastDay`: expiry is monotonic in the start, and a
 * day's slack covers 29 February. Loans starting later are neither expiring nor expired, so the
 * lists never compute their interruptions.
 */
function latestStartEndingBy(lastDay: string): string {
  const [y, rest] = [Number(lastDay.slice(0, 4)), lastDay.slice(4)];
  const back = `${String(y - LIMITATION_YEARS).padStart(4, '0')}${rest === '-02-29' ? '-02-28' : rest}`;
  return addDays(back, 1);
}

function loanConditions(f: ClockFilter): RawBuilder<unknown>[] {
  const conds: RawBuilder<unknown>[] = [sql`+l.status = 'active'`, sql`l.maturity_on is not null`, ...filterConditions(f)];
  if (f.loanId !== undefined) conds.push(sql`l.id = ${f.loanId}`);
  const text = f.text?.replace(/\s+/g, '') ?? '';
  if (text !== '') {
    const escaped = likeEscape(text);
    conds.push(sql`(l.loan_no like ${`${escaped}%`} escape '\\' or b.name like ${`%${escaped}%`} escape '\\')`);
  }
  return conds;
}

/**
 * The clocks of the loans the filter selects, as of `asOf`, in one statement: each loan's start
 * (its maturity, or the earliest acceleration recorded on or before `asOf` and before maturity),
 * its latest interruption on or before `asOf` (it counts only after the start), the end three
 * years after the last start. `show` keeps the loans ending within `withinDays` (both ends
 * included), those already ended, or all. Ordered by the end, soonest first; `total` is the
 * count of the whole list.
 */
type ClockSqlRow = Omit<LimitationRow, 'lastInterruption'> & { total: number; lastOn: string | null; lastKind: InterruptionKind | null; lastRef: string | null };

export function clockSql(f: ClockFilter, page: { offset: number; limit: number } | null): RawBuilder<ClockSqlRow> {
  const windowEnd = addDays(f.asOf, f.withinDays);
  const prune = f.show === 'all' ? sql`` : sql`where start_on <= ${latestStartEndingBy(windowEnd)}`;
  const show =
    f.show === 'expiring' ? sql`where expires_on between ${f.asOf} and ${windowEnd}` : f.show === 'expired' ? sql`where expires_on < ${f.asOf}` : sql``;
  const limit = page === null ? sql`` : sql`limit ${page.limit} offset ${page.offset}`;
  return sql`
    with cand as (
      select l.id as loan_id, l.maturity_on,
        (select min(a.event_on) from limitation_events a
          where a.loan_id = l.id and a.kind = 'acceleration' and a.event_on <= ${f.asOf} and a.event_on < l.maturity_on) as accel_on
      from loans l join borrowers b on b.id = l.borrower_id ${sql.raw(CURRENT_MANAGER_JOIN)}
      where ${sql.join(loanConditions(f), sql` and `)}
    ),
    st as (
      select loan_id, maturity_on, start_on, start_kind from (
        select loan_id, maturity_on, coalesce(accel_on, maturity_on) as start_on,
          case when accel_on is null then 'maturity' else 'acceleration' end as start_kind
        from cand) ${prune}
    ),
    ev as (
      select loan_id, on_, kind, ref, row_number() over (partition by loan_id order by on_ desc, kind, ref) as rn
      from (${interruptionsSql(sql`select loan_id from st`, f.asOf)}) where void is null
    ),
    clock as (
      select st.*, ev.on_ as last_on, ev.kind as last_kind, ev.ref as last_ref,
        case when ev.on_ > st.start_on then ev.on_ else st.start_on end as last_start
      from st left join ev on ev.loan_id = st.loan_id and ev.rn = 1 and ev.on_ > st.start_on
    ),
    ended as (select clock.*, ${sql.raw(expirySql('last_start'))} as expires_on from clock)
    select l.id as "loanId", b.id as "borrowerId", l.loan_no as "loanNo", b.name as "borrowerName", v.name as village,
      s.display_name as manager, l.balance_fen as "balanceFen", e.maturity_on as "maturityOn", e.start_on as "startOn",
      e.start_kind as "startKind", e.last_on as "lastOn", e.last_kind as "lastKind", e.last_ref as "lastRef",
      e.expires_on as "expiresOn", cast(julianday(e.expires_on) - julianday(${f.asOf}) as integer) as "daysLeft",
      count(*) over () as total
    from (select * from ended ${show}) e
      join loans l on l.id = e.loan_id join borrowers b on b.id = l.borrower_id left join villages v on v.id = b.village_id
      ${sql.raw(CURRENT_MANAGER_JOIN)} ${sql.raw(MANAGER_STAFF_JOIN)}
    order by e.expires_on, l.loan_no
    ${limit}`;
}

/** Runs clockSql: rows with their last interruption as one object, and the list's count. */
export async function clockRows(db: ReadDb, f: ClockFilter, page: { offset: number; limit: number } | null): Promise<{ rows: LimitationRow[]; count: number | null }> {
  const { rows } = await clockSql(f, page).execute(db);
  const out = rows.map(({ total: _total, lastOn, lastKind, lastRef, ...r }): LimitationRow => ({
    ...r,
    lastInterruption: lastOn === null || lastKind === null ? null : { date: lastOn, kind: lastKind, ref: lastRef ?? '' },
  }));
  return { rows: out, count: rows.length > 0 ? rows[0].total : null };
}
