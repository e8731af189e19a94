import type { KindResult, Regime } from './run-trials';

function tally(values: string[]): string {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([v, n]) => `${n} ${v}`).join(', ') || '—';
}

export const failuresOf = (r: KindResult) => r.trials.filter((t) => t.verdict.problems.length > 0).length;
export const killsOf = (r: KindResult, regime: Regime) => r.trials.filter((t) => t.regime === regime && t.killed).length;

const REGIMES: Record<Regime, string> = { run: 'anywhere (5–95 % of the run)', writing: 'once writing, to the end' };

/** The figures as a Markdown table (pasted into the README as the last run's). */
export function reportTable(results: KindResult[]): string {
  const lines = [
    '| Killed during | When | Trials | Killed | Ended before its kill | State found after the kill | What the run was doing | `.unfinished` left | Failures |',
    '| --- | --- | ---: | ---: | ---: | --- | --- | ---: | ---: |',
  ];
  for (const r of results) {
    for (const regime of ['run', 'writing'] as const) {
      const trials = r.trials.filter((t) => t.regime === regime);
      if (trials.length === 0) continue;
      const killed = trials.filter((t) => t.killed);
      const failures = trials.filter((t) => t.verdict.problems.length > 0).length;
      lines.push(
        `| ${r.kind} | ${REGIMES[regime]} | ${trials.length} | ${killed.length} | ${trials.length - killed.length} | ${tally(killed.map((t) => t.verdict.outcome))} | ${tally(killed.map((t) => t.verdict.phase))} | ${killed.filter((t) => t.verdict.leftovers > 0).length} | ${failures} |`,
      );
    }
  }
  return lines.join('\n');
}

/** One line per kind: what a run works on, how long it takes left alone, and when it writes. */
export function workloads(results: KindResult[]): string {
  return results
    .map((r) => `- ${r.kind}: ${r.workload}; a run left alone ${(r.fullRunMs / 1000).toFixed(1)} s, the last ${(r.writingMs / 1000).toFixed(1)} s of it from when ${r.writingSign}; trials took ${Math.round(r.seconds)} s`)
    .join('\n');
}
