/** Money is stored as integer fen (分); 1 元 = 100 fen, 1 万元 = 1,000,000 fen. */
import { scaleDecimal } from './decimal';
import { toHalfWidth } from './text';

/**
 * Reads an amount in 元 from a spreadsheet cell and returns integer fen, rounded half away from
 * zero; null when the cell is empty or not a plain number.
 *
 * Numbers go through their shortest decimal form (String(n)), not `n * 100`, so that
 * 387650.8 → 38765080 and 1.005 → 101 as written in the cell.
 * Strings: full-width forms, a leading ¥/￥, a trailing 元, a sign and thousands separators
 * (`,` `，` spaces, only in the integer part, in groups of three) are accepted; anything else is rejected.
 */
export function parseYuanToFen(input: unknown): number | null {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return null;
    // String() switches to exponent notation outside [1e-6, 1e21): tiny values are 0 fen,
    // huge ones are beyond safe integers anyway.
    if (Math.abs(input) < 1e-6) return 0;
    if (Math.abs(input) >= 1e21) return null;
    const fen = scaleDecimal(String(Math.abs(input)), 2);
    return fen !== null && input < 0 ? normZero(-fen) : fen;
  }
  if (typeof input !== 'string') return null;
  // One optional sign, before or after the currency symbol: -¥12, ¥-12.
  const m = /^([-+]?)\s*[¥￥]?\s*([-+]?)(.*?)元?$/.exec(toHalfWidth(input).trim());
  if (!m || (m[1] && m[2])) return null;
  const negative = (m[1] || m[2]) === '-';
  const s = m[3].trim();
  const dot = s.indexOf('.');
  const intPart = dot < 0 ? s : s.slice(0, dot);
  const fracPart = dot < 0 ? '' : s.slice(dot);
  // Separators must group thousands: `1,2,3` is not 123 元, and `12,34.5` is a typo, not 1,234.5.
  if (/[,\s]/.test(intPart) && !THOUSANDS_GROUPED.test(intPart)) return null;
  const digits = intPart.replace(/[,\s]/g, '') + fracPart;
  const fen = scaleDecimal(digits, 2);
  if (fen === null) return null;
  return negative ? normZero(-fen) : fen;
}

const THOUSANDS_GROUPED = /^\d{1,3}(?:(?:,|\s+)\d{3})*$/;

function normZero(n: number): number {
  return n === 0 ? 0 : n;
}

function groupThousands(intDigits: string): string {
  return intDigits.replace(/\B(?=(\d{3})+$)/g, ',');
}

/** 3548425 → "35,484.25"; -5 → "-0.05". Non-integer fen is rounded; non-finite gives ''. */
export function formatYuan(fen: number): string {
  if (!Number.isFinite(fen)) return '';
  const abs = Math.round(Math.abs(fen));
  const sign = fen < 0 && abs !== 0 ? '-' : '';
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${sign}${groupThousands(String(yuan))}.${String(cents).padStart(2, '0')}`;
}

/**
 * Amount in 万元, without the unit: 1960727697 fen → "1,960.73". Rounded half away from zero
 * to `digits` decimals (0–6). Non-finite gives ''.
 */
export function formatWanYuan(fen: number, digits = 2): string {
  if (!Number.isInteger(digits) || digits < 0 || digits > 6) {
    throw new RangeError(`formatWanYuan: digits must be 0–6, got ${digits}`);
  }
  if (!Number.isFinite(fen)) return '';
  const abs = Math.round(Math.abs(fen));
  // Integer division keeps it exact: 1 万元 = 10^6 fen, so one output unit = 10^(6-digits) fen.
  const divisor = 10 ** (6 - digits);
  let units = Math.floor(abs / divisor);
  if ((abs % divisor) * 2 >= divisor) units += 1;
  const sign = fen < 0 && units !== 0 ? '-' : '';
  const scale = 10 ** digits;
  const whole = groupThousands(String(Math.floor(units / scale)));
  if (digits === 0) return sign + whole;
  return `${sign}${whole}.${String(units % scale).padStart(digits, '0')}`;
}

/**
 * Fen → 元 as a number for Excel cells: 38765080 → 387650.8 (the double nearest to the decimal;
 * parseYuanToFen gives the fen back for amounts below 10^13 元, the 15 digits a double keeps).
 */
export function fenToYuanNumber(fen: number): number {
  return normZero(Math.round(fen) / 100);
}
