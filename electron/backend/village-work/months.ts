import { isBusinessDate } from '../../shared/dates';

/**
 * `date` plus `n` calendar months (n may be negative), the day clamped to the target month's
 * length: addMonths('2026-08-31', -6) === '2026-02-28'. Throws RangeError on a malformed date.
 */
export function addMonths(date: string, n: number): string {
  if (!isBusinessDate(date) || !Number.isInteger(n)) throw new RangeError(`addMonths: bad arguments ${date}, ${n}`);
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + n;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
