/**
 * Full-width ASCII (U+FF01–U+FF5E, e.g. `１２３`, `ｘ`, `－`, `，`) → half-width (U+0021–U+007E),
 * ideographic space U+3000 → ASCII space. Other characters are left alone.
 */
export function toHalfWidth(s: string): string {
  // Most text has none: looked for first, so that it is returned as it is without a regex replace.
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3000 || (c >= 0xff01 && c <= 0xff5e)) break;
  }
  if (i === s.length) return s;
  return s.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
}
