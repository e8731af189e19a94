import type { Indicator, IndicatorKey, IndicatorMonth, IndicatorUnit, Ratio } from '../../../../electron/shared/api/indicators';
import { indicatorPercent, indicatorPercentNumber, indicatorPointChange } from '../../../../electron/shared/indicator-percent';
import { formatYuan } from '../../../../electron/shared/money';
import { formatCount } from '../../format';

/** A ratio's value as a percentage, "—" when it cannot be computed: as the month-end pack prints it. */
export function formatPercent(key: IndicatorKey, value: number | null): string {
  return indicatorPercent(key, value);
}

/** A change of a ratio in percentage points, signed when it rose ("+0.35个百分点"). */
export function formatPoints(key: IndicatorKey, change: number | null): string {
  return indicatorPointChange(key, change);
}

const UNIT_SUFFIX: Record<Exclude<IndicatorUnit, 'fen'>, string> = { loans: '笔', tasks: '笔', households: '户', inspections: '笔' };

/** A numerator or denominator in its unit: money in 元, else a count with 笔 or 户. */
export function formatAmount(n: number, unit: IndicatorUnit): string {
  return unit === 'fen' ? `${formatYuan(n)} 元` : `${formatCount(n)} ${UNIT_SUFFIX[unit]}`;
}

/** "numerator / denominator" in the indicator's unit. */
export function formatParts(figure: Ratio, unit: IndicatorUnit): string {
  return `${formatAmount(figure.numerator, unit)} / ${formatAmount(figure.denominator, unit)}`;
}

/**
 * Each missing import said plainly, with the indicators it leaves uncomputed
 * (the backend's note of such an indicator names the date): "缺少 2026-03-21 的导入数据，21日结息率无法计算".
 */
export function missingSentences(month: IndicatorMonth): string[] {
  return month.missingSnapshots.map((date) => {
    const hit = (i: Indicator) => i.note !== null && i.note.includes(date);
    const blocked = month.indicators.filter((i) => hit(i) && i.figure.value === null).map((i) => i.name);
    const partial = month.indicators.filter((i) => hit(i) && i.figure.value !== null).map((i) => i.name);
    const parts = [`缺少 ${date} 的导入数据`];
    if (blocked.length > 0) parts.push(`${blocked.join('、')}无法计算`);
    if (partial.length > 0) parts.push(`${partial.join('、')}暂不完整`);
    if (blocked.length === 0 && partial.length === 0) parts.push('部分指标无法计算或不完整');
    return parts.join('，');
  });
}

/** A figure as the charts draw it: the percentage as formatPercent writes it, null (a gap) where it cannot be computed. */
export function chartValue(key: IndicatorKey, figure: Ratio): number | null {
  return indicatorPercentNumber(key, figure.value);
}
