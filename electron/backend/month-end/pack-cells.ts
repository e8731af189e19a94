import type { Indicator, IndicatorUnit, Ratio } from '../../shared/api/indicators';
import { formatYuan } from '../../shared/money';

/** A ratio's value as printed and shown (one decimal percent; — when not computed). */
export const percentOf = (r: Ratio): string => (r.value === null ? '—' : `${(r.value * 100).toFixed(1)}%`);

/** A numerator or denominator in its unit: yuan for money, else a count. */
export const amountOf = (n: number, unit: IndicatorUnit): string => (unit === 'fen' ? formatYuan(n) : String(n));

const UNIT_WORD: Record<IndicatorUnit, string> = { fen: '元', loans: '笔', tasks: '笔', households: '户', inspections: '笔' };
export const unitWord = (i: Indicator): string => UNIT_WORD[i.unit];
