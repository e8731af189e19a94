import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRun, Figure } from './types';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const LOANS = 200_000;
/** Anchor and export alternate this many times; the best time of each is shown (load on a shared machine only slows). */
const ROUNDS = 2;

interface ChildResult {
  ms: number;
  maxRssMb: number;
  startRssMb: number;
  bytes: number;
  rows: number;
}

/** One run of tests/bench/export-child.ts in a process of its own: its peak RSS is the export's. */
function child(mode: 'register' | 'anchor' | 'dump', input: string, out: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', 'tests/bench/export-child.ts', mode, input, out], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => {
      if (code !== 0) reject(new Error(`export-child ${mode} exited with ${code}`));
      else resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as ChildResult);
    });
  });
}

/**
 * Issue 13's export figures: the county book (200k loans) exported as the app does it (pages
 * read in one transaction on a connection of its own, written as a stream, kept in a file and
 * fetched in parts), beside the anchor: ExcelJS's streaming writer alone writing the same rows,
 * columns, formats and values from a file of them (no database). Each in a child process, whose
 * peak RSS is its own. Targets: time ≤ 1.3× the anchor's, RSS < 400 MB.
 */
export const run: BenchRun = async (ws) => {
  const demo = await ws.demoDatabase(LOANS);
  const rows = ws.file('export-rows.jsonl');
  await child('dump', demo.file, rows);

  const runs: Record<'register' | 'anchor', ChildResult[]> = { register: [], anchor: [] };
  const load: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    load.push(loadavg()[0]);
    runs.anchor.push(await child('anchor', rows, ws.file(`export-anchor-${round}.xlsx`)));
    runs.register.push(await child('register', demo.file, ws.file(`export-register-${round}.xlsx`)));
  }
  const best = (rs: ChildResult[]) => Math.min(...rs.map((r) => r.ms));
  const peak = (rs: ChildResult[]) => Math.max(...rs.map((r) => r.maxRssMb));
  const register = { ms: best(runs.register), rss: peak(runs.register) };
  const anchor = { ms: best(runs.anchor), rss: peak(runs.anchor) };
  const figures: Figure[] = [
    { name: `export: register of ${LOANS.toLocaleString('en-US')} loans, whole book (best of ${ROUNDS})`, value: register.ms, unit: 'ms' },
    { name: 'export: anchor, bare ExcelJS streaming write of the same rows (best)', value: anchor.ms, unit: 'ms' },
    { name: 'export: register ÷ anchor, time (target ≤ 1.3)', value: Math.round((register.ms / anchor.ms) * 100) / 100, unit: '×' },
    { name: 'export: register, peak RSS of its process (target < 400)', value: register.rss, unit: 'MB' },
    { name: 'export: anchor, peak RSS of its process', value: anchor.rss, unit: 'MB' },
    { name: 'export: register, RSS of its process before exporting (node, tsx, the app opened)', value: Math.max(...runs.register.map((r) => r.startRssMb)), unit: 'MB' },
    { name: 'export: rows written', value: runs.register[0].rows, unit: 'rows' },
    { name: 'export: file size', value: Math.round(runs.register[0].bytes / 1e5) / 10, unit: 'MB' },
    { name: 'export: load average (1 min) when the rounds began, highest', value: Math.max(...load), unit: '' },
  ];
  return figures;
};
