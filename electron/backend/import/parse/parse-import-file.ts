/**
 * Reads a core-system export (.xlsx, .xls or CSV) into a ParsedFile: accepted loans, rejected
 * rows with reasons, warnings. Pure: touches no database. The rows come a batch at a time
 * (open-rows.ts: .xlsx and CSV streamed), so only the first rows (for the layout) are kept.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../rpc/app-error';
import type { ColumnMapping, Layout, ParsedFile, ParsedLoanRow, RejectedRow, RowWarning } from '../parsed-file';
import { cellText } from './cell-values';
import { detectLayout, findAsOfDate, HEADER_SCAN_ROWS, headerSignature, isUsableMapping, type MappingProfileLike } from './detect-layout';
import { createRowParser } from './parse-row';
import { openGridRows, openRows } from './open-rows';
import type { ImportFormat } from './read-grid';
import type { RowBatch, RowSource } from './row-source';
import { NotStreamable } from './sheet-cells';
import { createRowClassifier, type RowClassifier } from './row-kinds';
import { checkTotals, isGrandTotal, readTotalsRow, type TotalsRow } from './totals-check';
import { damagedFile } from './file-limits';
import { parseYuanToFen } from '../../../shared/money';

export type ParseOutcome =
  | { kind: 'parsed'; file: ParsedFile }
  | {
      kind: 'needs-mapping';
      fileName: string;
      sha256: string;
      format: ImportFormat;
      /** Signature of the likeliest header row, null when nothing looks like a header. */
      headerSignature: string | null;
      /** The first rows of the grid as display strings; index i is the headerIndex to pass back. */
      sampleRows: string[][];
      /** Likeliest header row (index into sampleRows), to preselect; null when none. */
      suggestedHeaderIndex: number | null;
      /** Columns recognised in that row, to prefill the mapping dialog. */
      suggestedMapping: ColumnMapping;
    };

export interface ParseOptions {
  /** Header row (index into the grid, as in sampleRows) and mapping chosen by the user. */
  layout?: { headerIndex: number; mapping: ColumnMapping };
  /** Mappings the user saved for earlier files, by header signature. */
  profiles?: readonly MappingProfileLike[];
  onProgress?: (done: number, total: number) => void;
  /** Stops the parse between batches of rows, rejecting with the signal's reason (CANCELLED). */
  signal?: AbortSignal;
  /** Balances and amounts above this reject their row (the branch's setting; parse-row.ts has the default). */
  maxLoanFen?: number;
  /**
   * Accepted loans in file order, a batch (at most PROGRESS_EVERY rows' worth; with loansInBatchesOnly
   * the first is FIRST_BATCH rows' worth) at a time while the file is read, on the caller's thread,
   * so that they can be staged while parsing goes on. The
   * batches together are exactly the final ParsedFile's loans; if the parse then fails (a totals
   * mismatch, a damaged file found late, cancel) the promise rejects and the batches count for nothing.
   * A promise returned holds the parse until it settles: a caller that writes each batch keeps
   * the reading from running ahead of the writing (in a worker: batches-ahead.ts).
   */
  onLoans?: (batch: ParsedLoanRow[]) => void | Promise<void>;
  /**
   * With onLoans: the outcome's file.loans is left empty, for a caller that keeps the batches
   * itself (staged in the database): a county's loans are then held once, not twice (about
   * 100 MB for 100,000 loans).
   */
  loansInBatchesOnly?: boolean;
  /**
   * Once the layout is known, before the first batch of loans: the file's own as-of date (its meta
   * row) and its layout, so that a caller can choose how to take the batches (import-stage.ts stages
   * them only when the plan will compare them in SQLite, and compares them as they come: compare-ahead.ts).
   */
  onHead?: (head: { asOf: string | null; layout: Layout }) => void;
}

/** Progress is reported, loans handed over, and the event loop let through, every this many data rows. */
const PROGRESS_EVERY = 5000;
/**
 * With loansInBatchesOnly, the first batch is handed over after this many data rows: its caller
 * (a first import, written while read) starts writing half a second sooner on a branch's file.
 */
const FIRST_BATCH = 1000;

export async function parseImportFile(bytes: Uint8Array, fileName: string, opts: ParseOptions = {}): Promise<ParseOutcome> {
  return parseRows(bytes, fileName, opts, openRows);
}

/** The same parse through the whole-grid reader (SheetJS for every workbook): the old reader, kept to compare with. */
export async function parseImportFileWhole(bytes: Uint8Array, fileName: string, opts: ParseOptions = {}): Promise<ParseOutcome> {
  return parseRows(bytes, fileName, opts, openGridRows);
}

type OpenRows = (bytes: Uint8Array, fileName: string) => Promise<RowSource>;

async function parseRows(bytes: Uint8Array, fileName: string, opts: ParseOptions, open: OpenRows): Promise<ParseOutcome> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let handedOver = false;
  const counted: ParseOptions = opts.onLoans ? { ...opts, onLoans: (batch) => ((handedOver = true), opts.onLoans!(batch)) } : opts;
  try {
    return await parseSource(await open(bytes, fileName), fileName, sha256, counted);
  } catch (err) {
    if (!(err instanceof NotStreamable)) throw err;
    // A sheet the streaming reader cannot follow (rows out of order, a shared string missing): read whole, as before.
    if (!handedOver) return parseSource(await openGridRows(bytes, fileName), fileName, sha256, opts);
    throw damagedFile(fileName, '工作表的结构有误（行的顺序错乱或缺少共享字符串）', err.message);
  }
}

async function parseSource(source: RowSource, fileName: string, sha256: string, opts: ParseOptions): Promise<ParseOutcome> {
  opts.signal?.throwIfAborted();
  const rows = new RowReader(source);
  // The file's own errors come first, as when it was read whole before anything else.
  const fail = async (err: unknown): Promise<never> => {
    await rows.drain();
    throw err;
  };
  const chosen = opts.layout;
  const wanted = chosen && Number.isInteger(chosen.headerIndex) && chosen.headerIndex >= 0 ? Math.max(HEADER_SCAN_ROWS, chosen.headerIndex + 1) : HEADER_SCAN_ROWS;
  const head = await rows.head(wanted);
  if (head.rows.length === 0) {
    return fail(new AppError('EMPTY_FILE', `“${fileName}”中没有数据（工作表是空的）。请检查导出的文件。`, `no rows in ${fileName}`));
  }

  let layout: Layout;
  if (chosen) {
    const { headerIndex, mapping } = chosen;
    if (!Number.isInteger(headerIndex) || headerIndex < 0 || headerIndex >= head.rows.length) {
      await rows.drain();
      throw new AppError('INVALID_LAYOUT', '所选的表头行不在文件中，请重新选择表头行。', `header index ${headerIndex} outside 0..${rows.count - 1}`);
    }
    if (!isUsableMapping(mapping)) {
      return fail(new AppError('INVALID_LAYOUT', '请至少指定借据号、借款人姓名和余额所在的列。', `unusable column mapping ${JSON.stringify(mapping)}`));
    }
    layout = { headerIndex, mapping: { ...mapping }, headerSignature: headerSignature(head.rows[headerIndex]) };
  } else {
    const detected = detectLayout(head.rows, opts.profiles ?? []);
    if (detected.kind === 'not-found') {
      await rows.drain();
      return {
        kind: 'needs-mapping',
        fileName,
        sha256,
        format: source.format,
        headerSignature: detected.headerSignature,
        sampleRows: sampleRows(head.rows),
        suggestedHeaderIndex: detected.headerIndex,
        suggestedMapping: detected.mapping,
      };
    }
    layout = detected.layout;
  }

  const file: ParsedFile = {
    fileName,
    sha256,
    format: source.format,
    layout,
    asOf: findAsOfDate(head.rows, layout.headerIndex),
    rowsRead: 0,
    loans: [],
    duplicates: 0,
    rejected: [],
    warnings: [],
    totals: { kind: 'none' },
  };
  opts.onHead?.({ asOf: file.asOf, layout });
  await readDataRows(rows, head, layout, file, opts);
  return { kind: 'parsed', file };
}

function sampleRows(head: readonly unknown[][]): string[][] {
  const rows = head.slice(0, HEADER_SCAN_ROWS);
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  return rows.map((r) => Array.from({ length: width }, (_, i) => cellText(r[i])));
}

/** The source's rows one by one, the first ones kept for the layout. */
class RowReader {
  /** Rows handed out or buffered so far. */
  count = 0;
  private batch: RowBatch = { rows: [], rowNumbers: [] };
  private at = 0;
  private ended = false;

  constructor(readonly source: RowSource) {}

  /** The first `n` rows (fewer when the file has fewer), kept in the reader too: next() starts again after them. */
  async head(n: number): Promise<RowBatch> {
    const head: RowBatch = { rows: [], rowNumbers: [] };
    while (head.rows.length < n && !this.ended) {
      if (this.at >= this.batch.rows.length && !(await this.fill())) break;
      head.rows.push(this.batch.rows[this.at]);
      head.rowNumbers.push(this.batch.rowNumbers[this.at]);
      this.at++;
    }
    return head;
  }

  /** The next batch of rows (what is left of the current one first), or null at the end. */
  async next(): Promise<RowBatch | null> {
    if (this.at >= this.batch.rows.length && !(await this.fill())) return null;
    const rest = this.at === 0 ? this.batch : { rows: this.batch.rows.slice(this.at), rowNumbers: this.batch.rowNumbers.slice(this.at) };
    this.at = this.batch.rows.length;
    return rest;
  }

  /** Reads the rest (checking it) without keeping it. */
  async drain(): Promise<void> {
    while (await this.fill());
  }

  private async fill(): Promise<boolean> {
    if (this.ended) return false;
    const batch = await this.source.next();
    if (!batch) {
      this.ended = true;
      return false;
    }
    this.batch = batch;
    this.at = 0;
    this.count += batch.rows.length;
    return true;
  }
}

async function readDataRows(reader: RowReader, head: RowBatch, layout: Layout, file: ParsedFile, { onProgress, signal, maxLoanFen, onLoans, loansInBatchesOnly }: ParseOptions): Promise<void> {
  const { headerIndex, mapping } = layout;
  const headerRow = head.rows[headerIndex];
  const classify = createRowClassifier(mapping, headerRow);
  const parseRow = createRowParser(mapping, maxLoanFen);
  const mappedColumns = [...new Set(Object.values(mapping))];
  const balanceCol = mapping.balance ?? -1;
  let totalsRow: TotalsRow | null = null;
  let rowsBalanceFen = 0;

  /** The accepted loans not handed over yet; with loansInBatchesOnly, none once handed over. */
  const loans: ParsedLoanRow[] = [];
  const batchesOnly = onLoans !== undefined && loansInBatchesOnly === true;
  let accepted = 0;
  let loansBalanceFen = 0;
  const rejected: RejectedRow[] = [];
  const warnings: RowWarning[] = [];
  /** Each accepted loan by its number, to tell a later row of it an exact repeat or a clash. */
  const seen = new Map<string, SeenLoan>();
  let rowsRead = 0;
  let duplicates = 0;
  let handedOver = 0;
  const handOver = async () => {
    const from = handedOver;
    const batch = loans.slice(from);
    if (batchesOnly) loans.length = 0;
    handedOver = loans.length;
    if (onLoans && batch.length > 0) await onLoans(batch);
  };
  const source = reader.source;
  let lastCells: unknown[] | null = null;
  let lastNumber = 0;
  let done = 0;

  const readRow = (cells: unknown[], rowNumber: number) => {
    lastCells = cells;
    lastNumber = rowNumber;
    const kind = classify(cells);
    if (kind === 'totals' && isGrandTotal(cells)) totalsRow = readTotalsRow(cells, rowNumber, mapping);
    if (kind !== 'data') return;
    rowsRead++;
    rowsBalanceFen += parseYuanToFen(cells[balanceCol]) ?? 0;
    const outcome = parseRow(cells, rowNumber);
    if (!outcome.ok) {
      rejected.push(outcome.rejected);
      return;
    }
    const { loan } = outcome;
    const earlier = seen.get(loan.loanNo);
    if (earlier !== undefined) {
      if (sameRow(earlier, cells, loan, mappedColumns)) duplicates++;
      else rejected.push({ row: loan.row, code: 'duplicate_loan_number', reason: `借据号与第 ${earlier.row} 行相同但数据不同` });
      return;
    }
    seen.set(loan.loanNo, batchesOnly ? seenBriefly(loan, cells, mappedColumns) : { row: loan.row, cells: mappedColumns.map((c) => cells[c]), loan });
    loans.push(loan);
    accepted++;
    loansBalanceFen += loan.balanceFen;
    for (const w of outcome.warnings) warnings.push(w);
  };

  const after = { rows: head.rows.slice(headerIndex + 1), rowNumbers: head.rowNumbers.slice(headerIndex + 1) };
  for (let batch: RowBatch | null = after; batch; batch = await reader.next()) {
    for (let j = 0; j < batch.rows.length; j++) {
      if (done === FIRST_BATCH && batchesOnly) await handOver();
      if (done > 0 && done % PROGRESS_EVERY === 0) {
        await handOver();
        onProgress?.(done, Math.max(done, source.expectedRows() - headerIndex - 1));
        await new Promise<void>((resolve) => setImmediate(resolve));
        signal?.throwIfAborted();
      }
      readRow(batch.rows[j], batch.rowNumbers[j]);
      done++;
    }
  }
  if (source.unterminated() && lastCells) refuseCutLastLine(lastCells, lastNumber, headerRow, classify, file.fileName);
  await handOver();
  onProgress?.(done, done);

  const totals = checkTotals(file.fileName, totalsRow, { rowsRead, loans: accepted, duplicates, rowsBalanceFen, loansBalanceFen });
  Object.assign(file, { rowsRead, loans: batchesOnly ? [] : loans, duplicates, rejected, warnings, totals });
}

/**
 * An accepted loan as a later row of its number is checked against: that row's mapped cells and
 * the loan read from them. A parse that hands its loans over and keeps none (loansInBatchesOnly: a
 * county's file written while read) keeps their SHA-256 instead, some 100 bytes a loan, not the
 * loan and its cells (over a kilobyte).
 */
type SeenLoan = { row: number; cells: unknown[]; loan: ParsedLoanRow } | { row: number; cellsHash: string; loanHash: string };

const fingerprint = (text: string) => createHash('sha256').update(text).digest('base64');
const cellsText = (cells: readonly unknown[], columns: readonly number[]) => JSON.stringify(columns.map((c) => cellText(cells[c])));
const loanText = (loan: ParsedLoanRow) => JSON.stringify({ ...loan, row: 0 });

function seenBriefly(loan: ParsedLoanRow, cells: readonly unknown[], columns: readonly number[]): SeenLoan {
  return { row: loan.row, cellsHash: fingerprint(cellsText(cells, columns)), loanHash: fingerprint(loanText(loan)) };
}

/** Whether a later row of a loan number repeats the earlier one: the same mapped cells, or the same loan read from them. */
function sameRow(earlier: SeenLoan, cells: readonly unknown[], loan: ParsedLoanRow, columns: readonly number[]): boolean {
  if ('loanHash' in earlier) return earlier.cellsHash === fingerprint(cellsText(cells, columns)) || earlier.loanHash === fingerprint(loanText(loan));
  return sameCells(earlier.cells, cells, columns) || sameLoan(earlier.loan, loan);
}

/**
 * A CSV file whose last line has no line break and fewer fields than the header was cut off in
 * that line: its last field (a balance, a date) may be cut too, and must not be read as a value.
 */
function refuseCutLastLine(cells: readonly unknown[], rowNumber: number, header: readonly unknown[], classify: RowClassifier, fileName: string): void {
  let headerWidth = header.length;
  while (headerWidth > 0 && cellText(header[headerWidth - 1]) === '') headerWidth--;
  if (cells.length < headerWidth && classify(cells) === 'data') {
    throw damagedFile(fileName, `最后一行（第 ${rowNumber} 行）只有 ${cells.length} 列，少于表头的 ${headerWidth} 列，且没有换行结尾：文件不完整，可能在复制或下载时被截断`, `last line ${rowNumber} cut: ${cells.length} of ${headerWidth} fields`);
  }
}

/** `earlier`: the mapped cells of an accepted loan's row, in `columns` order; `cells`: a whole row. */
function sameCells(earlier: readonly unknown[], cells: readonly unknown[], columns: readonly number[]): boolean {
  return columns.every((c, i) => cellText(earlier[i]) === cellText(cells[c]));
}

/** Same loan data read from differently written cells (2023-04-27 and 2023/4/27). */
function sameLoan(a: ParsedLoanRow, b: ParsedLoanRow): boolean {
  return loanText(a) === loanText(b);
}
