/** Chinese resident ID numbers (居民身份证号码), GB 11643-1999; 15-digit pre-1999 IDs are accepted. */
import { toHalfWidth } from './text';
import { isBusinessDate, todayLocal } from './dates';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type ResidentIdCheck =
  | { ok: true; birthDate: string; gender: 'M' | 'F'; legacy: boolean }
  | { ok: false; reason: 'length' | 'chars' | 'birth-date' | 'check-digit' };

/**
 * Cell value → ID text: full-width → half-width, whitespace removed, x → X, and a leading `'`
 * (Excel's "store as text" mark, often left in CSV exports) dropped. '' for empty.
 * A number that is not a safe integer gives '': Excel keeps only 15 significant digits, so the
 * last digits of an 18-digit ID stored as a number are lost and must not pass as an ID.
 */
export function normalizeResidentId(input: unknown): string {
  if (typeof input === 'number') {
    return Number.isSafeInteger(input) && input > 0 ? String(input) : '';
  }
  if (typeof input !== 'string') return '';
  return toHalfWidth(input).replace(/\s+/g, '').replace(/^'/, '').replace(/x/g, 'X');
}

/** The GB 11643 check character for the first 17 digits. Throws RangeError unless given 17 digits. */
export function residentIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`residentIdCheckDigit: need 17 digits, got ${JSON.stringify(first17)}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * Validates a normalised ID (see normalizeResidentId). Checks in order: length (15 or 18),
 * characters, birth date (a real date from 1900 to today), check digit (18-digit only).
 * Gender is the parity of the sequence code's last digit: odd = M. Code that checks many IDs
 * passes `today` once (reading the clock or BRANCH_LEDGER_TODAY per ID was ~0.6 s of a 100k-row import).
 */
export function checkResidentId(id: string, today: string = todayLocal()): ResidentIdCheck {
  if (id.length !== 18 && id.length !== 15) return { ok: false, reason: 'length' };
  const legacy = id.length === 15;
  if (!(legacy ? /^\d{15}$/ : /^\d{17}[\dX]$/).test(id)) return { ok: false, reason: 'chars' };
  const birth = legacy ? '19' + id.slice(6, 12) : id.slice(6, 14);
  const birthDate = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
  if (!isBusinessDate(birthDate) || Number(birth.slice(0, 4)) < 1900 || birthDate > today) return { ok: false, reason: 'birth-date' };
  if (!legacy && residentIdCheckDigit(id.slice(0, 17)) !== id[17]) return { ok: false, reason: 'check-digit' };
  const genderDigit = Number(id[legacy ? 14 : 16]);
  return { ok: true, birthDate, gender: genderDigit % 2 === 1 ? 'M' : 'F', legacy };
}

/**
 * The 18-digit form of a valid 15-digit (1985–1999) ID — the same person — so the two match;
 * any other ID is returned as it is.
 */
export function canonicalResidentId(id: string): string {
  if (id.length !== 15 || !checkResidentId(id).ok) return id;
  const first17 = `${id.slice(0, 6)}19${id.slice(6)}`;
  return first17 + residentIdCheckDigit(first17);
}

/**
 * 18 and 15 characters: first 6 and last 4 kept (`141124********1234`, `141124*****1234`). Any
 * other length: first 3 and last 2 kept; 5 characters or fewer are masked entirely.
 */
export function maskResidentId(id: string): string {
  const chars = Array.from(id);
  const n = chars.length;
  const [head, tail] = n === 18 || n === 15 ? [6, 4] : n > 5 ? [3, 2] : [0, 0];
  return chars.slice(0, head).join('') + '*'.repeat(n - head - tail) + chars.slice(n - tail).join('');
}
