/**
 * A printed list as an .xlsx sheet written as a stream (ExcelJS's WorkbookWriter): rows go to
 * the zip as they are added, so a county's 200k rows never sit in memory as a workbook. The
 * sheet is laid out as every list of the app is: a title and a note (merged across the
 * columns), the header row frozen with an autofilter under it, one row per item, and a 合计 row
 * whose sums follow the filter (SUBTOTAL) and hold the exact sums as their stored values.
 */
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { excelJs } from '../lazy-packages';
import { fenToYuanNumber } from '../../shared/money';

/** money: integer fen written in 元 with two decimals; date: 'YYYY-MM-DD' written as an Excel date. */
export type CellKind = 'text' | 'int' | 'money' | 'date';
export type CellValue = string | number | null | undefined;

export interface SheetColumn {
  label: string;
  /** In characters, as Excel's column width. */
  width: number;
  kind: CellKind;
}

export interface ListSheetHead {
  sheetName: string;
  title: string;
  /** Under the title: the dates and filters the list is for. */
  note: string;
}

// One style object per kind, shared by every cell of it: ExcelJS works out a cell's style once
// per object (a WeakMap), where each cell's own empty style would be worked out again.
const MONEY = Object.freeze({ numFmt: '#,##0.00' });
const DATE = Object.freeze({ numFmt: 'yyyy-mm-dd' });
const TEXT = Object.freeze({});
const NUMBER = Object.freeze({});
/** Title, note and header: the rows above the data. */
export const HEAD_ROWS = 3;
const DAY_MS = 86_400_000;
/** Excel's day 0 (1899-12-30, as its 1900 calendar counts) in Unix days. */
const EXCEL_EPOCH_DAYS = -25_569;

/** 'YYYY-MM-DD' as an Excel date serial, or null when it is not a real date. */
export function excelDate(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== text) return null;
  return ms / DAY_MS - EXCEL_EPOCH_DAYS;
}

/** A county's loans share a few thousand dates: each is worked out once per sheet. */
class DateSerials {
  private readonly known = new Map<string, number | null>();
  of(text: string): number | null {
    let serial = this.known.get(text);
    if (serial === undefined) this.known.set(text, (serial = excelDate(text)));
    return serial;
  }
}

/** One sheet being written. Rows are committed as they come; `finish` ends the file. */
export class ListSheetWriter {
  private readonly book: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly sheet: ExcelJS.Worksheet;
  private next = HEAD_ROWS + 1;
  private readonly dates = new DateSerials();
  /** Rows above the 合计 row, the autofilter's range. */
  private dataRows: number | null = null;
  private done = false;

  constructor(
    out: Writable,
    private readonly columns: readonly SheetColumn[],
    head: ListSheetHead,
  ) {
    this.book = new (excelJs().stream.xlsx.WorkbookWriter)({ stream: out, useStyles: true, useSharedStrings: false });
    // Views are written when the sheet opens: the frozen header must be given here.
    this.sheet = this.book.addWorksheet(safeSheetName(head.sheetName), {
      views: [{ state: 'frozen', xSplit: 0, ySplit: HEAD_ROWS, topLeftCell: `A${HEAD_ROWS + 1}`, activeCell: `A${HEAD_ROWS + 1}` }],
    });
    // ExcelJS leaves out a width of exactly 9 as its default, which Excel shows as 8.43.
    this.sheet.columns = columns.map((c) => ({ width: c.width === 9 ? 9.001 : c.width }));
    const ncol = columns.length;
    // Merged cells mark their rows: merge before those rows are committed.
    this.sheet.mergeCells(1, 1, 1, ncol);
    this.sheet.mergeCells(2, 1, 2, ncol);
    const title = this.sheet.getRow(1);
    title.height = 24;
    title.getCell(1).value = head.title;
    title.commit();
    const note = this.sheet.getRow(2);
    if (head.note) note.getCell(1).value = head.note;
    note.commit();
    const header = this.sheet.getRow(3);
    columns.forEach((c, i) => (header.getCell(i + 1).value = c.label));
    header.commit();
  }

  /** Rows written under the header so far. */
  get rows(): number {
    return this.next - HEAD_ROWS - 1;
  }

  /** One item: a value per column, in the columns' kinds (money in fen, dates as 'YYYY-MM-DD'). */
  addRow(values: readonly CellValue[]): void {
    const row = this.sheet.getRow(this.next++);
    for (let c = 0; c < this.columns.length; c++) putCell(row.getCell(c + 1), values[c], this.columns[c].kind, this.dates);
    row.commit();
  }

  /**
   * The 合计 row under the data: `labels` text by column, and for each money (or int) column
   * in `sums` the exact sum (fen for money) as the stored value of a SUBTOTAL over the data.
   */
  addTotals(labels: Readonly<Record<number, string>>, sums: Readonly<Record<number, number>>): void {
    const r = this.next++;
    const row = this.sheet.getRow(r);
    const first = HEAD_ROWS + 1;
    this.dataRows = r - first;
    for (const [c, text] of Object.entries(labels)) row.getCell(Number(c) + 1).value = text;
    for (const [key, sum] of Object.entries(sums)) {
      const c = Number(key);
      const kind = this.columns[c].kind;
      const cell = row.getCell(c + 1);
      const result = kind === 'money' ? fenToYuanNumber(sum) : sum;
      if (kind === 'money') cell.style = MONEY as ExcelJS.Style;
      if (r === first) {
        cell.value = result; // no data rows: a SUBTOTAL would reach into the header
        continue;
      }
      const letter = this.sheet.getColumn(c + 1).letter;
      // 109: the sum of the rows the filter shows, as Excel's own table totals do.
      cell.value = { formula: `SUBTOTAL(109,${letter}${first}:${letter}${r - 1})`, result, date1904: false };
    }
    row.commit();
  }

  /**
   * Waits while more than `maxBytes` of written rows wait to be zipped. ExcelJS's sheet stream
   * passes rows to the zip without heeding its backpressure, so a writer faster than the zip
   * (a busy machine) would pile them up in memory; the caller waits here between pages.
   */
  async caughtUp(maxBytes = 4 * 1024 * 1024): Promise<void> {
    for (;;) {
      const backlog = zipBacklog(this.sheet);
      if (backlog === null || backlog <= maxBytes) return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Ends the sheet and the file. */
  async finish(): Promise<void> {
    if (this.done) return;
    this.done = true;
    const dataRows = this.dataRows ?? this.rows;
    if (dataRows > 0) {
      this.sheet.autoFilter = { from: { row: HEAD_ROWS, column: 1 }, to: { row: HEAD_ROWS + dataRows, column: this.columns.length } };
    }
    this.sheet.commit();
    await this.book.commit();
  }
}

/**
 * Bytes of the sheet's XML not yet taken by the zip: held in ExcelJS's buffers (before the zip
 * starts on the sheet) or queued in the zip's input. Null when ExcelJS is not built as expected
 * (a version change): the caller then goes on without waiting.
 */
function zipBacklog(sheet: ExcelJS.Worksheet): number | null {
  type Queue = { writableLength?: number; _writableState?: { length?: number }; _readableState?: { length?: number } };
  const stream = (sheet as unknown as { stream?: { buffers?: Array<{ length?: number }>; pipes?: Queue[] } }).stream;
  if (!stream || !Array.isArray(stream.buffers) || !Array.isArray(stream.pipes)) return null;
  let bytes = 0;
  for (const b of stream.buffers) bytes += typeof b.length === 'number' ? b.length : 0;
  // The zip's input is a PassThrough of the readable-stream package (v2): no writableLength.
  for (const p of stream.pipes) bytes += (p.writableLength ?? p._writableState?.length ?? 0) + (p._readableState?.length ?? 0);
  return bytes;
}

function putCell(cell: ExcelJS.Cell, v: CellValue, kind: CellKind, dates: DateSerials): void {
  if (v === null || v === undefined || v === '') return;
  switch (kind) {
    case 'text':
      cell.value = String(v);
      cell.style = TEXT as ExcelJS.Style;
      return;
    case 'int':
      cell.value = Number(v);
      cell.style = NUMBER as ExcelJS.Style;
      return;
    case 'money':
      cell.value = fenToYuanNumber(Number(v));
      cell.style = MONEY as ExcelJS.Style;
      return;
    case 'date': {
      const serial = typeof v === 'string' ? dates.of(v) : null;
      // A date the source system wrote wrongly stays as it came rather than being lost.
      if (serial === null) {
        cell.value = String(v);
        cell.style = TEXT as ExcelJS.Style;
      } else {
        cell.value = serial;
        cell.style = DATE as ExcelJS.Style;
      }
    }
  }
}

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export function safeSheetName(name: string, fallback = 'Sheet1'): string {
  const clean = name.replace(/[:\\/?*[\]]/g, '').trim().slice(0, 31);
  return clean || fallback;
}
