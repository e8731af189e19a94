/**
 * Renderer-only display helpers. Money (formatYuan, formatWanYuan) and masking live in
 * electron/shared and are imported from there; do not add copies here.
 */

const countFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });

/** 7012 → "7,012". */
export function formatCount(n: number): string {
  return Number.isFinite(n) ? countFormat.format(n) : '';
}
