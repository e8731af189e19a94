import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { parseImportFile, type ParseOutcome } from '../../../electron/backend/import/parse/parse-import-file';
import type { ParsedFile } from '../../../electron/backend/import/parsed-file';
import { AppError } from '../../../electron/backend/rpc/app-error';
import { encodeGbk, SAMPLE_HEADER, sampleRow, toCsv, utf8, workbookBytes } from './helpers';

function parsed(outcome: ParseOutcome): ParsedFile {
  if (outcome.kind !== 'parsed') throw new Error('needs mapping');
  return outcome.file;
}

const TITLE = ['某农村商业银行 林家坪支行 贷款台账'];
const META = ['机构：林家坪支行    数据日期：2026-10-31    单位：元'];

describe('parseImportFile: rows that are not data', () => {
  it('skips blank, totals, note and repeated header rows without counting them', async () => {
    const rows = [
      TITLE,
      META,
      SAMPLE_HEADER,
      sampleRow(1),
      [],
      ['   ', null, ''],
      sampleRow(2),
      SAMPLE_HEADER, // header repeated for a new printed page
      sampleRow(3),
      ['小 计', '', '', '', '', '', '', '', '', '', '', '', '', '', 1000],
      ['合计', null, null, null, null, null, null, null, null, null, null, null, null, null, 106452.75],
      ['制表人：张三', null, null, '审核人：李四'],
    ];
    const file = parsed(await parseImportFile(workbookBytes(rows), 'a.xlsx'));
    expect(file.rowsRead).toBe(3);
    expect(file.loans.map((l) => l.row)).toEqual([4, 7, 9]);
    expect(file.rejected).toEqual([]);
    expect(file.asOf).toBe('2026-10-31');
  });

  it('skips a totals row that counts loans in the loan-number column', async () => {
    const rows = [SAMPLE_HEADER, sampleRow(1), ['总 计', '', '', '', '', '', '', '共1笔', '', '', '', '', '', '', 35484.25]];
    const file = parsed(await parseImportFile(workbookBytes(rows), 'a.xlsx'));
    expect(file.rowsRead).toBe(1);
    expect(file.rejected).toEqual([]);
  });

  it('rejects a short borrower row without a loan number instead of taking it for a note', async () => {
    const rows = [SAMPLE_HEADER, sampleRow(1), [4, null, null, '丁', '141124197001010041'], ['制表人：张三']];
    const file = parsed(await parseImportFile(workbookBytes(rows), 'a.xlsx'));
    expect(file.rowsRead).toBe(2);
    expect(file.rejected).toEqual([{ row: 3, code: 'missing_loan_number', reason: expect.stringContaining('缺少借据号') }]);
  });

  it('counts a row with data but no loan number as read and rejected', async () => {
    const file = parsed(await parseImportFile(workbookBytes([SAMPLE_HEADER, sampleRow(1, { 贷款账号: null })]), 'a.xlsx'));
    expect(file.rowsRead).toBe(1);
    expect(file.rejected).toEqual([{ row: 2, code: 'missing_loan_number', reason: '缺少借据号' }]);
  });
});

describe('parseImportFile: duplicate loan numbers', () => {
  it('imports an exact repeat once and rejects a different row with the same loan number', async () => {
    const rows = [
      SAMPLE_HEADER,
      sampleRow(1),
      sampleRow(2),
      sampleRow(1, { 序号: 99 }), // exact repeat of row 2 in every mapped cell (序号 is not mapped)
      sampleRow(1, { 余额: '1.00' }),
      sampleRow(2, { 到期日: '20260426' }), // same date, written differently: still the same loan
    ];
    const file = parsed(await parseImportFile(workbookBytes(rows), 'a.xlsx'));
    expect(file.rowsRead).toBe(5);
    expect(file.loans.map((l) => l.row)).toEqual([2, 3]);
    expect(file.duplicates).toBe(2);
    expect(file.rejected).toEqual([{ row: 5, code: 'duplicate_loan_number', reason: '借据号与第 2 行相同但数据不同' }]);
  });

  it('reports the warnings of the imported row only', async () => {
    const bad = { 身份证号码: '141124197401050361' };
    const file = parsed(await parseImportFile(workbookBytes([SAMPLE_HEADER, sampleRow(1, bad), sampleRow(1, bad)]), 'a.xlsx'));
    expect(file.warnings.map((w) => w.row)).toEqual([2]);
  });
});

describe('parseImportFile: encodings and formats', () => {
  it('says a workbook without any data is empty, instead of asking for a column mapping', async () => {
    await expect(parseImportFile(workbookBytes([]), 'empty.xlsx')).rejects.toMatchObject({ code: 'EMPTY_FILE', userMessage: expect.stringContaining('没有数据') });
  });

  it('reads date cells of a workbook in the 1904 date system (old Mac Excel) as Excel shows them', async () => {
    const ws = XLSX.utils.aoa_to_sheet([SAMPLE_HEADER, sampleRow(1)]);
    const col = XLSX.utils.encode_col(SAMPLE_HEADER.indexOf('放款日'));
    ws[`${col}2`] = { t: 'n', v: 44274, z: 'yyyy-mm-dd' }; // day 44274 counted from 1904-01-01
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '贷款明细');
    wb.Workbook = { WBProps: { date1904: true } };
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
    const file = parsed(await parseImportFile(bytes, 'mac.xlsx'));
    expect(file.loans[0].disbursedOn).toBe('2025-03-20');
  });

  const rows = [['贷款清单'], ['借据号', '户名', '贷款余额（元）', '到期日期', '住址'], ['L001', '张三', '1,000.50', '2026/3/1', '临县白文镇刘家会村3组'], ['L002', '李四', '200', '2026年2月30日', '']];

  it('reads a GBK-encoded CSV', async () => {
    const file = parsed(await parseImportFile(encodeGbk(toCsv(rows)), '导出.csv'));
    expect(file.format).toBe('csv');
    expect(file.layout.headerIndex).toBe(1);
    expect(file.loans).toHaveLength(1);
    expect(file.loans[0]).toMatchObject({ row: 3, loanNo: 'L001', name: '张三', balanceFen: 100050, maturityOn: '2026-03-01', village: '刘家会村' });
    expect(file.rejected).toEqual([{ row: 4, code: 'invalid_date', reason: '到期日不是有效日期：2026年2月30日' }]);
  });

  it('reads a UTF-8 CSV with a BOM, and one without', async () => {
    for (const bom of [true, false]) {
      const file = parsed(await parseImportFile(utf8(toCsv(rows), bom), 'export.csv'));
      expect(file.loans.map((l) => l.name)).toEqual(['张三']);
      expect(file.layout.headerSignature).toBe('借据号|户名|贷款余额(元)|到期日期|住址');
    }
  });

  it('gives the same result from .xlsx and .xls', async () => {
    const strip = (f: ParsedFile) => ({ ...f, sha256: '', fileName: '', format: '' });
    const xlsx = parsed(await parseImportFile(workbookBytes(rows), 'a.xlsx'));
    const xls = parsed(await parseImportFile(workbookBytes(rows, { bookType: 'biff8' }), 'a.xls'));
    expect(xls.format).toBe('xls');
    expect(strip(xls)).toEqual(strip(xlsx));
  });

  it('hashes the raw bytes', async () => {
    const bytes = utf8(toCsv(rows));
    const { createHash } = await import('node:crypto');
    expect(parsed(await parseImportFile(bytes, 'a.csv')).sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('refuses files that are not spreadsheets', async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    await expect(parseImportFile(bytes, 'photo.png')).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE' });
    await expect(parseImportFile(bytes, 'photo.png')).rejects.toBeInstanceOf(AppError);
  });
});

describe('parseImportFile: unknown layouts', () => {
  // An export whose headers Branch Ledger does not know.
  const rows = [['Loan list'], ['Acct', 'Holder', 'Outstanding', 'Due', 'Addr'], ['L001', '张三', '1000.50', '2026-03-01', '临县白文镇刘家会村3组'], ['L002', '李四', '200', '', '']];
  const bytes = workbookBytes(rows);
  const mapping = { loanNo: 0, name: 1, balance: 2, maturityOn: 3, address: 4 };

  it('asks for a mapping, with sample rows to choose from', async () => {
    const outcome = await parseImportFile(bytes, 'odd.xlsx');
    expect(outcome).toEqual({
      kind: 'needs-mapping',
      fileName: 'odd.xlsx',
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      format: 'xlsx',
      headerSignature: 'acct|holder|outstanding|due|addr',
      sampleRows: [
        ['Loan list', '', '', '', ''],
        ['Acct', 'Holder', 'Outstanding', 'Due', 'Addr'],
        ['L001', '张三', '1000.50', '2026-03-01', '临县白文镇刘家会村3组'],
        ['L002', '李四', '200', '', ''],
      ],
      suggestedHeaderIndex: 1,
      suggestedMapping: {},
    });
  });

  it('parses with the layout the user chose', async () => {
    const file = parsed(await parseImportFile(bytes, 'odd.xlsx', { layout: { headerIndex: 1, mapping } }));
    expect(file.layout).toEqual({ headerIndex: 1, mapping, headerSignature: 'acct|holder|outstanding|due|addr' });
    expect(file.loans.map((l) => [l.row, l.loanNo, l.balanceFen, l.village])).toEqual([
      [3, 'L001', 100050, '刘家会村'],
      [4, 'L002', 20000, null],
    ]);
  });

  it('parses directly next time, with the mapping saved as a profile', async () => {
    const profiles = [{ headerSignature: 'something|else', mapping: { loanNo: 4, name: 3, balance: 2 } }, { headerSignature: 'acct|holder|outstanding|due|addr', mapping }];
    const file = parsed(await parseImportFile(bytes, 'odd-2.xlsx', { profiles }));
    expect(file.layout).toEqual({ headerIndex: 1, mapping, headerSignature: 'acct|holder|outstanding|due|addr' });
    expect(file.loans).toHaveLength(2);
    // The same header in a CSV (no title row) matches the profile too.
    const csv = parsed(await parseImportFile(utf8(toCsv(rows.slice(1))), 'odd.csv', { profiles }));
    expect(csv.layout.headerIndex).toBe(0);
    expect(csv.loans.map((l) => l.row)).toEqual([2, 3]);
  });

  it('refuses a layout without the required columns or outside the file', async () => {
    await expect(parseImportFile(bytes, 'odd.xlsx', { layout: { headerIndex: 1, mapping: { loanNo: 0, name: 1 } } })).rejects.toMatchObject({ code: 'INVALID_LAYOUT' });
    await expect(parseImportFile(bytes, 'odd.xlsx', { layout: { headerIndex: 9, mapping } })).rejects.toMatchObject({ code: 'INVALID_LAYOUT' });
  });

  it('lets an explicit layout override automatic detection', async () => {
    const sample = readFileSync(new URL('../../fixtures/sample-core-export.csv', import.meta.url));
    const file = parsed(await parseImportFile(sample, 's.csv', { layout: { headerIndex: 0, mapping: { loanNo: 7, name: 3, balance: 14 } } }));
    expect(file.loans).toHaveLength(205);
    expect(file.loans[0]).toMatchObject({ residentId: null, phones: [], village: null, riskClass: null, maturityOn: null });
    expect(file.warnings).toEqual([]);
  });
});

describe('parseImportFile: progress', () => {
  it('reports progress every 5000 rows and at the end', async () => {
    const rows = [SAMPLE_HEADER, ...Array.from({ length: 12000 }, (_, i) => sampleRow(i + 1))];
    const calls: [number, number][] = [];
    const file = parsed(await parseImportFile(utf8(toCsv(rows)), 'big.csv', { onProgress: (done, total) => calls.push([done, total]) }));
    expect(file.loans).toHaveLength(12000);
    expect(calls).toEqual([
      [5000, 12000],
      [10000, 12000],
      [12000, 12000],
    ]);
  });
});
