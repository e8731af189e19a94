import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { runCliProcess } from './cli-process';
import { killFractions, median, seededRandom } from './kill-moments';
import type { TrialKind, Verdict } from './trial-kind';

/**
 * 'run': killed anywhere in 5–95 % of a full run (from its start). 'writing': killed once the
 * files show it writing, anywhere from then to its end — where a kill can do harm, and what
 * the first (mostly starting Node, reading the file) reaches seldom: an import commits in its last few per cent.
 */
export type Regime = 'run' | 'writing';

export interface TrialRecord {
  index: number;
  regime: Regime;
  killed: boolean;
  verdict: Verdict;
}

export interface KindResult {
  kind: string;
  workload: string;
  writingSign: string;
  /** Medians of the runs that ended by themselves: the whole run, and from the first sign of writing to the end. */
  fullRunMs: number;
  writingMs: number;
  trials: TrialRecord[];
  seconds: number;
}

/** How much earlier (besides the median's change) a slot's moment is tried again after the run ended before it. */
const EARLIER = 0.85;

/**
 * Runs one kind's trials: `kills` runs killed anywhere in the run, then `writingKills` killed
 * while writing. Each slot of the span gets one kill; a run that ended before its moment is
 * judged too, and its slot tried again, earlier. Failed trials' folders are kept.
 */
export async function runTrials<P>(
  kind: TrialKind<P>,
  opts: { kills: number; writingKills: number; seed: number; dir: string; log: (line: string) => void },
): Promise<KindResult> {
  const started = performance.now();
  const prepared = path.join(opts.dir, 'prepared');
  mkdirSync(prepared, { recursive: true });
  opts.log(`${kind.name}: preparing (${kind.workload}) …`);
  const { runs, notes } = await kind.prepare(prepared);
  for (const note of notes) opts.log(`${kind.name}: ${note}`);
  // What a run takes now, on this machine: the medians over the reference runs and every trial's that ended by itself.
  const runMs = runs.map((r) => r.ms);
  const writingMs = runs.filter((r) => r.writingAtMs !== null).map((r) => r.ms - r.writingAtMs!);
  if (writingMs.length === 0) throw new Error(`${kind.name}: a run left alone never showed its sign of writing (${kind.writingSign})`);
  opts.log(`${kind.name}: runs left alone took ${runMs.map((ms) => (ms / 1000).toFixed(2)).join(' and ')} s, of which ${writingMs.map((ms) => (ms / 1000).toFixed(2)).join(' and ')} s from when ${kind.writingSign}`);

  // Each kind its own sequence from the one seed.
  const random = seededRandom([...kind.name].reduce((h, c) => Math.imul(h, 31) + c.charCodeAt(0), opts.seed));
  const trials: TrialRecord[] = [];
  for (const [regime, count] of [['run', opts.kills], ['writing', opts.writingKills]] as const) {
    const fractions = regime === 'run' ? killFractions(count, random) : killFractions(count, random, 0, 1);
    let slot = 0;
    let tries = 0;
    const limit = trials.length + count * 3;
    while (slot < fractions.length && trials.length < limit) {
      const index = trials.length + 1;
      const dir = path.join(opts.dir, `trial-${String(index).padStart(3, '0')}`);
      mkdirSync(dir);
      const span = median(regime === 'run' ? runMs : writingMs);
      const at = fractions[slot] * span * EARLIER ** tries;
      const { args, probe, writing } = await kind.setUp(dir, index);
      const run = await runCliProcess(args, { kill: regime === 'run' ? { afterStartMs: at } : { afterWritingMs: at }, probe, writing });
      const judged = performance.now();
      const verdict = await kind.judge(dir, index, run);
      trials.push({ index, regime, killed: run.killed, verdict });

      const when = `${(at / 1000).toFixed(2)} s (${Math.round((100 * at) / span)} % of ${(span / 1000).toFixed(2)} s) after ${regime === 'run' ? 'the start' : `${kind.writingSign}`}`;
      const state = run.killed ? `killed ${verdict.phase}` : `ended first (${(run.ms / 1000).toFixed(2)} s)`;
      const checked = `checked in ${((performance.now() - judged) / 1000).toFixed(1)} s`;
      const failed = verdict.problems.length > 0 ? `  FAILED: ${verdict.problems.join('; ')} — kept in ${dir}` : '';
      opts.log(`${kind.name} #${String(index).padStart(2, '0')}  kill ${when}: ${state} → ${verdict.outcome} (${checked})${failed}`);
      if (verdict.problems.length === 0) rmSync(dir, { recursive: true, force: true });
      if (run.killed) {
        slot++;
        tries = 0;
      } else {
        runMs.push(run.ms);
        if (run.writingAtMs !== null) writingMs.push(run.ms - run.writingAtMs);
        tries++;
      }
    }
  }
  rmSync(prepared, { recursive: true, force: true });
  return {
    kind: kind.name,
    workload: kind.workload,
    writingSign: kind.writingSign,
    fullRunMs: median(runMs),
    writingMs: median(writingMs),
    trials,
    seconds: (performance.now() - started) / 1000,
  };
}
