/**
 * A full export settles every active loan it does not list. One that would settle this share or
 * more of the loans it compares is more likely a partial file ticked as full, or a damaged one:
 * the import asks first (the app's dialog, the CLI's --confirm-settle, `confirmSettle`).
 */
export const LARGE_SETTLE_SHARE = 0.1;

/** The share of the register's compared loans that an import would settle (0 to 1). */
export function settleShare(counts: { settled: number; updated: number; unchanged: number }): number {
  return counts.settled / Math.max(1, counts.settled + counts.updated + counts.unchanged);
}

export function settlesLargeShare(fullExport: boolean, counts: { settled: number; updated: number; unchanged: number }): boolean {
  return fullExport && counts.settled > 0 && settleShare(counts) >= LARGE_SETTLE_SHARE;
}
