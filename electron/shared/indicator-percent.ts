import type { IndicatorKey } from './api/indicators';

/**
 * How the indicators are written, the same on screen, on paper, in the workbook and in the CLI:
 * balance shares (不良率, 逾期90天以内占比) with two decimals, as banks report them (1.52%), the
 * others with one.
 */
export const PERCENT_DIGITS: Readonly<Record<IndicatorKey, number>> = {
  inspectionCompletion: 1,
  maturedPrincipalRecovery: 1,
  interestSettlement21: 1,
  interestSettlementMonthEnd: 1,
  overdueUnder90Share: 2,
  nplRatio: 2,
  lostCustomers: 1,
  spotCheckPass: 1,
};

/**
 * `fraction` × 100 with `digits` decimals, halves rounded away from zero: toFixed works on the
 * binary value, which lies just below many exact halves (23/160 = 14.375% would print 14.37%).
 */
function percentFixed(fraction: number, digits: number): string {
  const scale = 10 ** digits;
  const scaled = Math.abs(fraction) * 100 * scale;
  const rounded = Math.round(scaled * (1 + 1e-12)) / scale;
  return (Math.sign(fraction) * rounded).toFixed(digits);
}

/** A fraction as a percentage ("96.2%", "1.52%"); "—" when it cannot be computed. */
export function indicatorPercent(key: IndicatorKey, value: number | null): string {
  return value === null ? '—' : `${percentFixed(value, PERCENT_DIGITS[key])}%`;
}

/** The percentage as a number with the indicator's decimals (what a chart draws); null stays null. */
export function indicatorPercentNumber(key: IndicatorKey, value: number | null): number | null {
  return value === null ? null : Number(percentFixed(value, PERCENT_DIGITS[key]));
}

/** A change in percentage points, signed when it rose ("+0.35个百分点"); "—" when unknown. */
export function indicatorPointChange(key: IndicatorKey, change: number | null): string {
  if (change === null) return '—';
  const points = percentFixed(change, PERCENT_DIGITS[key]);
  return `${change > 0 && Number(points) !== 0 ? '+' : ''}${points}个百分点`;
}
