/**
 * Runs the benchmarks: `npm run bench` (all) or `npm run bench -- overview` (those whose id
 * contains a filter). Prints a table of figures and writes them to .bench/results.json.
 * Benchmarks print figures only; nothing here asserts on time.
 */
import { formatTable, machineInfo, writeResults, type BenchResults } from './report';
import type { BenchRun, Figure } from './types';
import { BenchWorkspace } from './workspace';

// To add a bench: write tests/bench/<name>.bench.ts exporting `run: BenchRun`, and list it here.
// Modules load lazily, so one that fails to import fails only its own bench.
const BENCHES: Array<{ id: string; load: () => Promise<{ run: BenchRun }> }> = [
  { id: 'demo-data', load: () => import('./demo-data.bench') },
  { id: 'villages-overview', load: () => import('./villages-overview.bench') },
  { id: 'import', load: () => import('./import.bench') },
  { id: 'register', load: () => import('./register.bench') },
  { id: 'worklists', load: () => import('./worklists.bench') },
  { id: 'assignment', load: () => import('./assignment.bench') },
  { id: 'proposal', load: () => import('./proposal.bench') },
  { id: 'notices', load: () => import('./notices.bench') },
  { id: 'limitation', load: () => import('./limitation.bench') },
  { id: 'archives', load: () => import('./archives.bench') },
  { id: 'indicators', load: () => import('./indicators.bench') },
  { id: 'export', load: () => import('./export.bench') },
  { id: 'cli-start', load: () => import('./cli-start.bench') },
  { id: 'grid-browser', load: () => import('./grid-browser.bench') },
  { id: 'hq-ingest', load: () => import('./hq-ingest.bench') },
  { id: 'lock-wait', load: () => import('./lock-wait.bench') },
];

async function main(filters: string[]): Promise<number> {
  const selected = BENCHES.filter((b) => filters.length === 0 || filters.some((f) => b.id.includes(f)));
  if (selected.length === 0) {
    console.error(`no bench matches ${filters.join(', ')}; known: ${BENCHES.map((b) => b.id).join(', ')}`);
    return 2;
  }
  const { setQuietLogs } = await import('../../electron/backend/log');
  setQuietLogs(true);
  const machine = machineInfo();
  const figures: Figure[] = [];
  const failures: BenchResults['failures'] = [];
  const ws = new BenchWorkspace();
  try {
    for (const bench of selected) {
      process.stderr.write(`running ${bench.id} …\n`);
      const start = performance.now();
      try {
        figures.push(...(await (await bench.load()).run(ws)));
      } catch (err) {
        failures.push({ bench: bench.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
        console.error(`bench ${bench.id} failed:`, err);
      }
      process.stderr.write(`  ${bench.id} took ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
    }
  } finally {
    ws.cleanup();
  }

  console.log(`Branch Ledger benchmarks — node ${machine.node}, ${machine.platform}, ${machine.cpus} × ${machine.cpuModel}, load average at start ${machine.loadAverage.join(' / ')}`);
  console.log(formatTable(figures));
  const file = writeResults({ ranAt: new Date().toISOString(), machine, figures, failures });
  console.log(`\nwritten to ${file}`);
  return failures.length === 0 ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
