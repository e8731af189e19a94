import { closeAppContext, type AppContext } from '../../electron/backend/app-context';
import { parseImportFile } from '../../electron/backend/import/parse/parse-import-file';
import type { ParsedFile } from '../../electron/backend/import/parsed-file';
import type { ImportOptions } from '../../electron/backend/import/run-import';
import { csvBytes, sampleCsvLines } from './sample-files';
import { signedInApp, type Call } from './signed-in-app';

/** A signed-in app on the test's own file, for perTest (per-test.ts). */
export async function signedInForTest(file: string): Promise<{ app: AppContext; call: Call; close(): Promise<void> }> {
  const { app, call } = await signedInApp(file);
  return { app, call, close: () => closeAppContext(app) };
}

/** The sample's lines, dated in a meta row above the header as core exports are. */
export const datedSample = (asOf: string) => [`机构：林家坪支行    数据日期：${asOf}    单位：元`, ...sampleCsvLines().filter((l) => l !== '')];

/** The dated sample's data rows 30 times over (other loan numbers): a file of many batches. */
export function repeatedSample(asOf: string): string[] {
  const [meta, header, ...rows] = datedSample(asOf);
  const copies = Array.from({ length: 30 }, (_, k) => rows.map((line) => line.replace(/,(88011\d{6}),/, (_m, no: string) => `,${no}${String(k).padStart(2, '0')},`)));
  return [meta, header, ...copies.flat()];
}

/** CSV lines parsed as the import parses them (on this thread); throws if not recognised as a loan export. */
export async function parsedCsv(lines: string[]): Promise<ParsedFile> {
  const outcome = await parseImportFile(csvBytes(lines), 'export.csv');
  if (outcome.kind !== 'parsed') throw new Error('sample not recognised');
  return outcome.file;
}

/** CSV lines imported through the app: the preview (the file's own date), then the commit as of `opts.asOf`. */
export async function importCsv(call: Call, lines: string[], opts: ImportOptions) {
  const preview = await call('imports.preview', { fileName: 'export.csv', contentBase64: csvBytes(lines).toString('base64'), fullExport: opts.fullExport });
  return call('imports.commit', { previewId: preview.previewId, asOf: opts.asOf, fullExport: opts.fullExport, confirmSettle: true });
}
