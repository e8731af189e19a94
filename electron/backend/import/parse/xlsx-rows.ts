/**
 * An .xlsx read as a stream: the zip checked entry by entry as read-grid.ts checks it (sizes,
 * CRC-32, zip bombs: zip-entries.ts), then the shared strings and the sheet unzipped again chunk
 * by chunk and scanned (xml-scan.ts), rows handed over as they are read. Same rows and values as
 * the whole-grid reader (SheetJS) gives for the same file, and the same limits and errors: the
 * sheet is the first visible one with a value, rows run from its first non-empty row to its last,
 * a bound passed anywhere in it refuses the file (so a sheet in error is read to its end first, to
 * report what the whole-grid reader reports). Files laid out otherwise are left to that reader.
 */
import { StringDecoder } from 'node:string_decoder';
import { AppError } from '../../rpc/app-error';
import { cellTooLong, columnLetters, FILE_LIMITS, tooLarge } from './file-limits';
import type { RowBatch, RowSource } from './row-source';
import { ROW_BATCH } from './row-source';
import { NotStreamable, SheetCells, type RowSink } from './sheet-cells';

export { NotStreamable };
import { XmlScanner } from './xml-scan';
import { SharedStrings } from './shared-strings';
import { SheetTail, SMALL_PARTS, workbookParts, type SheetPart } from './xlsx-parts';
import { checkZipEntries, entryChunks, type CheckedEntry } from './zip-entries';

const SHEET_PATH = /^xl\/worksheets\/[^/]+\.xml$/;
/** Columns no loan export reaches (core exports have some 30). */
const WIDE_ROW = 1024;

/** The streaming source, or null when the workbook is to be read whole (see xlsx-parts.ts). Throws for a damaged zip. */
export async function openXlsxRows(bytes: Uint8Array, fileName: string): Promise<RowSource | null> {
  const tails = new Map<string, SheetTail>();
  const { entries, kept } = await checkZipEntries(
    bytes,
    fileName,
    (name) => SMALL_PARTS.has(name),
    (name) => {
      if (!SHEET_PATH.test(name)) return null;
      const tail = new SheetTail();
      tails.set(name, tail);
      return tail.watch;
    },
  );
  const parts = workbookParts(kept, new Set(entries.keys()));
  if (!parts || parts.sheets.some((s) => tails.get(s.path)?.hasVerticalMerge() !== false)) return null;
  let strings: (string | undefined)[] = [];
  if (parts.sharedStrings !== null) {
    try {
      strings = await readSharedStrings(bytes, entries.get(parts.sharedStrings)!);
    } catch (err) {
      if (err instanceof NotStreamable) return null;
      throw err;
    }
  }
  return new XlsxRows(bytes, fileName, parts.sheets, entries, strings);
}

async function readSharedStrings(bytes: Uint8Array, entry: CheckedEntry): Promise<(string | undefined)[]> {
  const table = new SharedStrings();
  const scanner = new XmlScanner(table);
  const decoder = new StringDecoder('utf8');
  for await (const chunk of entryChunks(bytes, entry)) scanner.write(decoder.write(chunk));
  scanner.write(decoder.end());
  scanner.end();
  return table.strings;
}

type Bound =
  | { kind: 'rows' }
  | { kind: 'columns'; row: number; lastCol: number }
  | { kind: 'cells' }
  | { kind: 'cellChars'; row: number; col: number; length: number };

/** Reads the candidate sheets in turn; a sheet's rows are handed over once it shows a value. */
class XlsxRows implements RowSource, RowSink {
  readonly format = 'xlsx' as const;
  private readonly candidates: SheetPart[];
  private sheetAt = -1;
  private chunks: AsyncGenerator<Buffer> | null = null;
  private scanner: XmlScanner | null = null;
  private cellsOf: SheetCells | null = null;
  private decoder = new StringDecoder('utf8');
  private entry: CheckedEntry | null = null;
  private bytesRead = 0;
  private done = false;

  // The current sheet.
  private first = -1;
  private last = -1;
  private cells = 0;
  private widest = -1;
  private widestWidth = 0;
  private maxRow = -1;
  private bound: Bound | null = null;
  private lastEmitted = -1;
  private held: Array<{ index: number; cells: unknown[]; width: number }> = [];
  /** The first sheet's bound, when it has no value: read-grid.ts checks the sheet it falls back to. */
  private fallbackError: AppError | null = null;
  private out: RowBatch = { rows: [], rowNumbers: [] };

  constructor(
    private readonly bytes: Uint8Array,
    private readonly fileName: string,
    private readonly sheets: SheetPart[],
    private readonly entries: Map<string, CheckedEntry>,
    private readonly strings: readonly (string | undefined)[],
  ) {
    // As read-grid.ts's pickSheet: the first visible sheet with a value, else the first sheet.
    this.candidates = sheets.filter((s) => !s.hidden);
    if (sheets[0].hidden) this.candidates.push(sheets[0]);
  }

  expectedRows(): number {
    if (this.first < 0) return 0;
    const dimension = this.cellsOf?.dimensionLastRow ?? -1;
    if (dimension >= this.last) return dimension - this.first + 1;
    const size = this.entry?.size ?? 0;
    const read = this.last - this.first + 1;
    return this.bytesRead > 0 && size > this.bytesRead ? Math.round((read * size) / this.bytesRead) : read;
  }

  unterminated(): boolean {
    return false;
  }

  async next(): Promise<RowBatch | null> {
    while (!this.done && this.out.rows.length < ROW_BATCH) await this.step();
    if (this.out.rows.length === 0) return null;
    const batch = this.out;
    this.out = { rows: [], rowNumbers: [] };
    return batch;
  }

  /** Reads one chunk of the current sheet, or moves on to the next sheet. */
  private async step(): Promise<void> {
    if (!this.chunks) {
      if (++this.sheetAt >= this.candidates.length) {
        this.done = true;
        if (this.fallbackError) throw this.fallbackError;
        return;
      }
      this.openSheet(this.candidates[this.sheetAt]);
      return;
    }
    const { value, done } = await this.chunks.next();
    if (!done) {
      this.bytesRead += value.length;
      this.scanner!.write(this.decoder.write(value));
      return;
    }
    this.scanner!.write(this.decoder.end());
    this.scanner!.end();
    this.cellsOf!.finish();
    this.chunks = null;
    if (this.first < 0) {
      // No value: not this sheet.
      if (this.candidates[this.sheetAt] === this.sheets[0] && this.bound) this.fallbackError = this.boundError(this.bound);
      return;
    }
    this.done = true;
    for (const { index, cells, width } of this.held) if (!this.bound) this.emit(index, cells, width);
    this.held = [];
    if (this.bound) throw this.boundError(this.bound);
  }

  private openSheet(sheet: SheetPart): void {
    this.entry = this.entries.get(sheet.path)!;
    this.chunks = entryChunks(this.bytes, this.entry);
    this.cellsOf = new SheetCells(this.strings, this);
    this.scanner = new XmlScanner(this.cellsOf);
    this.decoder = new StringDecoder('utf8');
    this.bytesRead = 0;
    this.first = this.last = this.maxRow = this.widest = -1;
    this.cells = this.widestWidth = 0;
    this.bound = null;
    this.held = [];
    this.lastEmitted = -1;
  }

  /** A row of the sheet with its stored cells (RowSink). */
  row(index: number, cells: unknown[], _stored: number): void {
    if (index > this.maxRow) this.maxRow = index;
    if (index + 1 > FILE_LIMITS.rows) this.bound = { kind: 'rows' };
    else if (cells.length > FILE_LIMITS.columns && (!this.bound || this.bound.kind === 'cells' || this.bound.kind === 'cellChars')) {
      this.bound = { kind: 'columns', row: index, lastCol: cells.length - 1 };
    }
    let width = cells.length;
    while (width > 0) {
      const v = cells[width - 1];
      if (v !== undefined && v !== null && v !== '') break;
      width--;
    }
    if (width === 0) return;
    if (this.first < 0) this.first = index;
    this.last = index;
    this.cells += width;
    if (width > this.widestWidth) {
      this.widestWidth = width;
      this.widest = index;
    }
    if (this.cells > FILE_LIMITS.gridCells && (!this.bound || this.bound.kind === 'cellChars')) this.bound = { kind: 'cells' };
    // A sheet in error is read to its end (what is wrong is reported as the whole-grid reader would), its rows no longer handed over.
    if (this.bound) return;
    // A row wider than any export (a stray value far to the right) may be one of many that pass the
    // cell bound: from there on rows are held, as stored, until the sheet's end shows they do not.
    if (width > WIDE_ROW || this.held.length > 0) this.held.push({ index, cells, width });
    else this.emit(index, cells, width);
  }

  private emit(index: number, cells: unknown[], width: number): void {
    // The row's own array (its cells in column order) becomes the grid row: no cell is absent from it.
    const values = cells;
    if (values.length > width) values.length = width;
    for (let c = 0; c < width; c++) {
      const v = values[c];
      if (v === undefined) values[c] = null;
      else if (typeof v === 'string' && v.length > FILE_LIMITS.cellChars) {
        this.bound = { kind: 'cellChars', row: index, col: c, length: v.length };
        return;
      }
    }
    const { rows, rowNumbers } = this.out;
    if (this.lastEmitted >= 0) {
      for (let blank = this.lastEmitted + 1; blank < index; blank++) {
        rows.push([]);
        rowNumbers.push(blank + 1);
      }
    }
    rows.push(values);
    rowNumbers.push(index + 1);
    this.lastEmitted = index;
  }

  private boundError(bound: Bound): AppError {
    const fileName = this.fileName;
    switch (bound.kind) {
      case 'rows':
        return tooLarge(fileName, `工作表中有第 ${this.maxRow + 1} 行的内容，超出 Excel 的最后一行（${FILE_LIMITS.rows}）`, `row ${this.maxRow + 1}`);
      case 'columns':
        return tooLarge(fileName, `第 ${bound.row + 1} 行有超出 Excel 最后一列（XFD）的单元格`, `row ${bound.row + 1} reaches column index ${bound.lastCol}`);
      case 'cells':
        return tooLarge(
          fileName,
          `工作表有 ${this.last - this.first + 1} 行，最宽的第 ${this.widest + 1} 行到 ${columnLetters(this.widestWidth - 1)} 列，单元格超过 ${FILE_LIMITS.gridCells / 10_000} 万个。若表格右侧或下方有多余的内容，请在 Excel 中删除后再导入`,
          `${this.cells} cells in rows ${this.first + 1}..${this.last + 1}`,
        );
      case 'cellChars':
        return cellTooLong(fileName, bound.row + 1, bound.col, bound.length);
    }
  }
}
