import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseImportFile } from '../../../electron/backend/import/parse/parse-import-file';
import type { ParsedFile } from '../../../electron/backend/import/parsed-file';
import { SAMPLE } from '../../helpers/sample-files';
import { withEntry } from '../../corpus/zip';
import { SAMPLE_HEADER, sampleRow, toCsv, utf8 } from './helpers';

async function outcome(bytes: Uint8Array, fileName: string): Promise<ParsedFile | { code: string; userMessage: string }> {
  try {
    const result = await parseImportFile(bytes, fileName);
    if (result.kind !== 'parsed') throw new Error('needs mapping');
    return result.file;
  } catch (err) {
    return err as { code: string; userMessage: string };
  }
}

/** 20 loans of 35,484.25 元 each: 709,685.00 元. */
const body = Array.from({ length: 20 }, (_, i) => sampleRow(i + 1));
const totalsRow = (label: string, count: string, balance: unknown) => [label, '', '', '', '', '', '', count, '', '', '', '', '', '', balance];
const csv = (rows: unknown[][]) => utf8(`${toCsv([SAMPLE_HEADER, ...rows])}\r\n`);

describe('the totals row (合计) is checked against the rows read', () => {
  it('the sample’s totals row matches its balances', async () => {
    expect(await outcome(readFileSync(SAMPLE.xlsx), 'sample.xlsx')).toMatchObject({ totals: { kind: 'matched', row: 213, count: null, balanceFen: 1960727697 } });
  });

  it('a workbook that lost rows above its totals row is refused (it read like a smaller export)', async () => {
    // Rows 60–159 gone, as when a damaged file is read only in part.
    const cut = withEntry(readFileSync(SAMPLE.xlsx), 'xl/worksheets/sheet1.xml', (xml) => xml.replace(/<row r="(\d+)"[^>]*>.*?<\/row>/g, (row, r) => (Number(r) >= 60 && Number(r) < 160 ? '' : row)));
    expect(await outcome(cut, 'sample.xlsx')).toMatchObject({
      code: 'TOTALS_MISMATCH',
      userMessage: expect.stringMatching(/合计行（第 213 行）写着 余额合计 19,607,276\.97 元，但文件中读到的是 余额合计 [\d,.]+ 元。文件可能不完整或已损坏/),
    });
  });

  it('a count of loans (共20笔) and a sum that agree are taken; one row missing is refused', async () => {
    expect(await outcome(csv([...body, totalsRow('合计', '共20笔', '709,685.00')]), 'a.csv')).toMatchObject({
      rowsRead: 20,
      totals: { kind: 'matched', row: 22, count: 20, balanceFen: 70968500 },
    });
    const missing = await outcome(csv([...body.slice(0, 12), ...body.slice(13), totalsRow('合计', '共20笔', '709,685.00')]), 'a.csv');
    expect(missing).toMatchObject({ code: 'TOTALS_MISMATCH', userMessage: expect.stringContaining('写着 20 笔、余额合计 709,685.00 元，但文件中读到的是 19 笔、余额合计 674,200.75 元') });
  });

  it('a count alone is checked too; a group’s 小计 is not the file’s total', async () => {
    expect(await outcome(csv([...body, totalsRow('合计', '21 笔', '')]), 'a.csv')).toMatchObject({ code: 'TOTALS_MISMATCH' });
    expect(await outcome(csv([...body, totalsRow('小计', '共3笔', 1)]), 'a.csv')).toMatchObject({ totals: { kind: 'none' } });
  });

  it('says when there is no totals row, or one without figures', async () => {
    expect(await outcome(csv(body), 'a.csv')).toMatchObject({ rowsRead: 20, totals: { kind: 'none' } });
    expect(await outcome(csv([...body, ['合计']]), 'a.csv')).toMatchObject({ rowsRead: 20, totals: { kind: 'no-figures', row: 22 } });
  });
});
