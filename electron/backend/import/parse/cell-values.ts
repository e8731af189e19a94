/**
 * Raw grid cells (what SheetJS or csv-parse gives: string, number, boolean, null) → text.
 * Everything here runs once per cell of a 100k-row file, so it avoids allocations it can.
 */
import { toHalfWidth } from '../../../shared/text';

const WHITESPACE = /\s+/g;

/**
 * A number as written, never in exponent form and without float noise for integers:
 * 88011000000 → '88011000000' (String() switches to 8.8e+21 above 1e21).
 */
export function plainNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) >= 1e21) return BigInt(n).toString();
  return String(n);
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
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
  return String(v).trim();
}

/** The value to hand to the shared parsers: numbers stay numbers, everything else becomes cellText. */
export function cellValue(v: unknown): string | number {
  return typeof v === 'number' ? v : cellText(v);
}

/** True for null, '' and whitespace-only text. */
export function isEmptyCell(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return v.trim() === '';
  return false;
}

/** Identifiers (loan number, customer number): half-width, whitespace removed. */
export function identifierText(v: unknown): string {
  const t = cellText(v);
  return t === '' ? t : toHalfWidth(t).replace(WHITESPACE, '');
}

/** Free text (address, product, …): trimmed, inner whitespace runs (ideographic space included) collapsed to one space. */
export function plainText(v: unknown): string {
  const t = cellText(v);
  return t === '' ? t : t.replace(WHITESPACE, ' ');
}

const CJK_WITH_SPACES = /^[\u3400-\u9fff\uf900-\ufaff\s]+$/;

/**
 * A person's name: Chinese names padded with spaces for alignment (`梁　梅`, `梁 梅`) lose the
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
