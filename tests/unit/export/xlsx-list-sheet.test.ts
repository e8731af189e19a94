import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { bufferSink } from '../../../electron/backend/export/buffer-sink';
import { excelDate, ListSheetWriter, safeSheetName, type SheetColumn } from '../../../electron/backend/export/xlsx-list-sheet';

const COLUMNS: SheetColumn[] = [
  { label: '名称', width: 10, kind: 'text' },
  { label: '日期', width: 9, kind: 'date' },
  { label: '金额(元)', width: 12, kind: 'money' },
];

async function sheetOf(rows: Array<Array<string | number | null>>, withTotals = true): Promise<XLSX.WorkSheet> {
  const sink = bufferSink();
  const w = new ListSheetWriter(sink.stream, COLUMNS, { sheetName: '清单/2026', title: '标题', note: '' });
  for (const r of rows) w.addRow(r);
  if (withTotals) w.addTotals({ 0: '合计' }, { 2: rows.reduce((s, r) => s + Number(r[2] ?? 0), 0) });
  await w.finish();
  const wb = XLSX.read(sink.bytes(), { cellNF: true, cellStyles: true });
  expect(wb.SheetNames).toEqual(['清单2026']);
  return wb.Sheets[wb.SheetNames[0]];
}

describe('excelDate', () => {
  it('counts days as Excel does and refuses dates that are not real', () => {
    expect(excelDate('1900-03-01')).toBe(61);
    expect(excelDate('2026-12-02')).toBe(46358);
    expect(excelDate('2025-02-29')).toBeNull();
    expect(excelDate('2025/02/01')).toBeNull();
  });
});

describe('ListSheetWriter', () => {
  it('keeps a date the source wrote wrongly as its text, and writes nothing for empty values', async () => {
    const ws = await sheetOf([['甲', '2025-02-30', 100], ['乙', null, null]]);
    expect(ws['B4']).toMatchObject({ t: 's', v: '2025-02-30' });
    expect(ws['B5']).toBeUndefined();
    expect(ws['C5']).toBeUndefined();
  });

  it('keeps a width of 9 (ExcelJS would leave it out as its default)', async () => {
    const ws = await sheetOf([['甲', '2025-01-02', 100]]);
    expect(ws['!cols']![1].width ?? ws['!cols']![1].wch).toBeCloseTo(9, 1);
  });

  it('writes the sum itself, no SUBTOTAL over the header, when the list is empty', async () => {
    const ws = await sheetOf([]);
    expect(ws['A4']).toMatchObject({ v: '合计' });
    expect(ws['C4']).toMatchObject({ t: 'n', v: 0 });
    expect(ws['C4'].f).toBeUndefined();
    expect(ws['!autofilter']).toBeUndefined();
  });

  it('names sheets as Excel allows', () => {
    expect(safeSheetName('a:b\\c/d?e*f[g]h')).toBe('abcdefgh');
    expect(safeSheetName('长'.repeat(40))).toHaveLength(31);
    expect(safeSheetName('///', '贷款清册')).toBe('贷款清册');
  });
});
