// Kill -9 trials: kills the real CLI at seeded random moments during import, backup, migrate and
// sync apply, and checks what each kill left: never a half import, never a false backup, never a
// half migration, never half a sync package. Run by hand (it takes minutes), not in CI:
//
//   npm run kill-trials -- [--kills 30] [--writing-kills 15] [--seed 1] [--kinds import,backup,migrate,sync-apply] [--loans N]
//
// --kills runs of each kind are killed anywhere in 5–95 % of a run, --writing-kills (default half
// as many) once the files show the run writing; --loans sets every kind's database size (sync-apply: the
// package's rows).
// Prints one line per trial and a Markdown table of the figures; exits 1 on any failure, and
// keeps each failed trial's folder (its path is printed) to look at.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { setQuietLogs } from '../../electron/backend/log';
import { makeTempDir } from '../helpers/temp-dir';
import { backupTrials } from './backup-trials';
import { importTrials } from './import-trials';
import { migrateTrials } from './migrate-trials';
import { failuresOf, killsOf, reportTable, workloads } from './report';
import { runTrials, type KindResult } from './run-trials';
import { syncApplyTrials } from './sync-apply-trials';
import type { TrialKind } from './trial-kind';

/** Loans per trial's database: big enough that most of a run is the work itself, not starting Node. */
const DEFAULT_LOANS = { import: 20_000, backup: 50_000, migrate: 30_000, 'sync-apply': 6_000 };

const { values } = parseArgs({
  options: {
    kills: { type: 'string', default: '30' },
    'writing-kills': { type: 'string' },
    seed: { type: 'string', default: '1' },
    kinds: { type: 'string', default: 'import,backup,migrate,sync-apply' },
    loans: { type: 'string' },
  },
});
const kills = Number(values.kills);
const writingKills = values['writing-kills'] === undefined ? Math.ceil(kills / 2) : Number(values['writing-kills']);
const seed = Number(values.seed);
const loans = values.loans === undefined ? null : Number(values.loans);
const kinds = values.kinds.split(',');
const makers: Record<string, (loans: number) => TrialKind<unknown>> = {
  import: (n) => importTrials(n) as TrialKind<unknown>,
  backup: (n) => backupTrials(n) as TrialKind<unknown>,
  migrate: (n) => migrateTrials(n) as TrialKind<unknown>,
  'sync-apply': (n) => syncApplyTrials(n) as TrialKind<unknown>,
};
const unknown = kinds.filter((k) => !(k in makers));
if (!Number.isInteger(kills) || kills < 1 || !Number.isInteger(writingKills) || writingKills < 0 || !Number.isInteger(seed) || (loans !== null && !(Number.isInteger(loans) && loans >= 100)) || unknown.length > 0) {
  console.error('usage: npm run kill-trials -- [--kills N ≥ 1] [--writing-kills N ≥ 0] [--seed N] [--kinds import,backup,migrate,sync-apply] [--loans N ≥ 100]');
  process.exit(2);
}

setQuietLogs(true);
const workspace = makeTempDir('bl-kill-trials-');
const log = (line: string) => console.log(line);
const results: KindResult[] = [];
const started = performance.now();
let broken = false;
try {
  for (const kind of kinds) {
    const trials = makers[kind](loans ?? DEFAULT_LOANS[kind as keyof typeof DEFAULT_LOANS]);
    results.push(await runTrials(trials, { kills, writingKills, seed, dir: `${workspace.dir}/${kind}`, log }));
  }
} catch (err) {
  console.error(`kill trials could not run: ${(err as Error).stack ?? String(err)}`);
  broken = true;
}

const short = results.filter((r) => killsOf(r, 'run') < kills || killsOf(r, 'writing') < writingKills);
const failures = results.reduce((n, r) => n + failuresOf(r), 0);
console.log('');
console.log(
  `Kill -9 trials, ${new Date().toISOString().slice(0, 10)}, seed ${seed}, ${kills} + ${writingKills} kills each, ${os.cpus().length} cores (load ${os.loadavg()[0].toFixed(1)}), Node ${process.versions.node}, ${Math.round((performance.now() - started) / 1000)} s:`,
);
console.log('');
console.log(reportTable(results));
console.log('');
console.log(workloads(results));
for (const r of short) console.log(`${r.kind}: only ${killsOf(r, 'run')} + ${killsOf(r, 'writing')} of ${kills} + ${writingKills} runs were killed (the others ended before their moment)`);
if (failures > 0 || broken || short.length > 0) {
  console.log(`\nFAILED: ${failures} trial(s) failed; their folders are kept under ${workspace.dir}`);
  process.exitCode = 1;
} else {
  workspace.cleanup();
}
