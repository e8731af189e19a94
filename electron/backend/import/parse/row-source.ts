/**
 * What the parse reads a file through: the grid's rows (as SheetGrid defines them: raw cell
 * values, from the first non-empty row on, blank rows inside kept) handed over a batch at a time,
 * so that a county's file is never held whole. The streaming readers (xlsx-rows.ts, csv-rows.ts)
 * and the whole-grid reader (read-grid.ts: .xls, HTML tables, and workbooks the streaming reader
 * leaves to SheetJS) give the same rows for the same file.
 */
import type { ImportFormat, SheetGrid } from './read-grid';

export interface RowBatch {
  rows: unknown[][];
  /** rows[i] is row rowNumbers[i] of the file (Excel row, or the CSV line the record starts on). */
  rowNumbers: number[];
}

export interface RowSource {
  readonly format: ImportFormat;
  /** The next rows, or null after the last. Throws the file's errors (AppError) as the whole-grid reader would. */
  next(): Promise<RowBatch | null>;
  /** The grid's row count as far as it can be told yet (exact for a whole grid; for progress only). */
  expectedRows(): number;
  /** Known once next() has returned null: a CSV file whose last line has no line break. */
  unterminated(): boolean;
}

/** Rows handed over per batch by the streaming readers. */
export const ROW_BATCH = 2000;

/** A whole grid read at once, handed over as a source. */
export function gridRowSource(grid: SheetGrid): RowSource {
  let at = 0;
  return {
    format: grid.format,
    next: async () => {
      if (at >= grid.rows.length) return null;
      const end = Math.min(grid.rows.length, at + ROW_BATCH);
      const batch = { rows: grid.rows.slice(at, end), rowNumbers: grid.rowNumbers.slice(at, end) };
      at = end;
      return batch;
    },
    expectedRows: () => grid.rows.length,
    unterminated: () => grid.unterminated === true,
  };
}
