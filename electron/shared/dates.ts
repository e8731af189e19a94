/**
 * Business dates are `YYYY-MM-DD` strings on the proleptic Gregorian calendar. Arithmetic is done
 * on day numbers (days since 1970-01-01), never through Date, so time zones cannot shift a day.
 */
import { toHalfWidth } from './text';

const MIN_YEAR = 1900;
const MAX_YEAR = 2999;

/**
 * Reads a business date from a spreadsheet cell; null for junk and impossible dates.
 * - strings: `2025-03-20`, `2025/3/20`, `2025.3.20`, `20250320`, `2025年3月20日` (full-width digits
 *   and surrounding spaces allowed; a trailing time such as `2025-03-20 00:00:00`, common in database
 *   exports, is ignored);
 * - numbers: below 100000 an Excel serial date (1900 date system; a time fraction is dropped),
 *   19000101–29991231 as yyyymmdd, anything else null;
 * - Date objects: the *local* calendar date (getFullYear/getMonth/getDate), because SheetJS with
 *   `cellDates` builds Dates at local midnight.
 * Years outside 1900–2999 are rejected as typos.
 */
export function parseBusinessDate(input: unknown): string | null {
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) return null;
    return ymd(input.getFullYear(), input.getMonth() + 1, input.getDate());
  }
  if (typeof input === 'number') return parseNumber(input);
  if (typeof input !== 'string') return null;
  const s = toHalfWidth(input).trim();
  let m = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[3]), Number(m[4]));
  m = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return ymd(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

function parseNumber(n: number): string | null {
  if (!Number.isFinite(n)) return null;
  if (n >= 1 && n < 100000) {
    const serial = Math.floor(n);
    // Excel copies Lotus 1-2-3 in treating 1900 as a leap year: serial 60 is 1900-02-29, which
    // never existed, and every later serial is one day ahead of the real count.
    if (serial === 60) return null;
    const base = daysFromCivil(1899, 12, serial < 60 ? 31 : 30);
    return fromDayNumber(base + serial);
  }
  if (Number.isInteger(n) && n >= 19000101 && n <= 29991231) {
    return ymd(Math.floor(n / 10000), Math.floor(n / 100) % 100, n % 100);
  }
  return null;
}

function ymd(y: number, m: number, d: number): string | null {
  if (y < MIN_YEAR || y > MAX_YEAR || !isValidDate(y, m, d)) return null;
  return format(y, m, d);
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= days;
}

function format(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** True for a well-formed `YYYY-MM-DD` string naming a real date (any year 0001–9999). */
export function isBusinessDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m !== null && Number(m[1]) >= 1 && isValidDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

function toDayNumber(date: string): number {
  if (!isBusinessDate(date)) throw new RangeError(`not a business date: ${JSON.stringify(date)}`);
  return daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

// Howard Hinnant's days_from_civil / civil_from_days: exact integer maths, no Date involved.
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function fromDayNumber(z: number): string {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return format(yoe + era * 400 + (m <= 2 ? 1 : 0), m, d);
}

/** `date` plus `n` calendar days (n may be negative). Throws RangeError on a malformed date or non-integer n. */
export function addDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`addDays: n must be an integer, got ${n}`);
  const result = fromDayNumber(toDayNumber(date) + n);
  if (!isBusinessDate(result)) throw new RangeError(`addDays: result outside years 0001–9999: ${result}`);
  return result;
}

/** Calendar days from `a` to `b` (b − a): daysBetween('2025-03-20', '2025-03-27') === 7. Throws on malformed dates. */
export function daysBetween(a: string, b: string): number {
  return toDayNumber(b) - toDayNumber(a);
}

/**
 * The local calendar date of `now` (the PC's time zone, which for a branch is China time).
 * Without `now`, the environment variable BRANCH_LEDGER_TODAY (YYYY-MM-DD), when set in a
 * Node process, stands in for the clock's date: the tests set it, so that rules judged
 * against today (an as-of date a year back asks first) give the same answers on fixtures dated
 * 2026 in any later year. The renderer has no such variable and always uses the clock.
 */
export function todayLocal(now?: Date): string {
  if (now === undefined) {
    const fixed = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.BRANCH_LEDGER_TODAY;
    if (fixed !== undefined && isBusinessDate(fixed)) return fixed;
    now = new Date();
  }
  return format(now.getFullYear(), now.getMonth() + 1, now.getDate());
}
