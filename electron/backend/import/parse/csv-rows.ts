/**
 * A CSV file's records handed over as csv-parse reads them, a slice of the file at a time. The
 * text is decoded and checked whole first, as read-grid.ts does (decode-text.ts decides the
 * encoding and refuses mixed or cut files from every line; checkLines bounds the lines), so the
 * records, line numbers and errors are the whole-grid reader's.
 */
import { Parser } from 'csv-parse';
import type { RowBatch, RowSource } from './row-source';
import { ROW_BATCH } from './row-source';
import { checkCsvRecord, checkLines, csvFailure, csvOptions, detectDelimiter } from './read-grid';

/** Bytes handed to csv-parse at a time (cut after a line feed, so never inside a character). */
const SLICE_BYTES = 1024 * 1024;

type CsvApi = { parse(buf: Buffer, end: boolean, push: (record: unknown) => void, close: () => void): Error | undefined };

export function csvRows(text: string, fileName: string): RowSource {
  const lines = checkLines(text, fileName);
  const unterminated = text.length > 0 && !/[\r\n]$/.test(text);
  // csv-parse's own line count goes wrong after a quoted field holding CRLF, so lines are counted
  // here: the line breaks before the byte offset where each record starts (context.bytes is the
  // UTF-8 offset just past the previous record).
  const bytes = Buffer.from(text, 'utf8');
  let scanned = 0;
  let line = 1;
  let recordStart = 0;
  let cells = 0;
  let leadingBlank = 0;
  let started = false;
  let out: RowBatch = { rows: [], rowNumbers: [] };
  const parser = new Parser({
    ...csvOptions(detectDelimiter(text)),
    on_record: (record: string[], context: { bytes: number }) => {
      // CRLF, LF or a lone CR each end a line.
      for (; scanned < recordStart; scanned++) if (bytes[scanned] === 0x0a || (bytes[scanned] === 0x0d && bytes[scanned + 1] !== 0x0a)) line++;
      checkCsvRecord(record, line, cells, fileName);
      cells += record.length;
      recordStart = context.bytes;
      // Leading blank lines do not count as the start of the table.
      if (!started && record.every((c) => c.trim() === '')) leadingBlank++;
      else {
        started = true;
        out.rows.push(record);
        out.rowNumbers.push(line);
      }
      return null;
    },
  });
  const api = (parser as unknown as { api: CsvApi }).api;
  let at = 0;
  let ended = false;
  const feed = (): void => {
    let end = Math.min(bytes.length, at + SLICE_BYTES);
    if (end < bytes.length) {
      const lf = bytes.indexOf(0x0a, end);
      end = lf < 0 ? bytes.length : lf + 1;
    }
    const last = end >= bytes.length;
    let error: Error | undefined;
    try {
      error = api.parse(bytes.subarray(at, end), last, () => {}, () => {});
    } catch (err) {
      error = err as Error;
    }
    at = end;
    ended = last;
    if (error !== undefined) throw csvFailure(error, fileName);
  };

  return {
    format: 'csv',
    next: async () => {
      while (!ended && out.rows.length < ROW_BATCH) feed();
      if (out.rows.length === 0) return null;
      const batch = out;
      out = { rows: [], rowNumbers: [] };
      return batch;
    },
    // Records as lines (a quoted line break makes it an estimate), for progress.
    expectedRows: () => Math.max(0, (unterminated ? lines : lines - 1) - leadingBlank),
    unterminated: () => unterminated,
  };
}
