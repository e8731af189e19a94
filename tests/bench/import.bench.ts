import { closeAppContext, createAppContext } from '../../electron/backend/app-context';
import { parseImportFile } from '../../electron/backend/import/parse/parse-import-file';
import type { ParsedFile } from '../../electron/backend/import/parsed-file';
import { commitImport, prepareImport } from '../../electron/backend/import/run-import';
import type { Db } from '../../electron/backend/db/connection';
import { coreExportXlsx } from './core-export-file';
import type { BenchRun, Figure } from './types';

const ROWS = 100_000;
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

/** Importing a 100k-row core export: how the time splits between reading the file and the database. */
export const run: BenchRun = async (ws) => {
  const bytes = coreExportXlsx(ROWS);
  const app = await createAppContext(ws.file('import-bench.sqlite'));
  try {
    const parseStart = performance.now();
    const outcome = await parseImportFile(bytes, 'bench.xlsx');
    const parse = seconds(parseStart);
    if (outcome.kind !== 'parsed') throw new Error('bench file was not recognised');
    const { file } = outcome;

    const first = await previewThenCommit(app.db, file);
    const again = await previewThenCommit(app.db, file);
    if (again.result.inserted !== 0 || again.result.updated !== 0) throw new Error('re-import changed data');

    const name = (what: string) => `import 100k-row xlsx: ${what}`;
    const figures: Figure[] = [
      { name: name('file size'), value: bytes.length / 1e6, unit: 'MB' },
      { name: name('loans inserted'), value: first.result.inserted, unit: 'loans' },
      { name: name('total (parse + preview + commit)'), value: parse + first.preview + first.commit, unit: 's' },
      { name: name('parse (read + normalise)'), value: parse, unit: 's' },
      { name: name('database: preview (read register + plan)'), value: first.preview, unit: 's' },
      { name: name('database: commit (write + change log)'), value: first.commit, unit: 's' },
      { name: name('re-import, database: preview'), value: again.preview, unit: 's' },
      { name: name('re-import, database: commit (all unchanged)'), value: again.commit, unit: 's' },
    ];
    return figures;
  } finally {
    await closeAppContext(app);
  }
};
