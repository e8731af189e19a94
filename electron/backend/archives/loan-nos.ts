/** At most this many loan numbers are named in a message; the rest are counted. */
const NAMED = 10;

/** `A01、A02、A03`, or `A01、…、A10 等 25 份` for a long list. */
export function listLoanNos(nos: readonly string[]): string {
  return nos.length <= NAMED ? nos.join('、') : `${nos.slice(0, NAMED).join('、')} 等 ${nos.length} 份`;
}
