/**
 * A file's rows as the parse reads them: .xlsx and CSV streamed (xlsx-rows.ts, csv-rows.ts), .xls,
 * HTML tables and workbooks the streaming reader leaves to SheetJS read whole (read-grid.ts).
 * Same rows, values and errors either way.
 */
import { csvRows } from './csv-rows';
import { fileKind, gridOf, zipFailure } from './read-grid';
import { gridRowSource, type RowSource } from './row-source';
import { openXlsxRows } from './xlsx-rows';

export async function openRows(bytes: Uint8Array, fileName: string): Promise<RowSource> {
  const kind = fileKind(bytes, fileName);
  if (kind.kind === 'xlsx') {
    let source: RowSource | null;
    try {
      source = await openXlsxRows(bytes, fileName);
    } catch (err) {
      throw zipFailure(err, fileName, kind.tableExtension);
    }
    if (source) return source;
  }
  if (kind.kind === 'csv') return csvRows(kind.text, fileName);
  return gridRowSource(await gridOf(kind, bytes, fileName));
}

/** The whole-grid reader (SheetJS for every workbook) as a source: the old reader, kept for .xls and to compare with. */
export async function openGridRows(bytes: Uint8Array, fileName: string): Promise<RowSource> {
  return gridRowSource(await gridOf(fileKind(bytes, fileName), bytes, fileName));
}
