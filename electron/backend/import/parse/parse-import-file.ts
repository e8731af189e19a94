/**
 * Reads a core-system export (.xlsx, .xls or CSV) into a ParsedFile: accepted loans, rejected
 * rows with reasons, warnings. Pure: touches no database.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../rpc/app-error';
import type { ColumnMapping, Layout, ParsedFile, ParsedLoanRow, RejectedRow, RowWarning } from '../parsed-file';
import { cellText } from './cell-values';
import { detectLayout, findAsOfDate, HEADER_SCAN_ROWS, headerSignature, isUsableMapping, type MappingProfileLike } from './detect-layout';
import { createRowParser } from './parse-row';
import { readGrid, type ImportFormat, type SheetGrid } from './read-grid';
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
   * Accepted loans in file order, a batch (at most PROGRESS_EVERY rows' worth) at a time while the
   * file is read, on the caller's thread, so that they can be staged while parsing goes on. The
   * batches together are exactly the final ParsedFile's loans; if the parse then fails (a totals
   * mismatch, a damaged file found late, cancel) the promise rejects and the batches count for nothing.
   */
  onLoans?: (batch: ParsedLoanRow[]) => void;
}

/** Progress is reported, and the event loop let through, every this many data rows. */
const PROGRESS_EVERY = 5000;

export async function parseImportFile(bytes: Uint8Array, fileName: string, opts: ParseOptions = {}): Promise<ParseOutcome> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const grid = await readGrid(bytes, fileName);
  opts.signal?.throwIfAborted();
  if (grid.rows.length === 0) {
    throw new AppError('EMPTY_FILE', `“${fileName}”中没有数据（工作表是空的）。请检查导出的文件。`, `no rows in ${fileName}`);
  }

  let layout: Layout;
  if (opts.layout) {
    layout = explicitLayout(grid, opts.layout);
  } else {
    const detected = detectLayout(grid.rows, opts.profiles ?? []);
    if (detected.kind === 'not-found') {
      return {
        kind: 'needs-mapping',
        fileName,
        sha256,
        format: grid.format,
        headerSignature: detected.headerSignature,
        sampleRows: sampleRows(grid),
        suggestedHeaderIndex: detected.headerIndex,
        suggestedMapping: detected.mapping,
      };
    }
    layout = detected.layout;
  }

  const file: ParsedFile = {
    fileName,
    sha256,
    format: grid.format,
    layout,
    asOf: findAsOfDate(grid.rows, layout.headerIndex),
    rowsRead: 0,
    loans: [],
    duplicates: 0,
    rejected: [],
    warnings: [],
    totals: { kind: 'none' },
  };
  await readDataRows(grid, layout, file, opts);
  return { kind: 'parsed', file };
}

function explicitLayout(grid: SheetGrid, chosen: { headerIndex: number; mapping: ColumnMapping }): Layout {
  const { headerIndex, mapping } = chosen;
  if (!Number.isInteger(headerIndex) || headerIndex < 0 || headerIndex >= grid.rows.length) {
    throw new AppError('INVALID_LAYOUT', '所选的表头行不在文件中，请重新选择表头行。', `header index ${headerIndex} outside 0..${grid.rows.length - 1}`);
  }
  if (!isUsableMapping(mapping)) {
    throw new AppError('INVALID_LAYOUT', '请至少指定借据号、借款人姓名和余额所在的列。', `unusable column mapping ${JSON.stringify(mapping)}`);
  }
  return { headerIndex, mapping: { ...mapping }, headerSignature: headerSignature(grid.rows[headerIndex]) };
}

function sampleRows(grid: SheetGrid): string[][] {
  const rows = grid.rows.slice(0, HEADER_SCAN_ROWS);
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  return rows.map((r) => Array.from({ length: width }, (_, i) => cellText(r[i])));
}

async function readDataRows(grid: SheetGrid, layout: Layout, file: ParsedFile, { onProgress, signal, maxLoanFen, onLoans }: ParseOptions): Promise<void> {
  const { rows, rowNumbers } = grid;
  const { headerIndex, mapping } = layout;
  const classify = createRowClassifier(mapping, rows[headerIndex]);
  if (grid.unterminated) refuseCutLastLine(grid, headerIndex, classify, file.fileName);
  const parseRow = createRowParser(mapping, maxLoanFen);
  const mappedColumns = [...new Set(Object.values(mapping))];
  const balanceCol = mapping.balance ?? -1;
  let totalsRow: TotalsRow | null = null;
  let rowsBalanceFen = 0;

  const loans: ParsedLoanRow[] = [];
  const loanGridIndex: number[] = [];
  const rejected: RejectedRow[] = [];
  const warnings: RowWarning[] = [];
  const byLoanNo = new Map<string, number>();
  let rowsRead = 0;
  let duplicates = 0;
  let handedOver = 0;
  const handOver = () => {
    if (onLoans && loans.length > handedOver) onLoans(loans.slice(handedOver));
    handedOver = loans.length;
  };

  const total = rows.length - headerIndex - 1;
  for (let i = headerIndex + 1; i < rows.length; i++) {
    const done = i - headerIndex - 1;
    if (done > 0 && done % PROGRESS_EVERY === 0) {
      handOver();
      onProgress?.(done, total);
      await new Promise<void>((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
    }
    const cells = rows[i];
    const kind = classify(cells);
    if (kind === 'totals' && isGrandTotal(cells)) totalsRow = readTotalsRow(cells, rowNumbers[i], mapping);
    if (kind !== 'data') continue;
    rowsRead++;
    rowsBalanceFen += parseYuanToFen(cells[balanceCol]) ?? 0;
    const outcome = parseRow(cells, rowNumbers[i]);
    if (!outcome.ok) {
      rejected.push(outcome.rejected);
      continue;
    }
    const { loan } = outcome;
    const earlier = byLoanNo.get(loan.loanNo);
    if (earlier !== undefined) {
      if (sameCells(rows[loanGridIndex[earlier]], cells, mappedColumns) || sameLoan(loans[earlier], loan)) duplicates++;
      else rejected.push({ row: loan.row, code: 'duplicate_loan_number', reason: `借据号与第 ${loans[earlier].row} 行相同但数据不同` });
      continue;
    }
    byLoanNo.set(loan.loanNo, loans.length);
    loans.push(loan);
    loanGridIndex.push(i);
    for (const w of outcome.warnings) warnings.push(w);
  }
  handOver();
  onProgress?.(Math.max(total, 0), Math.max(total, 0));

  const loansBalanceFen = loans.reduce((sum, l) => sum + l.balanceFen, 0);
  const totals = checkTotals(file.fileName, totalsRow, { rowsRead, loans: loans.length, duplicates, rowsBalanceFen, loansBalanceFen });
  Object.assign(file, { rowsRead, loans, duplicates, rejected, warnings, totals });
}

/**
 * A CSV file whose last line has no line break and fewer fields than the header was cut off in
 * that line: its last field (a balance, a date) may be cut too, and must not be read as a value.
 */
function refuseCutLastLine(grid: SheetGrid, headerIndex: number, classify: RowClassifier, fileName: string): void {
  const last = grid.rows.length - 1;
  if (last <= headerIndex) return;
  const header = grid.rows[headerIndex];
  let headerWidth = header.length;
  while (headerWidth > 0 && cellText(header[headerWidth - 1]) === '') headerWidth--;
  const cells = grid.rows[last];
  if (cells.length < headerWidth && classify(cells) === 'data') {
    throw damagedFile(fileName, `最后一行（第 ${grid.rowNumbers[last]} 行）只有 ${cells.length} 列，少于表头的 ${headerWidth} 列，且没有换行结尾：文件不完整，可能在复制或下载时被截断`, `last line ${grid.rowNumbers[last]} cut: ${cells.length} of ${headerWidth} fields`);
  }
}

function sameCells(a: readonly unknown[], b: readonly unknown[], columns: readonly number[]): boolean {
  return columns.every((c) => cellText(a[c]) === cellText(b[c]));
}

/** Same loan data read from differently written cells (2023-04-27 and 2023/4/27). */
function sameLoan(a: ParsedLoanRow, b: ParsedLoanRow): boolean {
  return JSON.stringify({ ...a, row: 0 }) === JSON.stringify({ ...b, row: 0 });
}
