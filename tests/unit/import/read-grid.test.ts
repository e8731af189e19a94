import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../electron/backend/import/parse/decode-text';
import { readGrid } from '../../../electron/backend/import/parse/read-grid';
import { AppError } from '../../../electron/backend/rpc/app-error';
import { encodeGbk, utf8, workbookBytes } from './helpers';

const sampleCsv = readFileSync(new URL('../../fixtures/sample-core-export.csv', import.meta.url));

describe('decodeText', () => {
  it('reads the GB18030 sample', () => {
    const { text, encoding } = decodeText(sampleCsv);
    expect(encoding).toBe('gb18030');
    expect(text.startsWith('序号,机构,客户编号,借款人姓名')).toBe(true);
  });

  it('reads GBK made here, UTF-8 with and without a BOM, and UTF-16 with a BOM', () => {
    expect(decodeText(encodeGbk('借据号,余额\r\n')).text).toBe('借据号,余额\r\n');
    expect(decodeText(utf8('借据号,余额', true))).toEqual({ text: '借据号,余额', encoding: 'utf-8' });
    expect(decodeText(utf8('借据号,余额'))).toEqual({ text: '借据号,余额', encoding: 'utf-8' });
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from('借据号\t余额', 'utf16le')]);
    expect(decodeText(utf16)).toEqual({ text: '借据号\t余额', encoding: 'utf-16le' });
  });
});

describe('readGrid: CSV', () => {
  it('gives each record the line it starts on, blank lines and multi-line fields included', async () => {
    const text = '标题\r\n\r\n借据号,姓名,住址\r\n"L1",张三,"临县\r\n白文镇"\r\nL2,李四,刘家会村\r\n\r\nL3,王五,x\r\n';
    const grid = await readGrid(utf8(text), 'a.csv');
    expect(grid.format).toBe('csv');
    expect(grid.rows.map((r) => r[0])).toEqual(['标题', '', '借据号', 'L1', 'L2', '', 'L3']);
    expect(grid.rowNumbers).toEqual([1, 2, 3, 4, 6, 7, 8]);
    expect(grid.rows[3]).toEqual(['L1', '张三', '临县\r\n白文镇']);
  });

  it('numbers lines from 1 in the sample: the blank line 122 stays in', async () => {
    const grid = await readGrid(sampleCsv, 'sample-core-export.csv');
    expect(grid.rowNumbers.slice(0, 3)).toEqual([1, 2, 3]);
    expect(grid.rows[121].every((c) => c === '')).toBe(true);
    expect(grid.rowNumbers[121]).toBe(122);
  });

  it('skips leading blank lines but keeps the real line numbers', async () => {
    const grid = await readGrid(utf8('\n\n借据号,姓名\nL1,张三\n'), 'a.csv');
    expect(grid.rows[0]).toEqual(['借据号', '姓名']);
    expect(grid.rowNumbers.slice(0, 2)).toEqual([3, 4]);
  });

  it('reads GBK, BOM-marked UTF-8 and tab-separated text', async () => {
    const gbk = await readGrid(encodeGbk('借据号,借款人姓名,余额\r\nL1,张三,"1,000.50"\r\n'), 'gbk.csv');
    expect(gbk.rows.slice(0, 2)).toEqual([['借据号', '借款人姓名', '余额'], ['L1', '张三', '1,000.50']]);
    const bom = await readGrid(utf8('借据号,借款人姓名\r\nL1,张三\r\n', true), 'bom.csv');
    expect(bom.rows[0]).toEqual(['借据号', '借款人姓名']); // no BOM glued to the first header
    const tsv = await readGrid(utf8('借据号\t借款人姓名\t余额\nL1\t张三\t1,000\n'), 'export.txt');
    expect(tsv.rows[1]).toEqual(['L1', '张三', '1,000']);
  });
});

describe('readGrid: workbooks', () => {
  it('gives real Excel row numbers when the data starts below row 1, blank rows included', async () => {
    const bytes = workbookBytes([['借据号', '姓名'], ['L1', '张三'], [], ['L2', '李四']], { origin: 'B5' });
    const grid = await readGrid(bytes, 'a.xlsx');
    expect(grid.format).toBe('xlsx');
    expect(grid.rowNumbers).toEqual([5, 6, 7, 8]);
    expect(grid.rows[0]).toEqual([null, '借据号', '姓名']);
    expect(grid.rows[2]).toEqual([]);
    expect(grid.rows[3]).toEqual([null, 'L2', '李四']);
  });

  it('keeps raw values: numbers stay numbers, text stays text', async () => {
    const grid = await readGrid(workbookBytes([['a', 'b', 'c'], [88011000000, '88011000000', 45043]]), 'a.xlsx');
    expect(grid.rows[1]).toEqual([88011000000, '88011000000', 45043]);
  });

  it('reads .xls (BIFF8) the same way', async () => {
    const grid = await readGrid(workbookBytes([['标题'], [], ['借据号', '余额'], ['L1', 12.5]], { bookType: 'biff8' }), 'a.xls');
    expect(grid.format).toBe('xls');
    expect(grid.rows).toEqual([['标题'], [], ['借据号', '余额'], ['L1', 12.5]]);
    expect(grid.rowNumbers).toEqual([1, 2, 3, 4]);
  });

  it('goes by the content, not the extension', async () => {
    expect((await readGrid(workbookBytes([['x']]), 'misnamed.csv')).format).toBe('xlsx');
    expect((await readGrid(utf8('借据号,余额\nL1,1\n'), 'misnamed.xls')).format).toBe('csv');
  });

  it('reads an HTML table saved as .xls', async () => {
    const html = '<html><head><meta charset="utf-8"></head><body><table><tr><td>借据号</td><td>余额</td></tr><tr><td>L1</td><td>100</td></tr></table></body></html>';
    const grid = await readGrid(utf8(html), 'export.xls');
    expect(grid.format).toBe('xls');
    expect(grid.rows[0]).toEqual(['借据号', '余额']);
    expect(grid.rowNumbers).toEqual([1, 2]);
  });

  it('keeps the cells of an HTML table as written: an 18-digit ID keeps every digit', async () => {
    const html =
      '<html><body><table><tr><td>借据号</td><td>身份证号</td><td>余额</td></tr>' +
      '<tr><td>88011000000</td><td style="mso-number-format:\'\\@\'">141124195705010729</td><td>35,484.25</td></tr></table></body></html>';
    const grid = await readGrid(utf8(html), 'export.xls');
    expect(grid.rows[1]).toEqual(['88011000000', '141124195705010729', '35,484.25']);
  });

  it('reads the first sheet that has data and is not hidden', async () => {
    const XLSX = await import('@e965/xlsx');
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([]), '空表');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['隐藏']]), '隐藏');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['借据号'], ['L1']]), '明细');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['汇总']]), '汇总');
    wb.Workbook = { Sheets: [{ name: '空表' }, { name: '隐藏', Hidden: 1 }, { name: '明细' }, { name: '汇总' }] };
    const grid = await readGrid(new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' })), 'multi.xlsx');
    expect(grid.rows).toEqual([['借据号'], ['L1']]);
  });

  it('fills a name merged down over two loan rows into both', async () => {
    const XLSX = await import('@e965/xlsx');
    const ws = XLSX.utils.aoa_to_sheet([['借据号', '姓名'], ['L1', '张三'], ['L2', null]]);
    ws['!merges'] = [{ s: { r: 1, c: 1 }, e: { r: 2, c: 1 } }];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 's');
    const grid = await readGrid(new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' })), 'm.xlsx');
    expect(grid.rows.map((r) => r[1])).toEqual(['姓名', '张三', '张三']);
  });
});

describe('readGrid: files it cannot use', () => {
  const code = async (bytes: Uint8Array, name: string) => {
    try {
      await readGrid(bytes, name);
      return null;
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      return { code: (err as AppError).code, message: (err as AppError).userMessage };
    }
  };

  it('rejects empty and binary files with a Chinese message', async () => {
    expect(await code(new Uint8Array(), 'a.xlsx')).toEqual({ code: 'UNSUPPORTED_FILE', message: expect.stringContaining('文件是空的') });
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34, 0x0a, 0x00, 0x01, 0x02]);
    expect(await code(pdf, 'a.pdf')).toEqual({ code: 'UNSUPPORTED_FILE', message: expect.stringContaining('不是 Excel 或 CSV 文件') });
  });

  it('reports a damaged workbook as unreadable', async () => {
    const broken = workbookBytes([['x']]).slice(0, 200);
    expect(await code(broken, 'a.xlsx')).toEqual({ code: 'UNREADABLE_FILE', message: expect.stringContaining('无法读取') });
    // The same bytes under a name that is no spreadsheet's: not a damaged export but the wrong file.
    expect(await code(broken, '报告.docx')).toMatchObject({ code: 'UNSUPPORTED_FILE' });
  });

  it('calls anything under an .xlsx name that is no zip damaged, rather than reading it as text', async () => {
    expect(await code(utf8('借据号,余额\nL1,1\n'), '导出.xlsx')).toMatchObject({ code: 'UNREADABLE_FILE' });
    expect(await code(utf8('%PDF-1.4 text only'), 'scan.xlsx')).toMatchObject({ code: 'UNSUPPORTED_FILE' });
  });

  it('keeps other text files out, and takes misnamed text tables', async () => {
    expect(await code(utf8('{"a": 1}'), 'data.json')).toMatchObject({ code: 'UNSUPPORTED_FILE' });
    expect(await code(utf8('%PDF-1.4 text only'), 'scan.PDF')).toMatchObject({ code: 'UNSUPPORTED_FILE' });
    expect(await code(utf8('借据号,余额\nL1,1\n'), '导出.TXT')).toBeNull();
    expect(await code(utf8('借据号,余额\nL1,1\n'), 'export')).toBeNull();
  });
});
