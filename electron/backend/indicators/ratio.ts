import type { Ratio } from '../../shared/api/indicators';

export interface Tally {
  numerator: number;
  denominator: number;
}

export const ZERO: Tally = { numerator: 0, denominator: 0 };

export function ratio(t: Tally): Ratio {
  return { numerator: t.numerator, denominator: t.denominator, value: t.denominator === 0 ? null : t.numerator / t.denominator };
}

/** A figure that could not be computed (an import missing, or not this month's). */
export const NOT_COMPUTED: Ratio = { numerator: 0, denominator: 0, value: null };

export function addTally(a: Tally, b: Tally): Tally {
  return { numerator: a.numerator + b.numerator, denominator: a.denominator + b.denominator };
}
