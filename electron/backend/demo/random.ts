/** A small seeded PRNG for demo data: the same seed always gives the same branch. */
import { mulberry32 } from '../seeded-random';

/** FNV-1a of a label, mixed into a seed, so each part of the generator draws from its own stream. */
function mixSeed(seed: number, label: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export type Weighted<T> = ReadonlyArray<readonly [T, number]>;

export class Random {
  private readonly next: () => number;

  constructor(private readonly seed: number) {
    this.next = mulberry32(seed);
  }

  /**
   * An independent stream named `label`: adding draws to one part of the generator does not
   * shift what another part produces.
   */
  derive(label: string): Random {
    return new Random(mixSeed(this.seed, label));
  }

  float(): number {
    return this.next();
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** A copy of `items` in random order (Fisher–Yates). */
  shuffled<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(this.next() * 10);
    return s;
  }
}

/** Builds a picker over weighted choices once; each pick is a binary search. */
export function weighted<T>(choices: Weighted<T>): (rng: Random) => T {
  const values = choices.map(([v]) => v);
  const cumulative: number[] = [];
  let total = 0;
  for (const [, w] of choices) cumulative.push((total += w));
  return (rng) => {
    const x = rng.float() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > x) hi = mid;
      else lo = mid + 1;
    }
    return values[lo];
  };
}
