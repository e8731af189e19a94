import type { Indicator, IndicatorKey, IndicatorUnit, Ratio } from '../../shared/api/indicators';
import { indicatorPercent } from '../../shared/indicator-percent';
import { formatYuan } from '../../shared/money';

/** A ratio's value as printed and shown (electron/shared/indicator-percent.ts; — when not computed). */
export const percentOf = (key: IndicatorKey, r: Ratio): string => indicatorPercent(key, r.value);

/** A numerator or denominator in its unit: yuan for money, else a count. */
export const amountOf = (n: number, unit: IndicatorUnit): string => (unit === 'fen' ? formatYuan(n) : String(n));

const UNIT_WORD: Record<IndicatorUnit, string> = { fen: '元', loans: '笔', tasks: '笔', households: '户', inspections: '笔' };
export const unitWord = (i: Indicator): string => UNIT_WORD[i.unit];
