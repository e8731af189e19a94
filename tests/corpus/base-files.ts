/**
 * The undamaged files the corpus damages: the first loans of the sample core export, with a
 * totals row (合计: the count of rows and the sum of balances) as core systems write it, as
 * .xlsx, .xls (BIFF8) and CSV (GBK, CRLF).
 */
import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { parse as parseCsv } from 'csv-parse/sync';
import { encodeGbk } from '../unit/import/helpers';
import { SAMPLE } from '../helpers/sample-files';

/** Data rows taken from the sample: few, so that hundreds of files are read in minutes. */
export const BASE_LOAN_ROWS = 60;
const LOAN_NO_COL = 7;
const BALANCE_COL = 14;

export interface BaseFiles {
  xlsx: Buffer;
  xls: Buffer;
  csv: Buffer;
  /** The CSV's rows as text (header first, totals last), to build variants from. */
  csvRows: string[][];
}

function fenOf(v: unknown): number {
  const n = typeof v === 'number' ? v : Number(String(v).replace(/,/g, ''));
  return Number.isFinite(n) ? Math.round(n * 100) : 0;
}

function totalsRow(width: number, data: unknown[][]): unknown[] {
  const row: unknown[] = new Array(width).fill('');
  const fen = data.reduce((sum: number, r) => sum + fenOf(r[BALANCE_COL]), 0);
  row[0] = '合计';
  row[LOAN_NO_COL] = `共${data.length}笔`;
  row[BALANCE_COL] = (fen / 100).toFixed(2);
  return row;
}

export function csvText(rows: readonly (readonly unknown[])[], eol = '\r\n'): string {
  const field = (v: unknown) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(field).join(',')).join(eol) + eol;
}

export function baseFiles(): BaseFiles {
  // The workbook: title, meta row (数据日期), header, the loans, totals.
  const wb = XLSX.read(readFileSync(SAMPLE.xlsx), { type: 'buffer', dense: true });
  const aoa = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1, raw: true, defval: '' });
  const [title, meta, header] = aoa;
  const data = aoa.slice(3, 3 + BASE_LOAN_ROWS);
  const sheetRows = [title, meta, header, ...data, totalsRow(header.length, data)];
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(sheetRows), '贷款明细');
  const xlsx = XLSX.write(book, { type: 'buffer', bookType: 'xlsx', bookSST: true, compression: true }) as Buffer;
  const xls = XLSX.write(book, { type: 'buffer', bookType: 'biff8' }) as Buffer;

  // The CSV as the core system writes it: header first, dates and amounts as text.
  const lines = parseCsv(new TextDecoder('gb18030').decode(readFileSync(SAMPLE.csv)), { relax_column_count: true }) as string[][];
  const csvData = lines.slice(1, 1 + BASE_LOAN_ROWS);
  const csvRows = [lines[0], ...csvData, totalsRow(lines[0].length, csvData).map(String)];
  return { xlsx, xls, csv: Buffer.from(encodeGbk(csvText(csvRows))), csvRows };
}
