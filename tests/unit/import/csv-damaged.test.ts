import { describe, expect, it } from 'vitest';
import { parseImportFile, type ParseOutcome } from '../../../electron/backend/import/parse/parse-import-file';
import type { ParsedFile } from '../../../electron/backend/import/parsed-file';
import { encodeGbk, SAMPLE_HEADER, sampleRow, toCsv, utf8 } from './helpers';

const TITLE = '某农村商业银行 林家坪支行 贷款台账';
const rows = (n: number) => Array.from({ length: n }, (_, i) => sampleRow(i + 1, { 借款人姓名: ['梁梅', '彭兰', '萧喜', '姜有兰'][i % 4] }));
const lines = (n: number) => toCsv([SAMPLE_HEADER, ...rows(n)]).split('\r\n');

function parsed(outcome: ParseOutcome): ParsedFile {
  if (outcome.kind !== 'parsed') throw new Error('needs mapping');
  return outcome.file;
}

async function outcome(bytes: Uint8Array, fileName = '贷款台账.csv'): Promise<ParsedFile | { code: string; userMessage: string } | 'needs-mapping'> {
  try {
    const result = await parseImportFile(bytes, fileName);
    return result.kind === 'parsed' ? result.file : 'needs-mapping';
  } catch (err) {
    return err as { code: string; userMessage: string };
  }
}

describe('CSV line endings: every line ending ends a row, whatever the first line used', () => {
  it('a CRLF header above LF rows is 300 rows, not one row of 6,000 fields', async () => {
    const [header, ...body] = lines(300);
    const file = parsed(await parseImportFile(utf8(`${header}\r\n${body.join('\n')}\n`), 'a.csv'));
    expect(file.rowsRead).toBe(300);
    expect(file.loans).toHaveLength(300);
    expect(file.loans.at(-1)).toMatchObject({ row: 301, managerName: '李志强' });
  });

  it('an LF header above CRLF rows, and lines ending alike in CR only', async () => {
    const [header, ...body] = lines(50);
    const lfThenCrlf = parsed(await parseImportFile(utf8(`${header}\n${body.join('\r\n')}\r\n`), 'a.csv'));
    expect(lfThenCrlf.loans).toHaveLength(50);
    expect(lfThenCrlf.loans.every((l) => l.managerName === '李志强')).toBe(true);
    const crOnly = parsed(await parseImportFile(utf8(`${[header, ...body].join('\r')}\r`), 'a.csv'));
    expect(crOnly.loans.map((l) => l.row)).toEqual(lfThenCrlf.loans.map((l) => l.row));
  });

  it('rows are numbered by their line whatever ends each line', async () => {
    const [header, ...body] = toCsv([SAMPLE_HEADER, ...rows(30).map((r, i) => (i === 20 ? r.map((v, c) => (c === 7 ? '' : v)) : r))]).split('\r\n');
    const mixed = [header, ...body].map((l, i) => l + ['\r\n', '\n', '\r'][i % 3]).join('');
    const file = parsed(await parseImportFile(utf8(mixed), 'a.csv'));
    expect(file.rejected).toEqual([{ row: 22, code: 'missing_loan_number', reason: '缺少借据号' }]);
    expect(file.loans.at(-1)?.row).toBe(31);
  });

  it('a file of CR-only lines over 1 MB is many lines, not one too long', async () => {
    const [header, ...body] = lines(6000);
    const file = parsed(await parseImportFile(utf8(`${[header, ...body].join('\r')}\r`), 'a.csv'));
    expect(file.rowsRead).toBe(6000);
  });
});

describe('CSV encodings: decided for the whole file, a mixed one refused', () => {
  it('a GBK header above UTF-8 rows is refused, not imported with garbled names', async () => {
    const [header, ...body] = lines(20);
    const mixed = Buffer.concat([encodeGbk(`${TITLE}\r\n${header}\r\n`), utf8(`${body.join('\r\n')}\r\n`)]);
    expect(await outcome(mixed)).toMatchObject({ code: 'MIXED_ENCODING', userMessage: expect.stringContaining('编码不一致') });
  });

  it('a UTF-8 file with one row in GBK is refused, naming the row', async () => {
    const all = lines(20);
    const mixed = Buffer.concat([utf8(`${all.slice(0, 10).join('\r\n')}\r\n`), encodeGbk(`${all[10]}\r\n`), utf8(all.slice(11).join('\r\n'))]);
    expect(await outcome(mixed)).toMatchObject({ code: 'MIXED_ENCODING', userMessage: expect.stringContaining('第 11 行') });
  });

  it('a UTF-8 file cut in the middle of a character is called incomplete, not an unknown layout', async () => {
    const whole = utf8(`${lines(20).join('\r\n')}\r\n${TITLE}`);
    const cut = whole.subarray(0, whole.length - 1); // the last 账 loses its last byte
    expect(await outcome(cut)).toMatchObject({ code: 'UNREADABLE_FILE', userMessage: expect.stringContaining('在一个字符的中间结束') });
    // Cut after the first byte of the last line's first character.
    const early = whole.subarray(0, Buffer.from(whole).lastIndexOf(Buffer.from(TITLE)) + 1);
    expect(await outcome(early)).toMatchObject({ code: 'UNREADABLE_FILE', userMessage: expect.stringContaining('在一个字符的中间结束') });
  });

  it('a GBK file cut in the middle of a character is called incomplete too', async () => {
    const whole = encodeGbk(`${lines(20).join('\r\n')}\r\n${TITLE}`);
    expect(await outcome(whole.subarray(0, whole.length - 1))).toMatchObject({ code: 'UNREADABLE_FILE', userMessage: expect.stringContaining('在一个字符的中间结束') });
  });

  it('still reads whole files in GBK, UTF-8 with or without BOM, and UTF-16', async () => {
    const text = `${lines(20).join('\r\n')}\r\n`;
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const names = (f: unknown) => (f as ParsedFile).loans.map((l) => l.name);
    const expected = names(await outcome(utf8(text)));
    expect(expected.slice(0, 4)).toEqual(['梁梅', '彭兰', '萧喜', '姜有兰']);
    for (const bytes of [encodeGbk(text), utf8(text, true), utf16]) expect(names(await outcome(bytes))).toEqual(expected);
  });
});

describe('CSV bounds and cut-off files', () => {
  it('a line longer than 1 MB is refused before it is split into fields', async () => {
    const long = utf8(`${lines(3).join('\r\n')}\r\n${'9'.repeat(2 * 1024 * 1024)}\r\n`);
    expect(await outcome(long)).toMatchObject({ code: 'FILE_TOO_LARGE', userMessage: expect.stringContaining('第 5 行有 2097152 个字符') });
  });

  it('a line of 100,000 fields is refused (Excel has 16,384 columns)', async () => {
    const wide = utf8(`${lines(3).join('\r\n')}\r\n${','.repeat(100_000)}\r\n`);
    expect(await outcome(wide)).toMatchObject({ code: 'FILE_TOO_LARGE', userMessage: expect.stringContaining('第 5 行有 100001 列') });
  });

  it('a last line cut off (no line break, fewer fields than the header) is refused, not read with a cut value', async () => {
    const all = lines(20);
    const last = all.at(-1)!;
    const cut = utf8(`${all.slice(0, -1).join('\r\n')}\r\n${last.slice(0, last.indexOf(',50000,') + 4)}`); // 合同金额 50000 read as 500
    expect(await outcome(cut)).toMatchObject({ code: 'UNREADABLE_FILE', userMessage: expect.stringContaining('最后一行（第 21 行）只有') });
    // The same rows with the last line ended, or complete without a line break, are read.
    expect(await outcome(utf8(`${all.join('\r\n')}`))).toMatchObject({ rowsRead: 20 });
  });

  it('a file cut inside a quoted field is called incomplete', async () => {
    const all = lines(20);
    const text = `${all.join('\r\n')}\r\n`;
    const cut = text.slice(0, text.lastIndexOf('"35,484') + 4);
    expect(await outcome(utf8(cut))).toMatchObject({ code: 'UNREADABLE_FILE', userMessage: expect.stringContaining('带引号的字段中结束') });
  });
});
