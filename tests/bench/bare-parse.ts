/**
 * Issue 13's anchor and the import's reader, timed alone on the same bytes, for benches to print
 * side by side: a bare ExcelJS streaming parse (WorkbookReader, every cell's value read) and the
 * streaming reader the import uses (electron/backend/import/parse/xlsx-rows.ts: rows of raw
 * values, before any row is checked or normalised).
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { openXlsxRows } from '../../electron/backend/import/parse/xlsx-rows';

export interface BareParse {
  seconds: number;
  rows: number;
  /** Cells with a value. */
  cells: number;
}

/** ExcelJS's WorkbookReader over the file's bytes, every cell of every sheet read. */
export async function bareExcelJsParse(bytes: Uint8Array): Promise<BareParse> {
  const start = performance.now();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
  });
  let rows = 0;
  let cells = 0;
  for await (const sheet of reader) {
    for await (const row of sheet) {
      rows++;
      row.eachCell((cell) => {
        if (cell.value !== null && cell.value !== undefined) cells++;
      });
    }
  }
  return { seconds: (performance.now() - start) / 1000, rows, cells };
}

/** The import's streaming .xlsx reader alone (zip checks included), every row read. */
export async function streamingReaderParse(bytes: Uint8Array): Promise<BareParse> {
  const start = performance.now();
  const source = await openXlsxRows(bytes, 'bench.xlsx');
  if (!source) throw new Error('the streaming reader left this workbook to SheetJS');
  let rows = 0;
  let cells = 0;
  for (let batch = await source.next(); batch; batch = await source.next()) {
    rows += batch.rows.length;
    for (const row of batch.rows) for (const v of row) if (v !== null && v !== '') cells++;
  }
  return { seconds: (performance.now() - start) / 1000, rows, cells };
}
