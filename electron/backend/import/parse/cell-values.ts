/**
 * Raw grid cells (what SheetJS or csv-parse gives: string, number, boolean, null) → text.
 * Everything here runs once per cell of a 100k-row file, so it avoids allocations it can.
 */
import { parseBusinessDate } from '../../../shared/dates';
import { toHalfWidth } from '../../../shared/text';

const WHITESPACE = /\s+/g;

const EXPONENT = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/;

/**
 * A number in plain decimal, never in exponent form: 88011000000 → '88011000000',
 * 8.8011e21 → '8801100000000000000000', 1e-7 → '0.0000001'. The digits are those of the shortest
 * form that reads back as the same double (String(n)), so no float noise is added.
 */
export function plainNumber(n: number): string {
  const s = String(n);
  const m = EXPONENT.exec(s);
  if (!m) return s;
  const digits = m[2] + (m[3] ?? '');
  const exp = Number(m[4]);
  if (exp >= 0) return m[1] + digits.padEnd(exp + 1, '0');
  return `${m[1]}0.${'0'.repeat(-exp - 1)}${digits}`;
}

/**
 * A cell as trimmed text: '' for empty. Undoes two tricks exports use to keep Excel from turning
 * long digit strings into numbers: a leading apostrophe (`'88011000000`) and a formula wrapper
 * (`="88011000000"`).
 */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') {
    const t = v.trim();
    if (t === '') return t;
    const c = t.charCodeAt(0);
    if (c === 0x27 /* ' */) return t.slice(1).trim();
    if (c === 0x3d /* = */ && t.length >= 3 && t.charCodeAt(1) === 0x22 && t.charCodeAt(t.length - 1) === 0x22) return t.slice(2, -1).trim();
    return t;
  }
  if (typeof v === 'number') return Number.isFinite(v) ? plainNumber(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return parseBusinessDate(v) ?? '';
  return String(v).trim();
}

/** The value to hand to the shared parsers: numbers (and dates) stay as they are, everything else becomes cellText. */
export function cellValue(v: unknown): string | number | Date {
  return typeof v === 'number' || v instanceof Date ? v : cellText(v);
}

/** True for null, '' and whitespace-only text. */
export function isEmptyCell(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return v.trim() === '';
  return false;
}

const NON_ASCII = /[^\x20-\x7e\t\r\n]/;
const HAS_WHITESPACE = /\s/;

/**
 * cellText in half-width with all whitespace removed: the form in which codes, numbers and short
 * names are read. (toHalfWidth only changes non-ASCII characters, so ASCII text skips it.)
 */
export function compactText(v: unknown): string {
  let t = cellText(v);
  if (t === '') return t;
  if (NON_ASCII.test(t)) t = toHalfWidth(t);
  return HAS_WHITESPACE.test(t) ? t.replace(WHITESPACE, '') : t;
}

/** Identifiers (loan number, customer number, contract number): see compactText. */
export function identifierText(v: unknown): string {
  return compactText(v);
}

/** Free text (address, product, …): trimmed, inner whitespace runs (ideographic space included) collapsed to one space. */
export function plainText(v: unknown): string {
  const t = cellText(v);
  return t === '' ? t : t.replace(WHITESPACE, ' ');
}

const CJK_WITH_SPACES = /^[\u3400-\u9fff\uf900-\ufaff\s]+$/;

/**
 * A person's name: Chinese names padded with spaces for alignment (`梁\u3000梅`, `梁 梅`) lose the
 * spaces; other names keep single spaces.
 */
export function personName(v: unknown): string {
  const t = plainText(v);
  return CJK_WITH_SPACES.test(t) ? t.replace(WHITESPACE, '') : t;
}

const DASHES = /^[-\u2010-\u2015\u2212\uff0d]+$/;

/** A placeholder for "none": `-`, `—`, `－` (accounting format shows 0 this way when saved as CSV). */
export function isDash(text: string): boolean {
  return DASHES.test(text);
}

/**
 * C0/C1 control characters other than tab and line breaks, and the bidirectional overrides and
 * isolates (U+202A–202E, U+2066–2069, marks U+200E/200F/061C) that make text read other than it is.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_OR_BIDI = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const CONTROL_OR_BIDI_ALL = new RegExp(CONTROL_OR_BIDI.source, 'g');

/** True when the cell's text holds a control or bidi-override character. */
export function hasControlChars(v: unknown): boolean {
  return typeof v === 'string' && CONTROL_OR_BIDI.test(v);
}

/** The cell with its control and bidi-override characters removed (strings only). */
export function withoutControlChars(v: unknown): unknown {
  return typeof v === 'string' ? v.replace(CONTROL_OR_BIDI_ALL, '') : v;
}
