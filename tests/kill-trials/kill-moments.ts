import { mulberry32 } from '../../electron/backend/seeded-random';

/** A seeded generator of numbers in [0, 1): the same seed gives the same kill moments. */
export const seededRandom = mulberry32;

export const FIRST = 0.05;
export const LAST = 0.95;

/**
 * `count` kill moments, as fractions of a span, spread over `from`–`to` of it (5–95 % unless
 * said): one at a random point in each of `count` equal slices, so that every part is hit, in
 * shuffled order, so that a machine getting busier during the trials does not line up with one part.
 */
export function killFractions(count: number, random: () => number, from = FIRST, to = LAST): number[] {
  const fractions = Array.from({ length: count }, (_, i) => from + ((to - from) * (i + random())) / count);
  for (let i = fractions.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [fractions[i], fractions[j]] = [fractions[j], fractions[i]];
  }
  return fractions;
}

/** The median of the run times seen so far: what "a full run" takes on this machine now. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
