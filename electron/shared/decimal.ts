/**
 * Unsigned decimal text → integer count of 10^-places units, half-up on the next digit:
 * scaleDecimal('5.6', 4) = 56000, scaleDecimal('1.005', 2) = 101. Exact: works on the digits,
 * never multiplies floats (1.005 * 100 is 100.49999…). Null when the text is not plain digits
 * with an optional point, or the result is not a safe integer.
 */
export function scaleDecimal(text: string, places: number): number | null {
  const m = /^(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m) return null;
  const [, int, frac = ''] = m;
  if (int === '' && frac === '') return null;
  let n = Number((int || '0') + frac.padEnd(places, '0').slice(0, places));
  if (frac.length > places && frac[places] >= '5') n += 1;
  return Number.isSafeInteger(n) ? n : null;
}
