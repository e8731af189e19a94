import { closeAppContext, createAppContext } from '../../electron/backend/app-context';
import { parseImportFile } from '../../electron/backend/import/parse/parse-import-file';
import { commitImport } from '../../electron/backend/import/run-import';
import { coreExportXlsx } from './core-export-file';
import type { BenchRun } from './types';

const ROWS = 100_000;
const seconds = (start: number) => (performance.now() - start) / 1000;

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

    const dbStart = performance.now();
    const result = await commitImport(app.db, { id: null, name: 'bench' }, file, { asOf: '2026-10-31', fullExport: true });
    const database = seconds(dbStart);

    const againStart = performance.now();
    const again = await commitImport(app.db, { id: null, name: 'bench' }, file, { asOf: '2026-10-31', fullExport: true });
    const reimport = seconds(againStart);
    if (again.inserted !== 0 || again.updated !== 0) throw new Error('re-import changed data');

    return [
      { name: 'import 100k-row xlsx: file size', value: bytes.length / 1e6, unit: 'MB' },
      { name: 'import 100k-row xlsx: loans inserted', value: result.inserted, unit: 'loans' },
      { name: 'import 100k-row xlsx: total', value: parse + database, unit: 's' },
      { name: 'import 100k-row xlsx: parse (read + normalise)', value: parse, unit: 's' },
      { name: 'import 100k-row xlsx: database (plan + write + change log)', value: database, unit: 's' },
      { name: 'import 100k-row xlsx: re-import, database part (all unchanged)', value: reimport, unit: 's' },
    ];
  } finally {
    await closeAppContext(app);
  }
};
