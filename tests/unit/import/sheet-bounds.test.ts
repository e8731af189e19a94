import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseImportFile } from '../../../electron/backend/import/parse/parse-import-file';
import { parseImportFileIn } from '../../../electron/backend/import/parse/parse-in-worker';
import { SAMPLE } from '../../helpers/sample-files';
import { withEntry } from '../../corpus/zip';

const SHEET = 'xl/worksheets/sheet1.xml';
const workerFromSource = new URL('../../helpers/parse-worker-from-source.mjs', import.meta.url);
const sample = () => readFileSync(SAMPLE.xlsx);
const sheet = (change: (xml: string) => string) => withEntry(sample(), SHEET, change);

/** Rows appended after the sample's last row (213). */
const appendRows = (rows: string) => sheet((xml) => xml.replace('</sheetData>', `${rows}</sheetData>`));

async function outcome(bytes: Uint8Array): Promise<{ code: string; userMessage: string } | { loans: number }> {
  try {
    const parsed = await parseImportFile(bytes, '贷款台账.xlsx');
    return { loans: parsed.kind === 'parsed' ? parsed.file.loans.length : -1 };
  } catch (err) {
    return err as { code: string; userMessage: string };
  }
}

describe('sheet bounds: a crafted sheet is refused, not read into all memory', () => {
  it('a cell beyond Excel’s last column (ZZZZZZ1083) — it exhausted the heap', async () => {
    const crafted = appendRows('<row r="1083"><c r="ZZZZZZ1083"><v>1</v></c></row>');
    expect(crafted.length).toBeLessThan(60_000);
    expect(await outcome(crafted)).toMatchObject({ code: 'FILE_TOO_LARGE', userMessage: expect.stringContaining('第 1083 行有超出 Excel 最后一列（XFD）的单元格') });
  });

  it('a row beyond Excel’s last row', async () => {
    expect(await outcome(appendRows('<row r="999999999"><c r="A999999999"><v>1</v></c></row>'))).toMatchObject({
      code: 'FILE_TOO_LARGE',
      userMessage: expect.stringContaining('超出 Excel 的最后一行'),
    });
  });

  it('a stray value in column XFD on many rows (each row read 16,384 cells wide)', async () => {
    const rows = Array.from({ length: 1300 }, (_, i) => `<row r="${300 + i}"><c r="XFD${300 + i}"><v>1</v></c></row>`).join('');
    expect(await outcome(appendRows(rows))).toMatchObject({ code: 'FILE_TOO_LARGE', userMessage: expect.stringContaining('到 XFD 列') });
  });

  it('a merged range over the whole sheet (A1:XFD1048576) — it filled 17 billion cells', async () => {
    const crafted = sheet((xml) =>
      xml
        .replace('<c r="A1" t="s"><v>0</v></c>', '<c r="A1" t="s"><v>0</v></c><c r="XFD1"><v>1</v></c>')
        .replace('</sheetData>', '<row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData>')
        .replace('<mergeCell ref="A1:T1"/>', '<mergeCell ref="A1:XFD1048576"/>'),
    );
    const giveUp = new AbortController();
    const timer = setTimeout(() => giveUp.abort(new Error('still parsing after 15 s')), 15_000);
    const parsing = parseImportFileIn(workerFromSource, crafted, '贷款台账.xlsx', { signal: giveUp.signal });
    await expect(parsing).rejects.toMatchObject({ code: 'FILE_TOO_LARGE', userMessage: expect.stringContaining('合并的单元格范围过大') });
    clearTimeout(timer);
  });

  it('a cell longer than Excel allows (32,767 characters)', async () => {
    const long = '梁'.repeat(40_000);
    const crafted = sheet((xml) => xml.replace('<c r="D4" t="s"><v>24</v></c>', `<c r="D4" t="inlineStr"><is><t>${long}</t></is></c>`));
    expect(await outcome(crafted)).toMatchObject({ code: 'FILE_TOO_LARGE', userMessage: expect.stringContaining('第 4 行 D 列的文字有 40000 个字符') });
  });

  it('still reads what Excel itself allows: one value in XFD, a dimension claiming the whole sheet', async () => {
    const loans = (await outcome(sample())) as { loans: number };
    expect(loans.loans).toBe(205);
    expect(await outcome(appendRows('<row r="300"><c r="XFD300" t="inlineStr"><is><t>备注</t></is></c></row>'))).toEqual(loans);
    expect(await outcome(sheet((xml) => xml.replace('<dimension ref="A1:T213"/>', '<dimension ref="A1:XFD1048576"/>')))).toEqual(loans);
  });
});
