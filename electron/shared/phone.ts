/** Phone numbers: mainland mobiles (11 digits) and landlines written `area-number` (`0358-1234567`). */
import { toHalfWidth } from './text';

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-\d{7,8}$/;

export type PhoneCheck = { ok: true; kind: 'mobile' | 'landline' } | { ok: false };

/**
 * Cell value → phone text. Full-width → half-width; spaces, dashes, parentheses and dots removed;
 * +86 / 0086 / 86 (and a trunk 0, as dialled from a landline) dropped in front of a mobile; a
 * landline gets one dash after its area code (010 and 02x are 3 digits, 03xx–09xx 4). Text that
 * is not a phone is returned cleaned but otherwise as is, so checkPhone can reject it.
 * '' for empty; numbers must be safe integers (Excel stores phones as numbers), else ''.
 */
export function normalizePhone(input: unknown): string {
  if (typeof input === 'number' && Number.isSafeInteger(input)) input = String(input);
  if (typeof input !== 'string') return '';
  const s = toHalfWidth(input).replace(/[\s\-‐‑‒–—―()（）.]/g, '');
  const prefixed = /^(?:\+86|0086|86|0)(\d+)$/.exec(s);
  if (prefixed && MOBILE.test(prefixed[1])) return prefixed[1];
  const landline = /^(0(?:10|2\d|[3-9]\d\d))(\d{7,8})$/.exec(s);
  if (landline) return `${landline[1]}-${landline[2]}`;
  return s;
}

/** Validates a normalised phone (see normalizePhone). */
export function checkPhone(p: string): PhoneCheck {
  if (MOBILE.test(p)) return { ok: true, kind: 'mobile' };
  if (LANDLINE.test(p)) return { ok: true, kind: 'landline' };
  return { ok: false };
}

/**
 * Mobile `138****8000`; landline `0358-***4567` (area code and last 4 digits kept). Anything
 * else keeps only its last 4 characters (all masked when 4 or fewer).
 */
export function maskPhone(p: string): string {
  if (MOBILE.test(p)) return `${p.slice(0, 3)}****${p.slice(7)}`;
  if (LANDLINE.test(p)) {
    const [area, local] = p.split('-');
    return `${area}-${'*'.repeat(local.length - 4)}${local.slice(-4)}`;
  }
  const chars = Array.from(p);
  if (chars.length <= 4) return '*'.repeat(chars.length);
  return '*'.repeat(chars.length - 4) + chars.slice(-4).join('');
}

/**
 * A cell may hold several phones, separated by / , ， ; ； 、 or by whitespace between complete
 * numbers. Returns the normalised non-empty parts in order (duplicates kept). Whitespace inside
 * one number (`0358 1234567`, `138 0013 8000`) does not split it; a part whose whitespace pieces
 * cannot all be grouped into valid phones is kept whole.
 */
export function splitPhones(input: unknown): string[] {
  if (typeof input === 'number') {
    const p = normalizePhone(input);
    return p ? [p] : [];
  }
  if (typeof input !== 'string') return [];
  const out: string[] = [];
  for (const part of toHalfWidth(input).split(/[/,;、]/)) {
    const whole = normalizePhone(part);
    if (!whole) continue;
    out.push(...(checkPhone(whole).ok ? [whole] : (splitOnWhitespace(part) ?? [whole])));
  }
  return out;
}

/** Groups whitespace-separated pieces into valid phones, shortest first; null if some piece is left over. */
function splitOnWhitespace(part: string): string[] | null {
  const pieces = part.trim().split(/\s+/);
  const phones: string[] = [];
  let start = 0;
  while (start < pieces.length) {
    let found = false;
    for (let end = start + 1; end <= pieces.length; end++) {
      const candidate = normalizePhone(pieces.slice(start, end).join(''));
      if (checkPhone(candidate).ok) {
        phones.push(candidate);
        start = end;
        found = true;
        break;
      }
    }
    if (!found) return null;
  }
  return phones;
}
