import { SYSTEM_ACTOR } from '../../electron/backend/changelog/actor';
import { writerAs } from '../../electron/backend/changelog/write-context';
import { closeAppContext, createAppContext } from '../../electron/backend/app-context';
import { parseImportFile } from '../../electron/backend/import/parse/parse-import-file';
import type { ParsedFile } from '../../electron/backend/import/parsed-file';
import { planImport } from '../../electron/backend/import/plan-import';
import { loadRegisterState } from '../../electron/backend/import/register-state';
import { commitImport, prepareImport, type ImportOptions } from '../../electron/backend/import/run-import';
import type { Db } from '../../electron/backend/db/connection';
import { coreExportXlsx } from './core-export-file';
import type { BenchRun, Figure } from './types';

const OCTOBER: ImportOptions = { asOf: '2026-10-31', fullExport: true };
const NOVEMBER: ImportOptions = { asOf: '2026-11-30', fullExport: true };
const seconds = (start: number) => (performance.now() - start) / 1000;

async function parse(bytes: Uint8Array): Promise<{ file: ParsedFile; parse: number }> {
  const start = performance.now();
  const outcome = await parseImportFile(bytes, 'bench.xlsx');
  if (outcome.kind !== 'parsed') throw new Error('bench file was not recognised');
  return { file: outcome.file, parse: seconds(start) };
}

/**
 * The app's flow — the preview compares the file with the register, the commit writes that
 * plan — plus the preview's two halves timed apart: reading the register (SQLite) and
 * comparing (JS).
 */
async function previewThenCommit(db: Db, file: ParsedFile, opts: ImportOptions) {
  let start = performance.now();
  const state = await db.transaction().setAccessMode('read only').execute((trx) => loadRegisterState(trx, opts.asOf));
  const read = seconds(start);
  start = performance.now();
  planImport(state, file, opts.asOf, opts.fullExport, 'bench');
  const plan = seconds(start);
  start = performance.now();
  const prepared = await prepareImport(db, file, opts);
  const preview = seconds(start);
  start = performance.now();
  const result = await commitImport(writerAs(db, SYSTEM_ACTOR), db, file, opts, prepared);
  return { read, plan, preview, commit: seconds(start), result };
}

/**
 * Imports a generated core export of `rows` loans into a new database, the same file again,
 * and the next month's export (the import a branch does every month).
 */
async function importFigures(ws: Parameters<BenchRun>[0], rows: number, label: string): Promise<Figure[]> {
  const bytes = coreExportXlsx(rows);
  const app = await createAppContext(ws.file(`import-bench-${rows}.sqlite`));
  try {
    const october = await parse(bytes);
    const first = await previewThenCommit(app.db, october.file, OCTOBER);
    const again = await previewThenCommit(app.db, october.file, OCTOBER);
    if (again.result.inserted !== 0 || again.result.updated !== 0) throw new Error('re-import changed data');
    const next = await previewThenCommit(app.db, (await parse(coreExportXlsx(rows, true))).file, NOVEMBER);

    const name = (what: string) => `import ${label} xlsx: ${what}`;
    const steps = (what: string, run: typeof first): Figure[] => [
      { name: name(`${what}: preview (read register + plan)`), value: run.preview, unit: 's' },
      { name: name(`${what}:   of which read register (SQLite)`), value: run.read, unit: 's' },
      { name: name(`${what}:   of which plan (compare, JS)`), value: run.plan, unit: 's' },
      { name: name(`${what}: commit (write + change log)`), value: run.commit, unit: 's' },
    ];
    return [
      { name: name('file size'), value: bytes.length / 1e6, unit: 'MB' },
      { name: name('total (parse + preview + commit)'), value: october.parse + first.preview + first.commit, unit: 's' },
      { name: name('parse (read + normalise)'), value: october.parse, unit: 's' },
      ...steps('new database', first),
      ...steps('same file again', again),
      { name: name('next month: loans updated'), value: next.result.updated, unit: 'loans' },
      { name: name('next month: loans new / paid off'), value: next.result.inserted + next.result.settled, unit: 'loans' },
      ...steps('next month', next),
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
