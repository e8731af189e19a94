/**
 * The search behind the balanced proposal. Loads are integer sums (households, balance fen,
 * overdue balance fen, exact in doubles), so the spread of a state is the same number however
 * the state was reached, and runs repeat exactly.
 *
 * A village is cut into pieces: runs of neighbouring households, each given to one manager, no
 * two pieces of a village to the same manager (so a manager's part of a village stays together).
 * A whole village is a single piece.
 *
 * Objective, compared lexicographically:
 *  1. spread: over the measures with a non-zero branch total, the largest max/min − 1 among the
 *     managers' loads (Infinity when a manager gets none of a measure). "Within 10 %" is spread ≤ 0.1.
 *  2. the sum of squared deviations of every manager's load from a fair share, in fair shares,
 *     which keeps the search moving while the worst measure's extremes stay put.
 */

const MEASURES = 3;
const SECONDARY_EPSILON = 1e-12;

/** The first index of a sorted array whose value is at least x. */
function lowerBound(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether (spread, deviation) beats (bestSpread, bestDeviation). */
function better(spread: number, deviation: number, bestSpread: number, bestDeviation: number): boolean {
  return spread < bestSpread || (spread === bestSpread && deviation < bestDeviation - SECONDARY_EPSILON);
}

/**
 * Puts manager j (load x of measure k) into the list of three at ext[at..at+3), kept largest
 * first (sign 1) or smallest first (sign -1); equal loads keep the lower index first.
 */
function insertExtreme(ext: Int32Array, at: number, j: number, x: number, load: Float64Array, k: number, sign: number): void {
  for (let q = 0; q < 3; q++) {
    const other = ext[at + q];
    if (other < 0 || sign * (x - load[other * MEASURES + k]) > 0) {
      for (let r = 2; r > q; r--) ext[at + r] = ext[at + r - 1];
      ext[at + q] = j;
      return;
    }
  }
}

interface Snapshot {
  owner: number[];
  from: number[];
  to: number[];
  spread: number;
  deviation: number;
}

export interface SearchVillage {
  /** Per household, in the village's order. */
  balanceFen: ArrayLike<number>;
  overdueBalanceFen: ArrayLike<number>;
}

export class ProposalSearch {
  readonly managers: number;
  /** Per piece: village, household range [from, to), owner (manager index). */
  readonly village: number[] = [];
  readonly from: number[] = [];
  readonly to: number[] = [];
  readonly owner: number[] = [];
  /** Pieces of each village, in household order. */
  readonly piecesOf: number[][];

  /** Per piece, its three raw sums. */
  private readonly weight: number[] = [];
  /** Per manager, its three raw sums. */
  private readonly load: Float64Array;
  /** Branch totals, and fair shares per unit of each measure (managers / total; 0 when total is 0). */
  private readonly totals = new Float64Array(MEASURES);
  private readonly scale = new Float64Array(MEASURES);
  /** Per measure, the managers with the three largest loads, then the three smallest (-1: none). */
  private readonly extremes = new Int32Array(MEASURES * 6);
  /** Raw prefix sums per village ((n + 1) × 3), made when first needed. */
  private readonly prefix: Array<Float64Array | undefined>;
  private readonly villageTotals: Float64Array;

  spread = 0;
  deviation = 0;
  /**
   * Whether the search minimizes spread first (else deviation alone: cheaper to score, and
   * smoother, so it is the first stage).
   */
  bySpread = true;
  /** Candidates scored so far: the measure of work that bounds the optional parts of the search. */
  evaluations = 0;
  // Result of the last `score` call, kept in fields to spare an allocation per candidate.
  private scoredSpread = 0;
  private scoredDeviation = 0;

  constructor(private readonly villages: readonly SearchVillage[], managers: number) {
    this.managers = managers;
    this.load = new Float64Array(managers * MEASURES);
    this.piecesOf = villages.map(() => []);
    this.prefix = villages.map(() => undefined);
    this.villageTotals = new Float64Array(villages.length * MEASURES);
    villages.forEach((v, i) => {
      let balance = 0;
      let overdue = 0;
      for (let h = 0; h < v.balanceFen.length; h++) {
        balance += v.balanceFen[h];
        overdue += v.overdueBalanceFen[h];
      }
      this.villageTotals.set([v.balanceFen.length, balance, overdue], i * MEASURES);
      this.totals[0] += v.balanceFen.length;
      this.totals[1] += balance;
      this.totals[2] += overdue;
    });
    for (let k = 0; k < MEASURES; k++) {
      this.scale[k] = this.totals[k] > 0 ? managers / this.totals[k] : 0;
    }
  }

  /** A village's size in fair shares, for one measure. */
  share(village: number, measure: number): number {
    return this.villageTotals[village * MEASURES + measure] * this.scale[measure];
  }

  households(village: number): number {
    return this.villages[village].balanceFen.length;
  }

  /** Adds a piece with no owner yet (-1); `greedy` gives it one. */
  addPiece(village: number, from: number, to: number): number {
    const i = this.village.length;
    this.village.push(village);
    this.from.push(from);
    this.to.push(to);
    this.owner.push(-1);
    this.weight.push(0, 0, 0);
    this.setWeight(i);
    this.piecesOf[village].push(i);
    return i;
  }

  /** Cuts a village into `parts` pieces of about equal combined size. */
  addCutVillage(village: number, parts: number): void {
    const p = this.prefixOf(village);
    const n = this.households(village);
    const combined = (t: number) => p[t * 3] * this.scale[0] + p[t * 3 + 1] * this.scale[1] + p[t * 3 + 2] * this.scale[2];
    const total = combined(n);
    let start = 0;
    let t = 0;
    for (let part = 1; part < parts; part++) {
      while (t < n && combined(t) < (total * part) / parts) t++;
      this.addPiece(village, start, t);
      start = t;
    }
    this.addPiece(village, start, n);
  }

  /** Whether `manager` may take `piece` (in a swap, `except` is the piece it gives back). */
  allowed(piece: number, manager: number, except = -1): boolean {
    const siblings = this.piecesOf[this.village[piece]];
    if (siblings.length === 1) return true;
    for (const s of siblings) if (s !== piece && s !== except && this.owner[s] === manager) return false;
    return true;
  }

  /** Scores the state in which manager `a` hands (d0, d1, d2) to manager `b` (negative: takes). */
  private score(a: number, b: number, d0: number, d1: number, d2: number): void {
    this.evaluations++;
    const load = this.load;
    const sc = this.scale;
    const a0 = a * MEASURES;
    const b0 = b * MEASURES;
    // Deviation: only a's and b's terms change.
    const la0 = load[a0] * sc[0] - 1, lb0 = load[b0] * sc[0] - 1;
    const la1 = load[a0 + 1] * sc[1] - 1, lb1 = load[b0 + 1] * sc[1] - 1;
    const la2 = load[a0 + 2] * sc[2] - 1, lb2 = load[b0 + 2] * sc[2] - 1;
    const e0 = d0 * sc[0], e1 = d1 * sc[1], e2 = d2 * sc[2];
    this.scoredDeviation =
      this.deviation +
      // (l - e)² + (m + e)² - l² - m² = 2e(e + m - l)
      2 * e0 * (e0 + lb0 - la0) +
      2 * e1 * (e1 + lb1 - la1) +
      2 * e2 * (e2 + lb2 - la2);
    if (!this.bySpread) {
      this.scoredSpread = this.spread;
      return;
    }
    const r0 = this.measureSpread(0, a, b, load[a0] - d0, load[b0] + d0);
    const r1 = this.measureSpread(1, a, b, load[a0 + 1] - d1, load[b0 + 1] + d1);
    const r2 = this.measureSpread(2, a, b, load[a0 + 2] - d2, load[b0 + 2] + d2);
    this.scoredSpread = r0 > r1 ? (r0 > r2 ? r0 : r2) : r1 > r2 ? r1 : r2;
  }

  /** Measure k's max / min − 1 once a's load is xa and b's is xb. */
  private measureSpread(k: number, a: number, b: number, xa: number, xb: number): number {
    const load = this.load;
    const ext = this.extremes;
    let max = xa > xb ? xa : xb;
    let min = xa < xb ? xa : xb;
    // The largest (smallest) of the others is the first of the three largest (smallest) that is neither a nor b.
    const e = k * 6;
    let j = ext[e];
    if (j === a || j === b) j = ext[e + 1];
    if (j === a || j === b) j = ext[e + 2];
    if (j >= 0 && load[j * MEASURES + k] > max) max = load[j * MEASURES + k];
    j = ext[e + 3];
    if (j === a || j === b) j = ext[e + 4];
    if (j === a || j === b) j = ext[e + 5];
    if (j >= 0 && load[j * MEASURES + k] < min) min = load[j * MEASURES + k];
    return min > 0 ? max / min - 1 : max > 0 ? Infinity : 0;
  }

  /** Recomputes spread, deviation and extremes from the loads (exact, so no drift builds up). */
  rescore(): void {
    let spread = 0;
    let deviation = 0;
    const ext = this.extremes;
    for (let k = 0; k < MEASURES; k++) {
      if (this.scale[k] === 0) continue;
      const e = k * 6;
      ext.fill(-1, e, e + 6);
      for (let j = 0; j < this.managers; j++) {
        const x = this.load[j * MEASURES + k];
        const dev = x * this.scale[k] - 1;
        deviation += dev * dev;
        insertExtreme(ext, e, j, x, this.load, k, 1);
        insertExtreme(ext, e + 3, j, x, this.load, k, -1);
      }
      const max = this.load[ext[e] * MEASURES + k];
      const min = this.load[ext[e + 3] * MEASURES + k];
      const r = min > 0 ? max / min - 1 : max > 0 ? Infinity : 0;
      if (r > spread) spread = r;
    }
    this.spread = spread;
    this.deviation = deviation;
  }

  private shift(a: number, b: number, d0: number, d1: number, d2: number): void {
    const load = this.load;
    load[a * MEASURES] -= d0;
    load[a * MEASURES + 1] -= d1;
    load[a * MEASURES + 2] -= d2;
    load[b * MEASURES] += d0;
    load[b * MEASURES + 1] += d1;
    load[b * MEASURES + 2] += d2;
    this.rescore();
  }

  // ---- greedy start ----

  /**
   * Gives every unowned piece, largest first, to the allowed manager whose largest measure
   * (in fair shares) stays smallest with it; ties go to the smaller sum, then the lower index.
   */
  greedy(random?: () => number): void {
    const pieces = this.owner.map((o, i) => i).filter((i) => this.owner[i] === -1);
    const size = (i: number) => this.weight[i * 3] * this.scale[0] + this.weight[i * 3 + 1] * this.scale[1] + this.weight[i * 3 + 2] * this.scale[2];
    pieces.sort((x, y) => size(y) - size(x) || x - y);
    if (random) {
      for (let q = pieces.length - 1; q > 0; q--) {
        const r = Math.floor(random() * (q + 1));
        const t = pieces[q];
        pieces[q] = pieces[r];
        pieces[r] = t;
      }
    }
    for (const i of pieces) {
      let best = -1;
      let bestMax = Infinity;
      let bestSum = Infinity;
      for (let j = 0; j < this.managers; j++) {
        if (!this.allowed(i, j)) continue;
        let max = 0;
        let sum = 0;
        for (let k = 0; k < MEASURES; k++) {
          const x = (this.load[j * MEASURES + k] + this.weight[i * 3 + k]) * this.scale[k];
          if (x > max) max = x;
          sum += x;
        }
        if (max < bestMax || (max === bestMax && sum < bestSum)) {
          best = j;
          bestMax = max;
          bestSum = sum;
        }
      }
      this.owner[i] = best;
      for (let k = 0; k < MEASURES; k++) this.load[best * MEASURES + k] += this.weight[i * 3 + k];
    }
    this.rescore();
  }

  // ---- local search ----

  /**
   * Moves and boundary shifts until none improves, and swaps too until `swapBudget` candidates
   * have been scored in all (a pass of swaps costs the square of the pieces).
   */
  localSearch(swapBudget: number): void {
    for (;;) {
      if (this.movePass()) continue;
      if (this.boundaryPass()) continue;
      if (this.evaluations < swapBudget && this.swapPass(swapBudget)) continue;
      return;
    }
  }

  /** Each piece in turn goes to the manager that improves the objective most, if any. */
  private movePass(): boolean {
    let improved = false;
    const w = this.weight;
    for (let i = 0; i < this.village.length; i++) {
      const a = this.owner[i];
      const d0 = w[i * 3];
      const d1 = w[i * 3 + 1];
      const d2 = w[i * 3 + 2];
      if (d0 === 0 && d1 === 0 && d2 === 0) continue;
      let best = -1;
      let bestSpread = this.spread;
      let bestDeviation = this.deviation;
      for (let b = 0; b < this.managers; b++) {
        if (b === a || !this.allowed(i, b)) continue;
        this.score(a, b, d0, d1, d2);
        if (better(this.scoredSpread, this.scoredDeviation, bestSpread, bestDeviation)) {
          best = b;
          bestSpread = this.scoredSpread;
          bestDeviation = this.scoredDeviation;
        }
      }
      if (best >= 0) {
        this.owner[i] = best;
        this.shift(a, best, d0, d1, d2);
        improved = true;
      }
    }
    return improved;
  }

  /**
   * Each piece in turn trades owners with the piece that improves the objective most, if any.
   * Only pieces whose household count lies in a window that any improving trade must respect
   * are scored (see householdWindow), found by binary search in each manager's pieces sorted by
   * household count; a list made stale by a trade earlier in the pass is checked, not rebuilt.
   */
  private swapPass(budget: number): boolean {
    let improved = false;
    const w = this.weight;
    const n = this.village.length;
    const m = this.managers;
    const byManager: number[][] = Array.from({ length: m }, () => []);
    for (let i = 0; i < n; i++) byManager[this.owner[i]].push(i);
    const counts: Float64Array[] = byManager.map((list) => {
      list.sort((x, y) => w[x * 3] - w[y * 3] || x - y);
      return Float64Array.from(list, (i) => w[i * 3]);
    });
    // Sorting and each window's search cost about as much as scoring a few candidates.
    this.evaluations += 4 * n;
    for (let i = 0; i < n && this.evaluations < budget; i++) {
      let best = -1;
      let bestSpread = this.spread;
      let bestDeviation = this.deviation;
      const a = this.owner[i];
      for (let b = 0; b < m; b++) {
        if (b === a) continue;
        const [low, high] = this.householdWindow(a, b, w[i * 3]);
        this.evaluations += 2;
        const list = byManager[b];
        for (let q = lowerBound(counts[b], low); q < list.length && counts[b][q] <= high; q++) {
          const j = list[q];
          if (this.owner[j] !== b) continue;
          const d0 = w[i * 3] - w[j * 3];
          const d1 = w[i * 3 + 1] - w[j * 3 + 1];
          const d2 = w[i * 3 + 2] - w[j * 3 + 2];
          if (d0 === 0 && d1 === 0 && d2 === 0) continue;
          this.score(a, b, d0, d1, d2);
          if (better(this.scoredSpread, this.scoredDeviation, bestSpread, bestDeviation)) {
            if (!this.allowed(i, b, j) || !this.allowed(j, a, i)) continue;
            best = j;
            bestSpread = this.scoredSpread;
            bestDeviation = this.scoredDeviation;
          }
        }
      }
      if (best >= 0) {
        const b = this.owner[best];
        this.owner[i] = b;
        this.owner[best] = a;
        this.shift(a, b, w[i * 3] - w[best * 3], w[i * 3 + 1] - w[best * 3 + 1], w[i * 3 + 2] - w[best * 3 + 2]);
        improved = true;
      }
    }
    return improved;
  }

  /**
   * The household counts a piece of manager b must have for trading it against a piece of
   * manager a with `count` households to possibly improve the objective (a necessary condition,
   * so nothing better is missed). By deviation: the trade hands e (per measure, in fair shares)
   * from a to b and changes the deviation by 2·e·(e − (la − lb)), negative only inside the ball
   * around (la − lb) / 2 of radius |la − lb| / 2. By spread S: a's and b's new household loads
   * must stay within [largest other / (1 + S), smallest other · (1 + S)] and within 1 + S of each other.
   */
  private householdWindow(a: number, b: number, count: number): [number, number] {
    const load = this.load;
    const sc = this.scale;
    const la = load[a * MEASURES];
    const lb = load[b * MEASURES];
    let dLow: number;
    let dHigh: number;
    if (!this.bySpread) {
      let r2 = 0;
      for (let k = 0; k < MEASURES; k++) {
        const delta = (load[a * MEASURES + k] - load[b * MEASURES + k]) * sc[k];
        r2 += delta * delta;
      }
      const centre = (la - lb) / 2;
      const radius = Math.sqrt(r2) / 2 / sc[0];
      dLow = centre - radius;
      dHigh = centre + radius;
    } else {
      const g = 1 + this.spread;
      if (!Number.isFinite(g)) return [-Infinity, Infinity];
      const total = la + lb;
      // a keeps la − d, b gets lb + d.
      dLow = la - (total * g) / (1 + g);
      dHigh = la - total / (1 + g);
      const ext = this.extremes;
      let j = ext[0];
      if (j === a || j === b) j = ext[1];
      if (j === a || j === b) j = ext[2];
      if (j >= 0) {
        // Both new loads at least the largest other / g, and at most the smallest other · g.
        const floor = load[j * MEASURES] / g;
        j = ext[3];
        if (j === a || j === b) j = ext[4];
        if (j === a || j === b) j = ext[5];
        const ceiling = load[j * MEASURES] * g;
        dLow = Math.max(dLow, floor - lb, la - ceiling);
        dHigh = Math.min(dHigh, la - floor, ceiling - lb);
      }
    }
    // d = count − other's count; a hair of slack so rounding never drops a candidate.
    const slack = 1e-9 * (Math.abs(count) + Math.abs(dLow) + Math.abs(dHigh)) + 1e-9;
    return [count - dHigh - slack, count - dLow + slack];
  }

  /** In split villages, each boundary between neighbouring pieces moves to its best place. */
  private boundaryPass(): boolean {
    let improved = false;
    for (let v = 0; v < this.piecesOf.length; v++) {
      const pieces = this.piecesOf[v];
      for (let q = 0; q + 1 < pieces.length; q++) {
        if (this.bestBoundary(v, pieces[q], pieces[q + 1])) improved = true;
      }
    }
    return improved;
  }

  private bestBoundary(v: number, left: number, right: number): boolean {
    const p = this.prefixOf(v);
    const a = this.owner[left];
    const b = this.owner[right];
    const t0 = this.to[left];
    let best = -1;
    let bestSpread = this.spread;
    let bestDeviation = this.deviation;
    // Moving the boundary to t hands households [t0, t) from b to a (or [t, t0) from a to b).
    for (let t = this.from[left]; t <= this.to[right]; t++) {
      if (t === t0) continue;
      this.score(b, a, p[t * 3] - p[t0 * 3], p[t * 3 + 1] - p[t0 * 3 + 1], p[t * 3 + 2] - p[t0 * 3 + 2]);
      if (better(this.scoredSpread, this.scoredDeviation, bestSpread, bestDeviation)) {
        best = t;
        bestSpread = this.scoredSpread;
        bestDeviation = this.scoredDeviation;
      }
    }
    if (best < 0) return false;
    this.to[left] = best;
    this.from[right] = best;
    this.setWeight(left);
    this.setWeight(right);
    this.shift(b, a, p[best * 3] - p[t0 * 3], p[best * 3 + 1] - p[t0 * 3 + 1], p[best * 3 + 2] - p[t0 * 3 + 2]);
    return true;
  }

  /**
   * Even out all measures (deviation alone: smooth and cheap to score), then the worst extremes
   * (spread first); swaps only while fewer than `swapBudget` candidates have been scored.
   */
  search(swapBudget: number): void {
    this.bySpread = false;
    this.rescore();
    this.localSearch(swapBudget);
    this.bySpread = true;
    this.localSearch(swapBudget);
  }

  // ---- perturbation ----

  /**
   * Ruin and recreate: takes about `ruin` of the pieces from their managers, deals them out
   * again greedily, searches, and goes on from the result if it is better. After `stall` rounds
   * without progress it starts afresh from a random order; after `giveUp` rounds without a new
   * best it stops. Up to `rounds` rounds while fewer than `budget` candidates have been scored;
   * ends in the best state seen. `random` is a seeded generator, so runs repeat.
   */
  perturb(rounds: number, budget: number, ruin: number, stall: number, giveUp: number, random: () => number): void {
    const n = this.village.length;
    let best = this.snapshot();
    let current = best;
    let idle = 0;
    let sinceBest = 0;
    for (let round = 0; round < rounds && this.evaluations < budget && sinceBest < giveUp; round++) {
      const fresh = idle >= stall;
      sinceBest++;
      // Taking pieces away, dealing them out and keeping snapshots cost about this much scoring.
      this.evaluations += n * this.managers;
      for (let i = 0; i < n; i++) {
        if (!fresh && random() >= ruin) continue;
        const a = this.owner[i];
        for (let k = 0; k < MEASURES; k++) this.load[a * MEASURES + k] -= this.weight[i * 3 + k];
        this.owner[i] = -1;
      }
      this.greedy(fresh ? random : undefined);
      this.search(budget);
      if (fresh || better(this.spread, this.deviation, current.spread, current.deviation)) {
        current = this.snapshot();
        idle = 0;
        if (better(current.spread, current.deviation, best.spread, best.deviation)) {
          best = current;
          sinceBest = 0;
        }
      } else {
        this.restore(current);
        idle++;
      }
    }
    this.restore(best);
  }

  private snapshot(): Snapshot {
    return { owner: this.owner.slice(), from: this.from.slice(), to: this.to.slice(), spread: this.spread, deviation: this.deviation };
  }

  private restore({ owner, from, to }: Snapshot): void {
    this.load.fill(0);
    for (let i = 0; i < owner.length; i++) {
      this.owner[i] = owner[i];
      this.from[i] = from[i];
      this.to[i] = to[i];
      this.setWeight(i);
      for (let k = 0; k < MEASURES; k++) this.load[owner[i] * MEASURES + k] += this.weight[i * 3 + k];
    }
    this.rescore();
  }

  // ---- splitting a whole village ----

  /**
   * Splits the one whole village, between its manager and one other, at the place that improves
   * the spread most: the other manager takes a first or last run of its households. Returns
   * false (and changes nothing) if no split lowers the spread.
   */
  splitOne(): boolean {
    let best: { v: number; b: number; t: number; head: boolean } | null = null;
    let bestSpread = this.spread;
    let bestDeviation = this.deviation;
    for (let v = 0; v < this.piecesOf.length; v++) {
      if (this.piecesOf[v].length !== 1) continue;
      const n = this.households(v);
      if (n < 2) continue;
      const a = this.owner[this.piecesOf[v][0]];
      const p = this.prefixOf(v);
      const e = n * 3;
      for (let b = 0; b < this.managers; b++) {
        if (b === a) continue;
        for (let t = 1; t < n; t++) {
          for (const head of [true, false]) {
            if (head) this.score(a, b, p[t * 3], p[t * 3 + 1], p[t * 3 + 2]);
            else this.score(a, b, p[e] - p[t * 3], p[e + 1] - p[t * 3 + 1], p[e + 2] - p[t * 3 + 2]);
            if (this.scoredSpread < bestSpread || (this.scoredSpread === bestSpread && best !== null && this.scoredDeviation < bestDeviation - SECONDARY_EPSILON)) {
              best = { v, b, t, head };
              bestSpread = this.scoredSpread;
              bestDeviation = this.scoredDeviation;
            }
          }
        }
      }
    }
    if (best === null) return false;
    const whole = this.piecesOf[best.v][0];
    const n = this.households(best.v);
    // The whole piece keeps one run; a new piece takes the other, placed in household order.
    if (best.head) {
      this.from[whole] = best.t;
      this.piecesOf[best.v].length = 0;
      const head = this.addPiece(best.v, 0, best.t);
      this.piecesOf[best.v].push(whole);
      this.owner[head] = best.b;
    } else {
      this.to[whole] = best.t;
      const tail = this.addPiece(best.v, best.t, n);
      this.owner[tail] = best.b;
    }
    this.setWeight(whole);
    this.load.fill(0);
    for (let i = 0; i < this.owner.length; i++) {
      for (let k = 0; k < MEASURES; k++) this.load[this.owner[i] * MEASURES + k] += this.weight[i * 3 + k];
    }
    this.rescore();
    return true;
  }

  // ---- helpers ----

  private setWeight(i: number): void {
    const v = this.village[i];
    const from = this.from[i];
    const to = this.to[i];
    if (from === 0 && to === this.households(v)) {
      for (let k = 0; k < MEASURES; k++) this.weight[i * 3 + k] = this.villageTotals[v * MEASURES + k];
      return;
    }
    const p = this.prefixOf(v);
    for (let k = 0; k < MEASURES; k++) this.weight[i * 3 + k] = p[to * 3 + k] - p[from * 3 + k];
  }

  private prefixOf(v: number): Float64Array {
    let p = this.prefix[v];
    if (p === undefined) {
      const { balanceFen, overdueBalanceFen } = this.villages[v];
      const n = balanceFen.length;
      p = new Float64Array((n + 1) * 3);
      for (let h = 0; h < n; h++) {
        p[(h + 1) * 3] = h + 1;
        p[(h + 1) * 3 + 1] = p[h * 3 + 1] + balanceFen[h];
        p[(h + 1) * 3 + 2] = p[h * 3 + 2] + overdueBalanceFen[h];
      }
      this.prefix[v] = p;
    }
    return p;
  }
}
