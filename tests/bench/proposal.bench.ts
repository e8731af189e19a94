import { loadSpread, proposeBalanced } from '../../electron/backend/assignment/balanced-proposal';
import { demoInput } from '../helpers/proposal-branches';
import { percentile } from './stats';
import type { BenchRun, Figure } from './types';
import { BENCH_SEED } from './workspace';

const LOANS = 200_000;
const MANAGERS = 6;
const RUNS = 10;

/**
 * proposeBalanced alone (no database) on a county-sized book built from the demo plan: the
 * first call (code not yet optimized), then median and p95 of further calls, and how even the
 * proposal is.
 */
export const run: BenchRun = async () => {
  const input = demoInput(LOANS, BENCH_SEED, MANAGERS);
  const label = `proposeBalanced ${MANAGERS} managers ${LOANS / 1000}k loans`;
  let start = performance.now();
  const proposal = proposeBalanced(input);
  const first = performance.now() - start;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    start = performance.now();
    proposeBalanced(input);
    times.push(performance.now() - start);
  }
  const figures: Figure[] = [
    { name: `${label}: villages`, value: input.villages.length, unit: 'villages' },
    { name: `${label}: households`, value: input.villages.reduce((s, v) => s + v.households.length, 0), unit: 'households' },
    { name: `${label}: first call`, value: first, unit: 'ms' },
    { name: `${label}: median of ${RUNS}`, value: percentile(times, 50), unit: 'ms' },
    { name: `${label}: p95 of ${RUNS}`, value: percentile(times, 95), unit: 'ms' },
    { name: `${label}: largest over smallest load − 1 (worst measure)`, value: loadSpread(proposal.loads) * 100, unit: '%' },
    { name: `${label}: split villages`, value: proposal.splitVillageIds.length, unit: 'villages' },
  ];
  return figures;
};
