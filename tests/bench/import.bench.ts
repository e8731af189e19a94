import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { SYSTEM_ACTOR } from '../../electron/backend/changelog/actor';
import { writerAs } from '../../electron/backend/changelog/write-context';
import { closeAppContext, createAppContext } from '../../electron/backend/app-context';
import { parseImportFile } from '../../electron/backend/import/parse/parse-import-file';
import type { ParsedFile } from '../../electron/backend/import/parsed-file';
import { ImportStage } from '../../electron/backend/import/import-stage';
import { commitImport, prepareImport, type ImportOptions, type PreparedImport } from '../../electron/backend/import/run-import';
import type { Db } from '../../electron/backend/db/connection';
import { coreExportXlsx } from './core-export-file';
import type { BenchRun, Figure } from './types';
import type { BenchWorkspace } from './workspace';

const OCTOBER: ImportOptions = { asOf: '2026-10-31', fullExport: true };
const NOVEMBER: ImportOptions = { asOf: '2026-11-30', fullExport: true, confirmSettle: true };
const ROOT = new URL('../../', import.meta.url).pathname;
const seconds = (start: number) => (performance.now() - start) / 1000;

/**
 * Issue 13's anchor: a bare ExcelJS streaming parse of the file, every cell read — the reader
 * helper's tests/bench/bare-parse.ts when it loads, else the same loop here.
 */
async function bareParse(bytes: Uint8Array): Promise<number> {
  try {
    const shared = (await import('./bare-parse')) as { bareExcelJsParse?: (b: Uint8Array) => Promise<{ seconds: number }> };
    if (shared.bareExcelJsParse) return (await shared.bareExcelJsParse(bytes)).seconds;
  } catch {
    // not there (yet): the loop below is the same
  }
  const start = performance.now();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache' });
  let cells = 0;
  for await (const sheet of reader) for await (const row of sheet) row.eachCell(() => cells++);
  if (cells === 0) throw new Error('bare parse read no cells');
  return seconds(start);
}

/**
 * One import through the CLI as a user runs it (`npm run cli`, which runs the built CLI), process
 * start included, under /usr/bin/time for the peak RSS (the largest process of the tree: the CLI's,
 * its parse worker being a thread of it).
 */
function cliImport(file: string, db: string, extra: string[] = []): Promise<{ seconds: number; cpuSeconds: number; peakMb: number; out: { inserted: number; updated: number; unchanged: number; settled: number } }> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn('/usr/bin/time', ['-f', 'maxrss-kb %M cpu %U %S', 'npm', 'run', '--silent', 'cli', '--', 'import', file, '--db', db, '--json', ...extra], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const took = seconds(start);
      const rss = /maxrss-kb (\d+) cpu ([\d.]+) ([\d.]+)/.exec(stderr);
      if (code !== 0 || !rss) return reject(new Error(`cli import exited ${code}: ${stderr.slice(-2000)}`));
      resolve({ seconds: took, cpuSeconds: Number(rss[2]) + Number(rss[3]), peakMb: Number(rss[1]) / 1024, out: JSON.parse(stdout) });
    });
  });
}

/** The bare parse of `file` in a fresh process (bare-parse-child.ts): the anchor a CLI import, a fresh process too, is judged by. */
function bareParseFresh(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/bare-parse-child.ts', file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve((JSON.parse(out) as { seconds: number }).seconds) : reject(new Error(`bare parse child exited ${code}`))));
  });
}

/** The CLI once untimed: `npm run cli` builds itself when its sources are newer than the build. */
function cliReady(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'cli', '--', '--help'], { cwd: ROOT, stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', () => resolve());
  });
}

function benchFile(ws: BenchWorkspace, name: string, bytes: Uint8Array): string {
  const p = ws.file(name);
  writeFileSync(p, bytes);
  return p;
}

/** The targets: whole CLI imports beside the bare parse of the same file, measured one after the other. */
async function cliFigures(ws: BenchWorkspace, october: Uint8Array, november: Uint8Array): Promise<Figure[]> {
  const oct = benchFile(ws, 'cli-100k-october.xlsx', october);
  const nov = benchFile(ws, 'cli-100k-november.xlsx', november);
  await cliReady();
  const anchor = await bareParse(october);
  const anchorNov = await bareParse(november);
  const db = ws.file('cli-100k.sqlite');
  const first = await cliImport(oct, db);
  const again = await cliImport(oct, db);
  const next = await cliImport(nov, db, ['--confirm-settle']);
  const anchorAfter = await bareParse(october);
  const fresh = await bareParseFresh(oct);
  const freshNov = await bareParseFresh(nov);
  if (again.out.inserted + again.out.updated !== 0) throw new Error('re-import changed data');
  const n = (what: string) => `import CLI (npm run cli, process start included): ${what}`;
  // The CPU an import uses on all its threads (worker, SQLite's, main), and that divided by the
  // cores: no overlap of parse and writes brings the wall time below that floor.
  const cpu = (name: string, run: { cpuSeconds: number }): Figure => ({
    name: n(`${name}   CPU (user + system) / ÷ ${CORES} cores: the least wall time it allows`),
    value: run.cpuSeconds,
    unit: `s / ${(run.cpuSeconds / CORES).toFixed(2)} s`,
  });
  return [
    { name: n('100k-row .xlsx, bare ExcelJS streaming parse in this process (anchor)'), value: anchor, unit: 's' },
    { name: n('100k-row .xlsx, bare parse again after the imports (anchor)'), value: anchorAfter, unit: 's' },
    { name: n('100k-row .xlsx, bare parse in a fresh process, as the CLI runs (anchor)'), value: fresh, unit: 's' },
    { name: n('(a) 100k rows into a new database'), value: first.seconds, unit: 's' },
    { name: n('(a)   ÷ bare parse in this process / in a fresh one (target ≤ 1.5)'), value: first.seconds / anchor, unit: `× / ${(first.seconds / fresh).toFixed(2)}×` },
    cpu('(a)', first),
    { name: n('(c) peak RSS of the 100k import (target < 500)'), value: first.peakMb, unit: 'MB' },
    { name: n('(d) the same 100k file again (nothing changes)'), value: again.seconds, unit: 's' },
    { name: n('(d)   ÷ bare parse in this process / in a fresh one (target ≤ 1.0)'), value: again.seconds / anchor, unit: `× / ${(again.seconds / fresh).toFixed(2)}×` },
    cpu('(d)', again),
    { name: n('(d)   peak RSS'), value: again.peakMb, unit: 'MB' },
    { name: n('(e) next month (100k: updated, new, paid off)'), value: next.seconds, unit: 's' },
    { name: n('(e)   bare parse of next month’s file in this process / in a fresh one (anchor)'), value: anchorNov, unit: `s / ${freshNov.toFixed(2)} s` },
    { name: n('(e)   ÷ bare parse in this process / in a fresh one (target ≤ 1.5)'), value: next.seconds / anchorNov, unit: `× / ${(next.seconds / freshNov).toFixed(2)}×` },
    cpu('(e)', next),
    { name: n('(e)   loans updated / new + paid off'), value: next.out.updated, unit: `/ ${next.out.inserted + next.out.settled}` },
  ];
}

const CORES = availableParallelism();
const TEN_K_RUNS = 3;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * A branch's file (10k rows) into a new database through the CLI, the median of a few runs, its
 * CPU time (user + system, steadier than wall time on a busy machine) beside it, and as anchors
 * from the same run: the bare ExcelJS parse of the same file, and a bare `node -e ""` start.
 */
async function cliTenKFigures(ws: BenchWorkspace, tenK: Uint8Array): Promise<Figure[]> {
  const ten = benchFile(ws, 'cli-10k-october.xlsx', tenK);
  await cliReady();
  const runs: Array<Awaited<ReturnType<typeof cliImport>>> = [];
  const anchors: number[] = [];
  const nodeStarts: number[] = [];
  for (let i = 0; i < TEN_K_RUNS; i++) {
    anchors.push(await bareParse(tenK));
    nodeStarts.push(await bareNodeStart());
    runs.push(await cliImport(ten, ws.file(`cli-10k-${i}.sqlite`)));
  }
  const n = (what: string) => `import CLI (npm run cli, process start included): ${what}`;
  return [
    { name: n('10k-row .xlsx, bare ExcelJS streaming parse (anchor, median)'), value: median(anchors), unit: 's' },
    { name: n('node -e "" (anchor, median)'), value: median(nodeStarts), unit: 's' },
    { name: n(`(b) 10k-row .xlsx into a new database, median of ${TEN_K_RUNS} (target < 1.5)`), value: median(runs.map((r) => r.seconds)), unit: 's' },
    { name: n(`(b)   CPU (user + system, median) / ÷ ${CORES} cores: the least wall time it allows`), value: median(runs.map((r) => r.cpuSeconds)), unit: `s / ${(median(runs.map((r) => r.cpuSeconds)) / CORES).toFixed(2)} s` },
    { name: n('(b)   peak RSS'), value: Math.max(...runs.map((r) => r.peakMb)), unit: 'MB' },
  ];
}

function bareNodeStart(): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('close', () => resolve(seconds(start)));
  });
}

async function parse(bytes: Uint8Array): Promise<{ file: ParsedFile; parse: number }> {
  const start = performance.now();
  const outcome = await parseImportFile(bytes, 'bench.xlsx');
  if (outcome.kind !== 'parsed') throw new Error('bench file was not recognised');
  return { file: outcome.file, parse: seconds(start) };
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, seconds(start)];
}

/**
 * The app's flow in this process, the preview planned both ways (set-plan.ts: the whole register
 * into JS maps, or the file staged and compared by SQLite), then the commit of what 'auto' chose.
 */
async function previewBothWays(db: Db, file: ParsedFile, opts: ImportOptions) {
  const [maps, mapsSeconds] = await timed(() => prepareImport(db, file, opts, undefined, 'maps'));
  const [set, setSeconds] = await timed(() => prepareImport(db, file, opts, undefined, 'set'));
  // As the CLI and the app run it: the loans staged while the worker reads the file, only the compare at the end.
  const [stage, stageSeconds] = await timed(() => ImportStage.of(db, file.loans));
  const [, stagedSeconds] = await timed(() => prepareImport(db, file, opts, stage, 'set'));
  await stage.drop();
  const [auto, autoSeconds] = await timed(() => prepareImport(db, file, opts));
  if (maps.plan.loanUpdates.length !== set.plan.loanUpdates.length || maps.plan.unchangedLoans !== set.plan.unchangedLoans) throw new Error('the two planners disagree');
  const [result, commit] = await timed(() => commitImport(writerAs(db, SYSTEM_ACTOR), db, file, opts, auto as PreparedImport));
  return { mapsSeconds, setSeconds, stageSeconds, stagedSeconds, autoSeconds, used: auto.planner, commit, result };
}

/** In-process split of an import (parse, preview, commit) for a new database, the same file again, next month. */
async function splitFigures(ws: BenchWorkspace, rows: number, label: string, october: Uint8Array, november: Uint8Array): Promise<Figure[]> {
  const app = await createAppContext(ws.file(`import-bench-${rows}.sqlite`));
  try {
    const oct = await parse(october);
    const first = await previewBothWays(app.db, oct.file, OCTOBER);
    const again = await previewBothWays(app.db, oct.file, OCTOBER);
    if (again.result.inserted !== 0 || again.result.updated !== 0) throw new Error('re-import changed data');
    const nov = await parse(november);
    const next = await previewBothWays(app.db, nov.file, NOVEMBER);

    const name = (what: string) => `import ${label} xlsx, in process: ${what}`;
    const steps = (what: string, run: typeof first): Figure[] => [
      { name: name(`${what}: preview planned by maps (register read whole, JS compare)`), value: run.mapsSeconds, unit: 's' },
      { name: name(`${what}: preview planned by set (staged, SQLite compare, rest in JS)`), value: run.setSeconds, unit: 's' },
      { name: name(`${what}:   staging the file (in the CLI and app: while the worker reads it)`), value: run.stageSeconds, unit: 's' },
      { name: name(`${what}:   preview planned by set from the file staged beforehand`), value: run.stagedSeconds, unit: 's' },
      { name: name(`${what}: preview as imports plan it — uses ${run.used}`), value: run.autoSeconds, unit: 's' },
      { name: name(`${what}: commit (write + change log + schedule + archive files)`), value: run.commit, unit: 's' },
    ];
    return [
      { name: name('file size'), value: october.length / 1e6, unit: 'MB' },
      { name: name('parse (read + normalise)'), value: oct.parse, unit: 's' },
      ...steps('new database', first),
      ...steps('same file again', again),
      { name: name('next month: parse'), value: nov.parse, unit: 's' },
      { name: name('next month: loans updated'), value: next.result.updated, unit: 'loans' },
      { name: name('next month: loans new / paid off'), value: next.result.inserted + next.result.settled, unit: 'loans' },
      ...steps('next month', next),
    ];
  } finally {
    await closeAppContext(app);
  }
}

/**
 * Importing core exports. Issue 13's targets through the CLI beside the bare ExcelJS parse of the
 * same file, then where the time goes, in process, for a county-size file (100k loans) and a branch's (10k).
 * `IMPORT_BENCH_ROWS=10k npm run bench -- import` runs the 10k-row part alone (seconds, not minutes).
 */
export const run: BenchRun = async (ws) => {
  const tenOctober = coreExportXlsx(10_000);
  const tenNovember = coreExportXlsx(10_000, true);
  const tenK = [...(await cliTenKFigures(ws, tenOctober)), ...(await splitFigures(ws, 10_000, '10k-row (a branch)', tenOctober, tenNovember))];
  if (process.env.IMPORT_BENCH_ROWS === '10k') return tenK;
  const october = coreExportXlsx(100_000);
  const november = coreExportXlsx(100_000, true);
  return [...(await cliFigures(ws, october, november)), ...(await splitFigures(ws, 100_000, '100k-row', october, november)), ...tenK];
};
