/**
 * Full-width ASCII (U+FF01–U+FF5E, e.g. `１２３`, `ｘ`, `－`, `，`) → half-width (U+0021–U+007E),
 * ideographic space U+3000 → ASCII space. Other characters are left alone.
 */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E\u3000]/g, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}
