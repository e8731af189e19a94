/**
 * Bounds on what an import file may hold, checked before and while it is read, so that a damaged
 * or crafted file is refused with a clear message instead of exhausting memory or time. They sit
 * far above any real core export: a county's is about 200,000 rows of some 30 columns, a 75 MB
 * .xlsx that unzips to about 230 MB.
 */
import { AppError } from '../../rpc/app-error';

export const FILE_LIMITS = {
  /** The file as uploaded. */
  fileBytes: 256 * 1024 * 1024,
  /** Entries in an .xlsx (a workbook has a dozen or so). */
  zipEntries: 10_000,
  /** Everything in an .xlsx unzipped. */
  unzippedBytes: 768 * 1024 * 1024,
  /** An entry may unzip to at most this many times its packed size (XML packs 3–30×, zip bombs 1000×)… */
  zipRatio: 200,
  /** …unless it is this small. */
  zipRatioFreeBytes: 1024 * 1024,
  /** Excel's last row and column (XFD). */
  rows: 1_048_576,
  columns: 16_384,
  /** Cells of the grid (rows × the width each row is read to). */
  gridCells: 20_000_000,
  /** Excel's limit on the text of one cell. */
  cellChars: 32_767,
  /** One line of a CSV file. */
  lineChars: 1024 * 1024,
} as const;

/** Excel's column letters for a 0-based index: 0 → A, 16383 → XFD. */
export function columnLetters(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The file exceeds a bound: `what` says which, in Chinese, for the user. */
export function tooLarge(fileName: string, what: string, detail: string): AppError {
  return new AppError('FILE_TOO_LARGE', `无法导入“${fileName}”：${what}。文件过大或已损坏，请检查导出的文件。`, `import file ${fileName} exceeds a bound: ${detail}`);
}

/** The file is damaged or incomplete: `what` says how, in Chinese. */
export function damagedFile(fileName: string, what: string, detail: string): AppError {
  return new AppError('UNREADABLE_FILE', `无法读取“${fileName}”：${what}。请重新从核心系统导出后再导入。`, `damaged import file ${fileName}: ${detail}`);
}

/** A cell's text longer than Excel allows. `row`: as the user sees it; `col`: 0-based. */
export function cellTooLong(fileName: string, row: number, col: number, length: number): AppError {
  return tooLarge(fileName, `第 ${row} 行 ${columnLetters(col)} 列的文字有 ${length} 个字符，超过 Excel 单元格的上限 ${FILE_LIMITS.cellChars}`, `cell ${columnLetters(col)}${row} has ${length} chars`);
}
