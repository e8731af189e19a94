import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { percentile } from './stats';
import type { BenchRun, Figure } from './types';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const LOANS = 1_000;
const RUNS = 5;

interface Timed {
  wallMs: number;
  /** User + system CPU of the process and its children (tsx runs node in a child): steadier than wall time on a busy machine. */
  cpuMs: number;
}

/**
 * One process from spawn to exit. Run under bash, whose `times` reports the CPU its waited-for
 * children used; the exit code is checked, so that a failing start is never timed as a fast one.
 */
function timeProcess(argv: string[], expectedCode: number): Promise<Timed> {
  const script = '"$@" >/dev/null 2>&1; code=$?; times; exit $code';
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('bash', ['-c', script, 'bash', ...argv], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => (out += t));
    child.once('error', reject);
    child.once('close', (code) => {
      const wallMs = performance.now() - started;
      if (code !== expectedCode) return reject(new Error(`${argv.join(' ')} exited ${code}, expected ${expectedCode}`));
      // `times`: the shell's own user and system time, then its children's, as 0m1.234s.
      const children = out.trim().split('\n').at(-1) ?? '';
      const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
      if (seconds.length !== 2) return reject(new Error(`cannot read bash times: ${out}`));
      resolve({ wallMs, cpuMs: (seconds[0] + seconds[1]) * 1000 });
    });
  });
}

/** Time of the launcher's staleness check in a fresh process (its first call, as at a real start). */
function freshnessCheckMs(): Promise<number> {
  const code = `import { builtCliIsStale } from './electron/cli-freshness.mjs';
const t = performance.now(); builtCliIsStale(); console.log(performance.now() - t);`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => (out += t));
    child.once('error', reject);
    child.once('close', (exit) => (exit === 0 ? resolve(Number(out)) : reject(new Error(`freshness check exited ${exit}`))));
  });
}

const median = (values: number[]) => percentile(values, 50);

/**
 * From process start to exit, for the CLI's help and a small report: the built CLI as `npm run cli`
 * starts it (launcher, staleness check included) and its built file alone, beside the CLI from
 * source through tsx (what `npm run cli` was before) and `node -e ""` as the anchor. The runs of
 * each round alternate, so that the machine's load falls on all of them alike.
 */
export const run: BenchRun = async (ws) => {
  const { file } = await ws.demoDatabase(LOANS);
  const node = process.execPath;
  const tsx = `${ROOT}node_modules/.bin/tsx`;
  const commands = [
    { what: 'help', args: ['help'] },
    { what: `report portfolio --json, ${LOANS / 1000}k loans`, args: ['report', 'portfolio', '--db', file, '--json'] },
  ];
  const ways = [
    { how: 'node -e "" (anchor)', argv: () => [node, '-e', ''] },
    { how: 'built, npm run cli (launcher)', argv: (args: string[]) => [node, 'electron/cli-launcher.mjs', ...args] },
    { how: 'built, out/cli/cli.js alone', argv: (args: string[]) => [node, 'out/cli/cli.js', ...args] },
    { how: 'tsx electron/cli.ts (before)', argv: (args: string[]) => [tsx, 'electron/cli.ts', ...args] },
  ];

  // A first start builds the CLI if its sources changed, and fills tsx's cache: neither is a start's own cost.
  for (const { args } of commands) {
    await timeProcess(ways[1].argv(args), 0);
    await timeProcess(ways[3].argv(args), 0);
  }
  const figures: Figure[] = [];
  for (const { what, args } of commands) {
    const times = ways.map(() => [] as Timed[]);
    for (let round = 0; round < RUNS; round++) {
      for (const [i, way] of ways.entries()) times[i].push(await timeProcess(way.argv(args), 0));
    }
    for (const [i, { how }] of ways.entries()) {
      figures.push({ name: `cli start, ${what}: ${how}, wall`, value: median(times[i].map((t) => t.wallMs)), unit: 'ms' });
      figures.push({ name: `cli start, ${what}: ${how}, CPU`, value: median(times[i].map((t) => t.cpuMs)), unit: 'ms' });
    }
  }
  const checks: number[] = [];
  for (let round = 0; round < RUNS; round++) checks.push(await freshnessCheckMs());
  figures.push({ name: 'cli start: launcher staleness check (stat electron/, migrations/)', value: median(checks), unit: 'ms' });
  return figures;
};
