import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseImportFile } from '../../../electron/backend/import/parse/parse-import-file';
import type { ParsedFile } from '../../../electron/backend/import/parsed-file';
import { expectedFor, type SampleExpectation } from '../../helpers/sample-files';

// The real sample export (shipped beside DOMAIN.md) in its three formats, against the figures in
// its .expected.json files. The CSV has no title and meta rows, so its row numbers are 2 lower.

const REASON_CODES: Record<string, string> = {
  'missing loan number': 'missing_loan_number',
  'balance is not a number': 'balance_not_number',
};

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url));

async function parseSample(ext: 'csv' | 'xlsx' | 'xls'): Promise<ParsedFile> {
  const outcome = await parseImportFile(fixture(`sample-core-export.${ext}`), `sample-core-export.${ext}`);
  if (outcome.kind !== 'parsed') throw new Error(`sample .${ext} needs a mapping`);
  return outcome.file;
}

function figures(file: ParsedFile) {
  const villages: Record<string, number> = {};
  for (const loan of file.loans) if (loan.village) villages[loan.village] = (villages[loan.village] ?? 0) + 1;
  return {
    rows_in_file: file.rowsRead,
    accepted_loans: file.loans.length,
    rejected: file.rejected.map((r) => ({ row: r.row, code: r.code })),
    warnings_id: file.warnings.filter((w) => w.field === 'residentId').map((w) => w.row),
    duplicates_exact: file.duplicates,
    total_balance_cents: file.loans.reduce((sum, l) => sum + l.balanceFen, 0),
    overdue_loans: file.loans.filter((l) => l.principalOverdueDays > 0).length,
    villages,
    borrowers: new Set(file.loans.map((l) => l.customerNo)).size,
  };
}

function expectedFigures(e: SampleExpectation) {
  return {
    rows_in_file: e.rows_in_file,
    accepted_loans: e.accepted_loans,
    rejected: e.rejected.map((r) => ({ row: r.row, code: REASON_CODES[r.reason] })),
    warnings_id: e.warnings_id,
    duplicates_exact: e.duplicates_exact,
    total_balance_cents: e.total_balance_cents,
    overdue_loans: e.overdue_loans,
    villages: e.villages,
    borrowers: e.borrowers,
  };
}

describe('sample core-system export', () => {
  it.each(['csv', 'xlsx', 'xls'] as const)('.%s parses to the expected figures', async (ext) => {
    const file = await parseSample(ext);
    expect(file.format).toBe(ext);
    expect(figures(file)).toEqual(expectedFigures(expectedFor(ext)));
    // Every row is accounted for: accepted, an exact repeat, or rejected.
    expect(file.loans.length + file.duplicates + file.rejected.length).toBe(file.rowsRead);
    // No other warnings: every phone, address, risk class and rate in the sample is readable.
    expect(file.warnings.every((w) => w.field === 'residentId')).toBe(true);
    expect(file.loans.every((l) => l.village !== null && l.township !== null && l.phones.length === 1 && l.riskClass !== null)).toBe(true);
  });

  it('gives the Chinese reasons the user sees', async () => {
    const file = await parseSample('xlsx');
    expect(file.rejected).toEqual([
      { row: 24, code: 'missing_loan_number', reason: '缺少借据号' },
      { row: 94, code: 'balance_not_number', reason: '余额不是数字：N/A' },
    ]);
    expect(file.warnings).toEqual([{ row: 54, field: 'residentId', message: '身份证号校验位错误：141124********0361' }]);
  });

  it('reads the as-of date from the meta row of the workbooks; the CSV has none', async () => {
    expect((await parseSample('xlsx')).asOf).toBe('2026-10-31');
    expect((await parseSample('xls')).asOf).toBe('2026-10-31');
    expect((await parseSample('csv')).asOf).toBeNull();
  });

  it('finds the header below the title and meta rows of the workbooks', async () => {
    const xlsx = await parseSample('xlsx');
    const csv = await parseSample('csv');
    expect(xlsx.layout.headerIndex).toBe(2);
    expect(csv.layout.headerIndex).toBe(0);
    expect(xlsx.layout.mapping).toEqual(csv.layout.mapping);
    expect(xlsx.layout.headerSignature).toBe(csv.layout.headerSignature);
    expect(xlsx.layout.mapping).toMatchObject({ customerNo: 2, name: 3, loanNo: 7, balance: 14, annualRate: 15, manager: 19 });
  });

  it('reads the same loans from all three formats (row numbers apart)', async () => {
    const strip = (f: ParsedFile) => f.loans.map(({ row: _row, ...rest }) => rest);
    const [csv, xlsx, xls] = await Promise.all([parseSample('csv'), parseSample('xlsx'), parseSample('xls')]);
    expect(strip(xlsx)).toEqual(strip(csv));
    expect(strip(xls)).toEqual(strip(csv));
    expect(xlsx.loans.map((l) => l.row)).toEqual(csv.loans.map((l) => l.row + 2));
    expect(xls.loans.map((l) => l.row)).toEqual(xlsx.loans.map((l) => l.row));
  });

  it('normalises the first loan completely', async () => {
    const file = await parseSample('xlsx');
    expect(file.loans[0]).toEqual({
      row: 4,
      customerNo: 'C880001',
      name: '梁梅',
      nameInitials: 'lm',
      namePinyin: 'liang mei',
      residentId: '141124195705010729',
      residentIdValid: true,
      phones: ['18792401349'], // full-width in the file
      address: '临县白文镇城庄村8组',
      township: '白文镇',
      village: '城庄村',
      loanNo: '88011000000',
      contractNo: 'HT202304270001',
      product: '存量提额贷',
      guaranteeType: '质押',
      guarantors: '',
      disbursedOn: '2023-04-27', // an Excel date number in the .xlsx
      maturityOn: '2026-04-26', // '20260426'
      contractAmountFen: 5000000,
      balanceFen: 3548425, // '35,484.25'
      annualRatePpm: 56000,
      principalOverdueDays: 88,
      interestOwedFen: 63872,
      interestOverdueDays: null,
      riskClass: '关注',
      managerName: '李志强',
    });
  });

  it('imports the repeated row once and keeps the wrongly typed ID with its borrower', async () => {
    const file = await parseSample('csv');
    expect(file.loans.filter((l) => l.loanNo === '88011000150').map((l) => l.row)).toEqual([153]);
    const badId = file.loans.find((l) => l.row === 52)!;
    expect(badId).toMatchObject({ customerNo: 'C880056', residentId: '141124197401050361', residentIdValid: false });
  });

  it('has a stable sha256 of the raw bytes', async () => {
    const file = await parseSample('csv');
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
    const { createHash } = await import('node:crypto');
    expect(file.sha256).toBe(createHash('sha256').update(fixture('sample-core-export.csv')).digest('hex'));
  });
});
