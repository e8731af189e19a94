/**
 * A list as an .xlsx workbook, written by the same streaming sheet writer as the register's
 * export: a title, what it is as of, one row per item under a frozen, filterable header and a
 * 合计 row. The loan worklists and the contact lists differ only in their columns.
 */
import { bufferSink } from '../export/buffer-sink';
import { ListSheetWriter, type CellKind, type CellValue } from '../export/xlsx-list-sheet';

export type { CellKind };

export interface ListColumn<R> {
  label: string;
  width: number;
  kind: CellKind;
  value: (r: R, i: number) => CellValue;
  /** This column's cell in the 合计 row: a text, or the column's sum (fen for money). */
  total?: string | number;
}

export interface ListSheet<R> {
  title: string;
  /** Under the title: the dates and filters the list is for. */
  note: string;
  rows: R[];
  sheetName: string;
}

export async function listWorkbook<R>(columns: ReadonlyArray<ListColumn<R>>, sheet: ListSheet<R>): Promise<Uint8Array> {
  const sink = bufferSink();
  const writer = new ListSheetWriter(sink.stream, columns, { sheetName: sheet.sheetName, title: sheet.title, note: sheet.note });
  sheet.rows.forEach((row, i) => writer.addRow(columns.map((c) => c.value(row, i))));
  const labels: Record<number, string> = { 0: '合计' };
  const sums: Record<number, number> = {};
  columns.forEach((c, ci) => {
    if (ci === 0 || c.total === undefined) return;
    if (typeof c.total === 'number') sums[ci] = c.total;
    else labels[ci] = c.total;
  });
  writer.addTotals(labels, sums);
  await writer.finish();
  return sink.bytes();
}
