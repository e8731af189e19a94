import { mulberry32 as seeded } from '../../electron/backend/seeded-random';
/**
 * A simple search over whole-village assignments, the yardstick the balanced proposal must
 * never fall behind: from several random orders, each village goes to the manager whose largest
 * measure (in fair shares) stays smallest; then, while that lowers the spread (ties: the sum of
 * squared deviations from a fair share), single villages move to another manager and pairs of
 * villages of two managers trade places (pairs only on up to `SWAP_VILLAGES` villages, as their
 * number grows with the square). Seeded, so it repeats.
 */
import type { ProposalInput } from '../../electron/backend/assignment/balanced-proposal';

const MEASURES = ['households', 'balanceFen', 'overdueBalanceFen'] as const;
const SWAP_VILLAGES = 300;

/** The lowest spread (as loadSpread measures it) the search finds. */
export function bestWholeVillageSpread(input: ProposalInput, restarts: number, seed: number): number {
  const m = input.managerIds.length;
  const villages = input.villages.filter((v) => v.households.length > 0);
  const weights = villages.map((v) => [
    v.households.length,
    v.households.reduce((s, h) => s + h.balanceFen, 0),
    v.households.reduce((s, h) => s + h.overdueBalanceFen, 0),
  ]);
  const totals = MEASURES.map((_, k) => weights.reduce((s, w) => s + w[k], 0));
  const fair = totals.map((t) => t / m);
  const random = seeded(seed);
  let best = Infinity;

  for (let r = 0; r < restarts; r++) {
    const load = Array.from({ length: m }, () => [0, 0, 0]);
    const owner = new Array<number>(villages.length);
    for (const v of shuffled(villages.map((_, i) => i), random)) {
      let bestManager = 0;
      let bestMax = Infinity;
      for (let j = 0; j < m; j++) {
        const max = Math.max(...[0, 1, 2].map((k) => (fair[k] > 0 ? (load[j][k] + weights[v][k]) / fair[k] : 0)));
        if (max < bestMax) [bestManager, bestMax] = [j, max];
      }
      owner[v] = bestManager;
      for (let k = 0; k < 3; k++) load[bestManager][k] += weights[v][k];
    }
    let current = objective(load, fair);
    // Hands `d` (per measure) from manager a to manager b if that improves the objective.
    const tryShift = (a: number, b: number, d: number[]): boolean => {
      for (let k = 0; k < 3; k++) [load[a][k], load[b][k]] = [load[a][k] - d[k], load[b][k] + d[k]];
      const next = objective(load, fair);
      if (next[0] < current[0] || (next[0] === current[0] && next[1] < current[1] - 1e-12)) {
        current = next;
        return true;
      }
      for (let k = 0; k < 3; k++) [load[a][k], load[b][k]] = [load[a][k] + d[k], load[b][k] - d[k]];
      return false;
    };
    for (let improved = true; improved; ) {
      improved = false;
      for (let v = 0; v < villages.length; v++) {
        for (let b = 0; b < m; b++) {
          if (b !== owner[v] && tryShift(owner[v], b, weights[v])) {
            owner[v] = b;
            improved = true;
          }
        }
      }
      if (improved || villages.length > SWAP_VILLAGES) continue;
      for (let v = 0; v < villages.length; v++) {
        for (let u = v + 1; u < villages.length; u++) {
          const [a, b] = [owner[v], owner[u]];
          if (a !== b && tryShift(a, b, [0, 1, 2].map((k) => weights[v][k] - weights[u][k]))) {
            [owner[v], owner[u]] = [b, a];
            improved = true;
          }
        }
      }
    }
    best = Math.min(best, current[0]);
  }
  return best;
}

function objective(load: number[][], fair: number[]): [number, number] {
  let spread = 0;
  let deviation = 0;
  for (let k = 0; k < 3; k++) {
    if (fair[k] === 0) continue;
    const values = load.map((l) => l[k]);
    const max = Math.max(...values);
    const min = Math.min(...values);
    spread = Math.max(spread, min > 0 ? max / min - 1 : Infinity);
    for (const x of values) deviation += (x / fair[k] - 1) ** 2;
  }
  return [spread, deviation];
}


function shuffled<T>(items: T[], random: () => number): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
