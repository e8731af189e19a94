/**
 * File bytes → a grid of raw cell values with the row number the user sees for each row.
 * .xlsx / .xls (and the HTML or XML tables some systems save as .xls) through SheetJS; CSV
 * (and tab-separated text) through csv-parse after detecting the encoding.
 */
import type * as XLSX from '@e965/xlsx';
import { parse as parseCsv } from 'csv-parse/sync';
import { AppError } from '../../rpc/app-error';
import { decodeText } from './decode-text';
import { cellTooLong, columnLetters, damagedFile, FILE_LIMITS, tooLarge } from './file-limits';
import { storedZip } from './stored-zip';
import { readZipEntries } from './zip-entries';

export type ImportFormat = 'xlsx' | 'xls' | 'csv';

export interface SheetGrid {
  format: ImportFormat;
  /**
   * Raw cell values (string, number, boolean or null), row by row, from the first non-empty row
   * of the sheet or file to its last; column 0 is column A of the sheet / the first CSV field.
   * Blank rows inside stay in, so that indices and row numbers line up.
   */
  rows: unknown[][];
  /** rows[i] is row rowNumbers[i] of the file: the 1-based Excel row, or the CSV line the record starts on. */
  rowNumbers: number[];
  /** A CSV file whose last line has no line break: if that line is also short, the file was cut off. */
  unterminated?: boolean;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46]; // %PDF
const ZIP_ONLY_EXTENSIONS = new Set(['xlsx', 'xlsm']);
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  if (bytes.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic[i]) return false;
  return true;
}

const damaged = (fileName: string, detail = 'not a zip'): AppError =>
  new AppError('UNREADABLE_FILE', `无法读取“${fileName}”：文件可能已损坏，或不是 Excel 文件。请在 Excel 中打开确认后另存再导入。`, `cannot read workbook ${fileName}: ${detail}`);

const unsupported = (fileName: string, why: string): AppError =>
  new AppError('UNSUPPORTED_FILE', `无法导入“${fileName}”：${why}。请从核心系统导出 Excel（.xlsx、.xls）或 CSV 文件。`, `unsupported import file ${fileName}: ${why}`);

/** Extensions under which a spreadsheet or a text table may arrive (exports are often misnamed). */
const TABLE_EXTENSIONS = new Set(['xlsx', 'xlsm', 'xls', 'et', 'csv', 'txt', 'tsv', '']);

function extensionOf(fileName: string): string {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

/**
 * Reads the first non-empty visible sheet of a workbook, or a CSV file. The content decides the
 * format (zip = .xlsx, OLE compound file = .xls, else text = CSV); the extension only decides
 * whether a file that cannot be read is called damaged or not a spreadsheet at all, and keeps
 * other text files (.html, .json, …) out. Throws AppError for anything else.
 */
export async function readGrid(bytes: Uint8Array, fileName: string): Promise<SheetGrid> {
  return gridOf(fileKind(bytes, fileName), bytes, fileName);
}

/** What a file is, by its content (its name only decides what an unreadable one is called). */
export type FileKind =
  | { kind: 'xlsx' | 'xls'; tableExtension: boolean }
  /** An HTML table or Excel 2003 XML under a spreadsheet's name. */
  | { kind: 'html'; text: string; tableExtension: boolean }
  | { kind: 'csv'; text: string };

/** Refuses what is no table (empty, too large, a PDF, a damaged .xlsx, …); text is decoded here. */
export function fileKind(bytes: Uint8Array, fileName: string): FileKind {
  if (bytes.length === 0) throw unsupported(fileName, '文件是空的');
  if (bytes.length > FILE_LIMITS.fileBytes) throw tooLarge(fileName, `文件有 ${Math.round(bytes.length / 1024 / 1024)} MB，超过 256 MB`, `${bytes.length} bytes`);
  const tableExtension = TABLE_EXTENSIONS.has(extensionOf(fileName));
  if (startsWith(bytes, ZIP_MAGIC)) return { kind: 'xlsx', tableExtension };
  if (startsWith(bytes, OLE_MAGIC)) return { kind: 'xls', tableExtension };
  if (!tableExtension || looksBinary(bytes) || startsWith(bytes, PDF_MAGIC)) throw unsupported(fileName, '不是 Excel 或 CSV 文件');
  // An .xlsx is always a zip: anything else under that name is damaged or something else renamed.
  if (ZIP_ONLY_EXTENSIONS.has(extensionOf(fileName))) throw damaged(fileName);
  const { text } = decodeText(bytes, fileName);
  // Some core systems save an HTML table or Excel 2003 XML under a .xls name; Excel opens both.
  if (/^\s*<(?:!doctype\s+html|html|table|\?xml|meta|head|body)\b/i.test(text.slice(0, 512))) return { kind: 'html', text, tableExtension };
  return { kind: 'csv', text };
}

let sheetjs: typeof XLSX | null = null;
/** SheetJS is loaded when a file needs it: a worker reading an .xlsx or CSV as a stream starts without it. */
async function sheetJs(): Promise<typeof XLSX> {
  sheetjs ??= await import('@e965/xlsx');
  return sheetjs;
}

/** The whole grid of a file of that kind. */
export async function gridOf(kind: FileKind, bytes: Uint8Array, fileName: string): Promise<SheetGrid> {
  if (kind.kind !== 'csv') await sheetJs();
  switch (kind.kind) {
    case 'xlsx':
      // Checked entry by entry (CRC, sizes) and handed to SheetJS unpacked: see zip-entries.ts.
      return readWorkbook(storedZip(checkedZipEntries(bytes, fileName, kind.tableExtension)), fileName, 'xlsx', kind.tableExtension);
    case 'xls':
      await loadCodepages();
      return readWorkbook(bytes, fileName, 'xls', kind.tableExtension);
    case 'html':
      // Their cells are text: read as written (raw), or an 18-digit ID would become a number and lose digits.
      return readWorkbook(kind.text, fileName, 'xls', kind.tableExtension, { raw: true });
    case 'csv':
      return readCsv(kind.text, fileName);
  }
}

/** A zip that cannot be read, as readGrid names it: under a name no spreadsheet has (报告.docx) it is the wrong file rather than a damaged export. */
export function zipFailure(err: unknown, fileName: string, tableExtension: boolean): unknown {
  if (!tableExtension && err instanceof AppError && err.code === 'UNREADABLE_FILE') return unsupported(fileName, '不是 Excel 或 CSV 文件');
  return err;
}

function checkedZipEntries(bytes: Uint8Array, fileName: string, tableExtension: boolean) {
  try {
    return readZipEntries(bytes, fileName);
  } catch (err) {
    throw zipFailure(err, fileName, tableExtension);
  }
}

/** NUL bytes do not occur in text (UTF-16 files carry a BOM and are checked by decodeText). */
function looksBinary(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return false;
  const end = Math.min(bytes.length, 8192);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

let codepagesLoaded = false;
/** Pre-97 .xls files (BIFF5) store text in the PC's code page (936 = GBK in China); SheetJS needs the tables for that. */
async function loadCodepages(): Promise<void> {
  if (codepagesLoaded) return;
  const cptable = await import('@e965/xlsx/dist/cpexcel.full.mjs');
  (await sheetJs()).set_cptable(cptable);
  codepagesLoaded = true;
}

// --- workbooks ------------------------------------------------------------------------------------

const READ_OPTIONS: XLSX.ParsingOptions = {
  dense: true,
  cellDates: false,
  cellFormula: false,
  cellHTML: false,
  cellText: false,
  cellNF: false,
  cellStyles: false,
};

/**
 * SheetJS prints notes such as `Missing Info for XLS Record 0x3900` to the console while it reads
 * an odd .xls: nothing a user or maintainer can act on, and not in our log's one-line form.
 */
function withoutSheetJsNotes<T>(read: () => T): T {
  const printError = console.error;
  console.error = () => {};
  try {
    return read();
  } finally {
    console.error = printError;
  }
}

/** SheetJS error cells hold the BIFF error code; the user knows them by Excel's names. */
const ERROR_NAMES: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

function readWorkbook(data: Uint8Array | string, fileName: string, format: 'xlsx' | 'xls', tableExtension: boolean, options: XLSX.ParsingOptions = {}): SheetGrid {
  const read = (extra: XLSX.ParsingOptions = {}): XLSX.WorkBook =>
    withoutSheetJsNotes(() =>
      typeof data === 'string'
        ? sheetjs!.read(data, { ...READ_OPTIONS, ...options, ...extra, type: 'string' })
        : sheetjs!.read(Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength), { ...READ_OPTIONS, ...options, ...extra, type: 'buffer' }),
    );
  let wb: XLSX.WorkBook;
  try {
    wb = read();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (/password|encrypt/i.test(message)) {
      throw new AppError('UNSUPPORTED_FILE', `“${fileName}”设有打开密码，无法读取。请在 Excel 中取消密码、另存后再导入。`, `encrypted workbook ${fileName}: ${message}`);
    }
    if (!tableExtension) throw unsupported(fileName, '不是 Excel 或 CSV 文件');
    throw damaged(fileName, message);
  }
  // Workbooks in the 1904 date system (old Mac Excel) count dates from 1904-01-01, 1462 days
  // after the 1900 system's start. Such (rare) files are read again with number formats, so that
  // their date cells can be moved onto the 1900 count that the rest of the import speaks.
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  if (date1904) wb = read({ cellNF: true });
  const ws = pickSheet(wb);
  if (!ws) return { format, rows: [], rowNumbers: [] };
  const valueOf = date1904 ? cellValueOf1904 : cellValueOf;
  const data2d = ws['!data'] ?? [];
  checkSheetBounds(data2d, fileName);
  fillVerticalMerges(data2d, ws['!merges'], fileName);

  const rows: unknown[][] = [];
  const rowNumbers: number[] = [];
  const widths: number[] = [];
  let first = -1;
  let last = -1;
  let cells = 0;
  for (let r = 0; r < data2d.length; r++) {
    const width = usedWidth(data2d[r]);
    widths.push(width);
    if (width > 0) {
      if (first < 0) first = r;
      last = r;
    }
  }
  for (let r = first; r >= 0 && r <= last; r++) cells += widths[r];
  if (cells > FILE_LIMITS.gridCells) {
    const widest = widths.indexOf(Math.max(...widths.slice(first, last + 1)), first);
    throw tooLarge(
      fileName,
      `工作表有 ${last - first + 1} 行，最宽的第 ${widest + 1} 行到 ${columnLetters(widths[widest] - 1)} 列，单元格超过 ${FILE_LIMITS.gridCells / 10_000} 万个。若表格右侧或下方有多余的内容，请在 Excel 中删除后再导入`,
      `${cells} cells in rows ${first + 1}..${last + 1}`,
    );
  }
  for (let r = first; r >= 0 && r <= last; r++) {
    const src = data2d[r];
    const width = widths[r];
    const values: unknown[] = new Array(width);
    for (let col = 0; col < width; col++) {
      const v = valueOf(src[col]);
      if (typeof v === 'string' && v.length > FILE_LIMITS.cellChars) throw cellTooLong(fileName, r + 1, col, v.length);
      values[col] = v;
    }
    rows.push(values);
    rowNumbers.push(r + 1);
    // SheetJS's cells for this row are no longer needed: a county-size sheet fits in less memory.
    data2d[r] = undefined as unknown as XLSX.CellObject[];
  }
  return { format, rows, rowNumbers };
}


/**
 * No row past Excel's last (1,048,576), no cell past its last column (XFD): SheetJS keeps such a
 * cell (ZZZZZZ1083) in a sparse array, but every loop over the row would run to its length.
 */
function checkSheetBounds(data: XLSX.CellObject[][], fileName: string): void {
  if (data.length > FILE_LIMITS.rows) throw tooLarge(fileName, `工作表中有第 ${data.length} 行的内容，超出 Excel 的最后一行（${FILE_LIMITS.rows}）`, `row ${data.length}`);
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    if (row && row.length > FILE_LIMITS.columns) {
      throw tooLarge(fileName, `第 ${r + 1} 行有超出 Excel 最后一列（XFD）的单元格`, `row ${r + 1} reaches column index ${row.length - 1}`);
    }
  }
}

/** The row up to its last cell with a value (0 when it has none). */
function usedWidth(row: XLSX.CellObject[] | undefined): number {
  if (!row) return 0;
  for (let c = row.length - 1; c >= 0; c--) {
    const v = cellValueOf(row[c]);
    if (v !== null && v !== '') return c + 1;
  }
  return 0;
}

function pickSheet(wb: XLSX.WorkBook): XLSX.WorkSheet | null {
  const meta = wb.Workbook?.Sheets;
  let fallback: XLSX.WorkSheet | null = null;
  for (let i = 0; i < wb.SheetNames.length; i++) {
    const ws = wb.Sheets[wb.SheetNames[i]];
    if (!ws) continue;
    fallback ??= ws;
    if (meta?.[i]?.Hidden) continue;
    if (hasValue(ws['!data'] ?? [])) return ws;
  }
  return fallback;
}

/** Any cell with a value; walks only the cells there are (a row may be sparse, see checkSheetBounds). */
function hasValue(data: XLSX.CellObject[][]): boolean {
  return data.some((row) => row?.some((cell) => {
    const v = cellValueOf(cell);
    return v !== null && v !== '';
  }));
}

function cellValueOf(cell: XLSX.CellObject | undefined): unknown {
  if (!cell) return null;
  switch (cell.t) {
    case 's':
    case 'n':
    case 'b':
    case 'd':
      return cell.v ?? null;
    case 'e':
      return cell.w ?? ERROR_NAMES[cell.v as number] ?? '#ERROR';
    default:
      return null;
  }
}

const DAYS_1900_TO_1904 = 1462;

function cellValueOf1904(cell: XLSX.CellObject | undefined): unknown {
  const value = cellValueOf(cell);
  return cell?.t === 'n' && typeof value === 'number' && cell.z !== undefined && sheetjs!.SSF.is_date(cell.z) ? value + DAYS_1900_TO_1904 : value;
}

/**
 * A cell merged down over several rows (a borrower's name over their two loans) counts for each
 * of those rows. Merges within one row (titles) are left alone.
 */
function fillVerticalMerges(data: XLSX.CellObject[][], merges: XLSX.Range[] | undefined, fileName: string): void {
  // A merge reaches no further than the sheet's cells do: a crafted A1:XFD1048576 fills nothing new.
  let lastRow = data.length - 1;
  while (lastRow >= 0 && !data[lastRow]) lastRow--;
  let lastCol = -1;
  for (const row of data) if (row && row.length - 1 > lastCol) lastCol = row.length - 1;
  let filled = 0;
  for (const m of merges ?? []) {
    if (m.e.r <= m.s.r) continue;
    const top = data[m.s.r]?.[m.s.c];
    if (!top) continue;
    const endRow = Math.min(m.e.r, lastRow);
    const endCol = Math.min(m.e.c, lastCol);
    filled += Math.max(0, endRow - m.s.r + 1) * Math.max(0, endCol - m.s.c + 1);
    if (filled > FILE_LIMITS.gridCells) throw tooLarge(fileName, '工作表中合并的单元格范围过大', `merged cells over ${FILE_LIMITS.gridCells}`);
    for (let r = m.s.r; r <= endRow; r++) {
      const row = (data[r] ??= []);
      for (let c = m.s.c; c <= endCol; c++) if (r !== m.s.r || c !== m.s.c) row[c] = top;
    }
  }
}

// --- CSV ------------------------------------------------------------------------------------------

const DELIMITERS = [',', '\t', ';', '|'] as const;

/** The delimiter that occurs most often in the first lines (title lines have none); ',' by default. */
export function detectDelimiter(text: string): string {
  const head = text.slice(0, 65536);
  let best: string = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    let count = 0;
    for (let i = head.indexOf(d); i >= 0; i = head.indexOf(d, i + 1)) count++;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

/**
 * No line longer than FILE_LIMITS.lineChars, no more lines than Excel has rows: checked before
 * csv-parse reads any. A line ends at CRLF, LF or a lone CR, as csv-parse is told below.
 */
export function checkLines(text: string, fileName: string): number {
  let line = 1;
  let start = 0;
  const check = (end: number) => {
    if (end - start > FILE_LIMITS.lineChars) {
      throw tooLarge(fileName, `第 ${line} 行有 ${end - start} 个字符，超过 ${FILE_LIMITS.lineChars} 个`, `line ${line} has ${end - start} chars`);
    }
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x0a && c !== 0x0d) continue;
    check(i);
    if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
    start = i + 1;
    // (The line after the last line break is empty: a file of 1,048,576 whole lines passes.)
    if (++line > FILE_LIMITS.rows + 1) throw tooLarge(fileName, `文件超过 ${FILE_LIMITS.rows} 行`, `more than ${FILE_LIMITS.rows} lines`);
  }
  check(text.length);
  return line;
}

/** csv-parse's options for a file with this delimiter (both readers). */
export function csvOptions(delimiter: string) {
  return {
    delimiter,
    // Every line ending, each line on its own: a file whose header ends in CRLF and whose rows in
    // LF (or the reverse) must not be guessed from the first line and read as one endless row.
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    max_record_size: FILE_LIMITS.lineChars,
  };
}

/** A record over the bounds (csv-parse's on_record), as both readers refuse it. */
export function checkCsvRecord(record: string[], line: number, cellsSoFar: number, fileName: string): void {
  if (record.length > FILE_LIMITS.columns) {
    throw tooLarge(fileName, `第 ${line} 行有 ${record.length} 列，超过 Excel 的 ${FILE_LIMITS.columns} 列`, `line ${line} has ${record.length} fields`);
  }
  if (cellsSoFar + record.length > FILE_LIMITS.gridCells) throw tooLarge(fileName, `单元格超过 ${FILE_LIMITS.gridCells / 10_000} 万个`, `more than ${FILE_LIMITS.gridCells} cells`);
  for (let col = 0; col < record.length; col++) if (record[col].length > FILE_LIMITS.cellChars) throw cellTooLong(fileName, line, col, record[col].length);
}

/** What csv-parse threw, as the error the user sees. */
export function csvFailure(err: unknown, fileName: string): AppError {
  if (err instanceof AppError) return err;
  const e = err as { message?: string; lines?: number; code?: string };
  if (e.code === 'CSV_MAX_RECORD_SIZE') return tooLarge(fileName, `第 ${e.lines ?? '?'} 行附近的一条记录超过 ${FILE_LIMITS.lineChars} 个字符`, e.message ?? '');
  // A quote opened and never closed: the file ends inside a field.
  if (e.code === 'CSV_QUOTE_NOT_CLOSED') return damagedFile(fileName, `文件在第 ${e.lines ?? '?'} 行附近的一个带引号的字段中结束（可能被截断）`, e.message ?? '');
  const where = e.lines ? `（第 ${e.lines} 行附近）` : '';
  return new AppError('UNREADABLE_FILE', `无法读取“${fileName}”：CSV 格式有误${where}。请在 Excel 中打开确认后另存再导入。`, `cannot parse CSV ${fileName}: ${e.message ?? String(err)}`);
}

function readCsv(text: string, fileName: string): SheetGrid {
  checkLines(text, fileName);
  const rows: unknown[][] = [];
  const rowNumbers: number[] = [];
  // csv-parse's own line count goes wrong after a quoted field holding CRLF, so lines are counted
  // here: the line breaks before the byte offset where each record starts (context.bytes is the
  // UTF-8 offset just past the previous record).
  const bytes = Buffer.from(text, 'utf8');
  let scanned = 0;
  let line = 1;
  let recordStart = 0;
  let cells = 0;
  try {
    parseCsv(bytes, {
      ...csvOptions(detectDelimiter(text)),
      on_record: (record: string[], context: { bytes: number }) => {
        // CRLF, LF or a lone CR each end a line.
        for (; scanned < recordStart; scanned++) if (bytes[scanned] === 0x0a || (bytes[scanned] === 0x0d && bytes[scanned + 1] !== 0x0a)) line++;
        checkCsvRecord(record, line, cells, fileName);
        cells += record.length;
        rows.push(record);
        rowNumbers.push(line);
        recordStart = context.bytes;
        return null;
      },
    });
  } catch (err) {
    throw csvFailure(err, fileName);
  }
  // Leading blank lines do not count as the start of the table.
  let first = 0;
  while (first < rows.length && rows[first].every((c) => c === '' || (typeof c === 'string' && c.trim() === ''))) first++;
  const unterminated = text.length > 0 && !/[\r\n]$/.test(text);
  return { format: 'csv', rows: first ? rows.slice(first) : rows, rowNumbers: first ? rowNumbers.slice(first) : rowNumbers, unterminated };
}
