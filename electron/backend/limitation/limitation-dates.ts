import { LIMITATION_YEARS } from '../../shared/api/limitation';
import { addDays } from '../../shared/dates';

/**
 * `date` (SQL text of a YYYY-MM-DD expression) plus three years, the same calendar day; a
 * 29 February start ends on 28 February (SQLite's '+3 years' would give 1 March).
 */
export function expirySql(date: string): string {
  return `case when substr(${date}, 6, 5) = '02-29'
    then printf('%04d-02-28', cast(substr(${date}, 1, 4) as integer) + ${LIMITATION_YEARS})
    else date(${date}, '+${LIMITATION_YEARS} years') end`;
}

/** expirySql in JavaScript, for one loan's events. */
export function expiryOf(date: string): string {
  const year = String(Number(date.slice(0, 4)) + LIMITATION_YEARS).padStart(4, '0');
  return date.slice(5) === '02-29' ? `${year}-02-28` : `${year}${date.slice(4)}`;
}

/**
 * The latest start that can still end by `lastDay`: expiry is monotonic in the start, and a
 * day's slack covers 29 February. Loans starting later are neither expiring nor expired, so the
 * lists never compute their interruptions.
 */
export function latestStartEndingBy(lastDay: string): string {
  const [y, rest] = [Number(lastDay.slice(0, 4)), lastDay.slice(4)];
  const back = `${String(y - LIMITATION_YEARS).padStart(4, '0')}${rest === '-02-29' ? '-02-28' : rest}`;
  return addDays(back, 1);
}
