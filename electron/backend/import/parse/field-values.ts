/**
 * Field readers the shared helpers do not cover: interest rate, day counts, risk class.
 * Each returns the value, null for an empty cell, or INVALID.
 */
import { scaleDecimal } from '../../../shared/decimal';
import { RISK_CLASSES, type RiskClass } from '../../../shared/domain';
import { compactText, isDash, plainNumber } from './cell-values';

export const INVALID: unique symbol = Symbol('invalid');
export type Invalid = typeof INVALID;

/** Rates at or above 100 % a year are not rates. */
const MAX_RATE_PPM = 1_000_000;

/**
 * Annual interest rate → parts per million of the principal (percent × 10000): 5.6, '5.6',
 * '5.6%' → 56000. A value below 1 without a % sign is a fraction, as Excel stores a cell
 * formatted as a percentage (0.056 shown as 5.60 %): 0.056 → 56000. Loan rates below 1 % a
 * year do not occur, so the two readings cannot be confused.
 */
export function parseRatePpm(v: unknown): number | null | Invalid {
  let text: string;
  let percentSign = false;
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) return INVALID;
    text = plainNumber(v);
  } else {
    text = compactText(v);
    if (text === '' || isDash(text)) return null;
    if (text.endsWith('%')) {
      percentSign = true;
      text = text.slice(0, -1);
    }
  }
  text = text.replace(/^\+/, '');
  const asPercent = scaleDecimal(text, 4);
  if (asPercent === null) return INVALID;
  const ppm = !percentSign && asPercent > 0 && asPercent < 10_000 ? scaleDecimal(text, 6)! : asPercent;
  return ppm < MAX_RATE_PPM ? ppm : INVALID;
}

const WHOLE_DAYS = /^\+?(\d+)(?:\.0*)?天?$/;

/** A day count: a whole number ≥ 0 (`88`, `88.0`, `88天`); null for empty or a dash. */
export function parseDays(v: unknown): number | null | Invalid {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 ? v : INVALID;
  const text = compactText(v);
  if (text === '' || isDash(text)) return null;
  const m = WHOLE_DAYS.exec(text);
  if (!m) return INVALID;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) ? n : INVALID;
}

const RISK_CLASS_SET: ReadonlySet<string> = new Set(RISK_CLASSES);
/**
 * 正常类, 关注类贷款, and the ten-tier sub-grades some banks export (关注二级, 次级1, 正常4,
 * 正常类一级) mapped to the five tiers.
 */
const RISK_CLASS_FORM = /^(正常|关注|次级|可疑|损失)类?(?:贷款)?(?:[一二三四五1-5]级?)?$/;

/** Five-tier risk class from its Chinese name; null for empty. */
export function parseRiskClass(v: unknown): RiskClass | null | Invalid {
  const text = compactText(v);
  if (text === '' || isDash(text)) return null;
  if (RISK_CLASS_SET.has(text)) return text as RiskClass;
  const m = RISK_CLASS_FORM.exec(text);
  return m ? (m[1] as RiskClass) : INVALID;
}
