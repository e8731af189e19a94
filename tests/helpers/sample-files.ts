import { readFileSync } from 'node:fs';

const fixtures = new URL('../fixtures/', import.meta.url);

export const SAMPLE = {
  csv: new URL('sample-core-export.csv', fixtures).pathname,
  xlsx: new URL('sample-core-export.xlsx', fixtures).pathname,
  xls: new URL('sample-core-export.xls', fixtures).pathname,
};

export interface SampleExpectation {
  rows_in_file: number;
  accepted_loans: number;
  rejected: Array<{ row: number; reason: string }>;
  warnings_id: number[];
  duplicates_exact: number;
  total_balance_cents: number;
  overdue_loans: number;
  villages: Record<string, number>;
  borrowers: number;
}

export function expectedFor(format: 'csv' | 'xlsx' | 'xls'): SampleExpectation {
  const file = format === 'csv' ? 'sample-core-export.csv.expected.json' : 'sample-core-export.expected.json';
  return JSON.parse(readFileSync(new URL(file, fixtures), 'utf8')) as SampleExpectation;
}

/** The sample CSV's lines as text (the file is GB18030, as core systems write it). */
export function sampleCsvLines(): string[] {
  return new TextDecoder('gb18030').decode(readFileSync(SAMPLE.csv)).split(/\r?\n/);
}

/** A CSV file's bytes, UTF-8 with a BOM, from lines. */
export function csvBytes(lines: string[]): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n'), 'utf8')]);
}
