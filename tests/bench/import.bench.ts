import { closeAppContext, createAppContext } from '../../electron/backend/app-context';
import { parseImportFile } from '../../electron/backend/import/parse/parse-import-file';
import type { ParsedFile } from '../../electron/backend/import/parsed-file';
import { planImport } from '../../electron/backend/import/plan-import';
import { loadRegisterState } from '../../electron/backend/import/register-state';
import { commitImport, prepareImport } from '../../electron/backend/import/run-import';
import type { Db } from '../../electron/backend/db/connection';
import { coreExportXlsx } from './core-export-file';
import type { BenchRun, Figure } from './types';

const OPTS = { asOf: '2026-10-31', fullExport: true };
const ACTOR = { id: null, name: 'bench' };
const seconds = (start: number) => (performance.now() - start) / 1000;

/** The app's flow: the preview compares the file with the register, the commit writes that plan. */
async function previewThenCommit(db: Db, file: ParsedFile) {
  let start = performance.now();
  const prepared = await prepareImport(db, file, OPTS);
  const preview = seconds(start);
  start = performance.now();
  const result = await commitImport(db, ACTOR, file, OPTS, prepared);
  return { preview, commit: seconds(start), result };
}

/** The preview's two halves, timed apart: reading the register (SQLite) and comparing (JS). */
async function previewHalves(db: Db, file: ParsedFile) {
  let start = performance.now();
  const state = await db.transaction().execute((trx) => loadRegisterState(trx, OPTS.asOf));
  const read = seconds(start);
  start = performance.now();
  planImport(state, file, OPTS.asOf, OPTS.fullExport, 'bench');
  return { read, plan: seconds(start) };
}

/** Imports a generated core export of `rows` loans into a new database, then again. */
async function importFigures(ws: Parameters<BenchRun>[0], rows: number, label: string): Promise<Figure[]> {
  const bytes = coreExportXlsx(rows);
  const app = await createAppContext(ws.file(`import-bench-${rows}.sqlite`));
  try {
    const parseStart = performance.now();
    const outcome = await parseImportFile(bytes, 'bench.xlsx');
    const parse = seconds(parseStart);
    if (outcome.kind !== 'parsed') throw new Error('bench file was not recognised');
    const { file } = outcome;

    const firstHalves = await previewHalves(app.db, file);
    const first = await previewThenCommit(app.db, file);
    const againHalves = await previewHalves(app.db, file);
    const again = await previewThenCommit(app.db, file);
    if (again.result.inserted !== 0 || again.result.updated !== 0) throw new Error('re-import changed data');

    const name = (what: string) => `import ${label} xlsx: ${what}`;
    return [
      { name: name('file size'), value: bytes.length / 1e6, unit: 'MB' },
      { name: name('loans inserted'), value: first.result.inserted, unit: 'loans' },
      { name: name('total (parse + preview + commit)'), value: parse + first.preview + first.commit, unit: 's' },
      { name: name('parse (read + normalise)'), value: parse, unit: 's' },
      { name: name('preview (read register + plan)'), value: first.preview, unit: 's' },
      { name: name('  of which: read register (SQLite)'), value: firstHalves.read, unit: 's' },
      { name: name('  of which: plan (compare in JS)'), value: firstHalves.plan, unit: 's' },
      { name: name('commit (write + change log, SQLite)'), value: first.commit, unit: 's' },
      { name: name('re-import: preview'), value: again.preview, unit: 's' },
      { name: name('re-import:   of which: read register (SQLite)'), value: againHalves.read, unit: 's' },
      { name: name('re-import:   of which: plan (compare in JS)'), value: againHalves.plan, unit: 's' },
      { name: name('re-import: commit (all unchanged)'), value: again.commit, unit: 's' },
    ];
  } finally {
    await closeAppContext(app);
  }
}

/**
 * Importing core exports: how the time splits between reading the file and the database,
 * for a county-size file (100k loans) and a branch's (10k).
 */
export const run: BenchRun = async (ws) => [...(await importFigures(ws, 100_000, '100k-row')), ...(await importFigures(ws, 10_000, '10k-row (a branch)'))];
