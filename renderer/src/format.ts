/**
 * Renderer-only display helpers. Money (formatYuan, formatWanYuan), local date-time
 * (formatLocalDateTime) and masking live in electron/shared and are imported from there; do not
 * add copies here.
 */

const countFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });

/** 7012 → "7,012". */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? countFormat.format(n) : '';
}

/** Column index → spreadsheet letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
