import { mulberry32 as random } from '../../electron/backend/seeded-random';
/**
 * A seeded, deterministic corpus of damaged and crafted import files, built from the base files
 * (base-files.ts): byte flips and truncations at spread positions in .xlsx, .xls and CSV; zip
 * bombs and crafted workbooks; encodings; line endings; control characters; absurd numbers and
 * dates; oversized lines, fields and cells; totals that disagree. Each file says what the import
 * must do with it:
 *   refuse      the preview refuses it (every damaged .xlsx, every crafted bound);
 *   same-loans  it holds the base file's data intact: read exactly as the base file is;
 *   either      row-level damage the rows' own rules judge: refused or accepted, never a crash.
 */
import { deflateRawSync } from 'node:zlib';
import { encodeGbk, utf8 as utf8Bytes } from '../unit/import/helpers';
import { baseFiles, csvText, type BaseFiles } from './base-files';
import { unzip, zip, type WriteEntry } from './zip';

export type CorpusGroup = 'xlsx' | 'xls' | 'csv';
export type Expectation = 'refuse' | 'same-loans' | 'either';

export interface CorpusFile {
  name: string;
  group: CorpusGroup;
  kind: string;
  expect: Expectation;
  /** For a crafted file refused for one reason: the error code it must be refused with. */
  code?: string;
  bytes: Buffer;
}

export interface Corpus {
  base: BaseFiles;
  files: CorpusFile[];
}


/** n positions in [from, to), one in each of n equal stretches: spread over the whole file. */
function spread(rand: () => number, n: number, from: number, to: number): number[] {
  return Array.from({ length: n }, (_, i) => from + Math.floor(((i + rand()) / n) * (to - from)));
}

function flipped(bytes: Buffer, position: number): Buffer {
  const out = Buffer.from(bytes);
  out[position] ^= 0xff;
  return out;
}

export interface CorpusOptions {
  seed?: number;
  /** Multiplies the flips and cuts (the default run keeps the corpus small enough for minutes). */
  scale?: number;
}

export function generateCorpus({ seed = 20261202, scale = 1 }: CorpusOptions = {}): Corpus {
  const rand = random(seed);
  const base = baseFiles();
  const files: CorpusFile[] = [];
  const add: Add = (group, kind, expect, bytes, code) =>
    files.push({ name: `${String(files.length + 1).padStart(3, '0')}-${kind}.${group}`, group, kind, expect, bytes, ...(code ? { code } : {}) });

  // --- byte flips and truncations ------------------------------------------------------------------
  // A flipped byte in an .xlsx is caught by the zip's checks, except in the central directory's
  // informational fields (external attributes, the host that made the entry): there the data is intact.
  const { freeRanges } = unzip(base.xlsx);
  const harmless = (p: number) => freeRanges.some(([s, e]) => p >= s && p < e) || freeRanges.some(([s]) => p === s - 33);
  for (const p of spread(rand, 100 * scale, 0, base.xlsx.length)) add('xlsx', 'flip', harmless(p) ? 'same-loans' : 'refuse', flipped(base.xlsx, p));
  for (const n of spread(rand, 30 * scale, 1, base.xlsx.length)) add('xlsx', 'cut', 'refuse', base.xlsx.subarray(0, n));
  for (const p of spread(rand, 40 * scale, 0, base.xls.length)) add('xls', 'flip', 'either', flipped(base.xls, p));
  for (const n of spread(rand, 20 * scale, 1, base.xls.length)) add('xls', 'cut', 'either', base.xls.subarray(0, n));
  for (const p of spread(rand, 40 * scale, 0, base.csv.length)) add('csv', 'flip', 'either', flipped(base.csv, p));
  for (const n of spread(rand, 30 * scale, 1, base.csv.length)) add('csv', 'cut', 'either', base.csv.subarray(0, n));

  craftedWorkbooks(base, add);
  csvVariants(base, add);
  return { base, files };
}

type Add = (group: CorpusGroup, kind: string, expect: Expectation, bytes: Buffer, code?: string) => void;

const SHEET = 'xl/worksheets/sheet1.xml';
const STRINGS = 'xl/sharedStrings.xml';

function craftedWorkbooks(base: BaseFiles, add: Add): void {
  const { entries } = unzip(base.xlsx);
  const rezip = (change: (e: WriteEntry) => WriteEntry | WriteEntry[]) => zip(entries.flatMap((e) => change({ ...e })));
  const sheet = (edit: (xml: string) => string) => rezip((e) => (e.name === SHEET ? { ...e, data: Buffer.from(edit(e.data.toString('utf8'))) } : e));
  const strings = (edit: (xml: string) => string) => rezip((e) => (e.name === STRINGS ? { ...e, data: Buffer.from(edit(e.data.toString('utf8'))) } : e));
  const append = (rows: string) => sheet((xml) => xml.replace('</sheetData>', `${rows}</sheetData>`));
  const spaces = (mb: number) => ' '.repeat(mb * 1024 * 1024);

  // Bombs: unzip a thousandfold, or to more than declared.
  add('xlsx', 'bomb-whitespace', 'refuse', sheet((xml) => xml.replace('</sheetData>', `${spaces(24)}</sheetData>`)), 'FILE_TOO_LARGE');
  add('xlsx', 'bomb-shared-string', 'refuse', strings((xml) => xml.replace('</sst>', `<si><t>${'0'.repeat(24 * 1024 * 1024)}</t></si></sst>`)), 'FILE_TOO_LARGE');
  add('xlsx', 'bomb-lying-size', 'refuse', rezip((e) => (e.name === SHEET ? { ...e, data: Buffer.from(e.data.toString() + spaces(4)), declaredSize: 1000 } : e)), 'UNREADABLE_FILE');
  const bigSheet = Buffer.from(spaces(2));
  add('xlsx', 'bomb-crafted-stream', 'refuse', rezip((e) => (e.name === SHEET ? { ...e, packed: deflateRawSync(bigSheet, { level: 9 }) } : e)), 'UNREADABLE_FILE');
  // Zip structure.
  add('xlsx', 'entry-twice', 'refuse', rezip((e) => (e.name === SHEET ? [e, e] : e)), 'UNREADABLE_FILE');
  add('xlsx', 'entry-encrypted', 'refuse', rezip((e) => (e.name === SHEET ? { ...e, flags: 1 } : e)), 'UNREADABLE_FILE');
  add('xlsx', 'entry-method-bzip2', 'refuse', rezip((e) => (e.name === SHEET ? { ...e, method: 12, packed: deflateRawSync(e.data) } : e)), 'UNREADABLE_FILE');
  add('xlsx', 'entries-stored', 'same-loans', rezip((e) => ({ ...e, method: 0 })));
  add('xlsx', 'not-xlsx-but-named-so', 'refuse', Buffer.from('借据号,余额\r\nL1,1\r\n'), 'UNREADABLE_FILE');
  // Sheet bounds.
  add('xlsx', 'cell-beyond-xfd', 'refuse', append('<row r="1083"><c r="ZZZZZZ1083"><v>1</v></c></row>'), 'FILE_TOO_LARGE');
  add('xlsx', 'row-beyond-excel', 'refuse', append('<row r="999999999"><c r="A999999999"><v>1</v></c></row>'), 'FILE_TOO_LARGE');
  add('xlsx', 'xfd-on-1300-rows', 'refuse', append(Array.from({ length: 1300 }, (_, i) => `<row r="${100 + i}"><c r="XFD${100 + i}"><v>1</v></c></row>`).join('')), 'FILE_TOO_LARGE');
  add(
    'xlsx',
    'merge-whole-sheet',
    'refuse',
    sheet((xml) =>
      xml
        .replace(/<row r="1"([^>]*)>/, '<row r="1"$1><c r="XFD1"><v>1</v></c>')
        .replace('</sheetData>', '<row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'),
    ),
    'FILE_TOO_LARGE',
  );
  add('xlsx', 'cell-40k-chars', 'refuse', append(`<row r="100"><c r="D100" t="inlineStr"><is><t>${'梁梅'.repeat(20_000)}</t></is></c></row>`), 'FILE_TOO_LARGE');
  add('xlsx', 'one-xfd-cell', 'same-loans', append('<row r="100"><c r="XFD100" t="inlineStr"><is><t>备注</t></is></c></row>'));
  add('xlsx', 'dimension-whole-sheet', 'same-loans', sheet((xml) => xml.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>')));
  add('xlsx', 'sst-count-billion', 'same-loans', strings((xml) => xml.replace(/<sst([^>]*?) count="\d+" uniqueCount="\d+"/, '<sst$1 count="1000000000" uniqueCount="1000000000"')));
}

function csvVariants(base: BaseFiles, add: Add): void {
  const rows = base.csvRows;
  const [header] = rows;
  const data = rows.slice(1, -1);
  const gbk = (text: string) => Buffer.from(encodeGbk(text));
  const utf8 = (text: string, bom = false) => Buffer.from(utf8Bytes(text, bom));
  const col = (name: string) => header.indexOf(name);
  /** Rows without the totals row: row-level damage changes the sums a totals row states. */
  const withCell = (row: number, name: string, value: string, encode: (text: string) => Buffer = gbk) => {
    const copy = [header, ...data].map((r) => [...r]);
    copy[row][col(name)] = value;
    return encode(csvText(copy));
  };

  // Line endings: the same rows, read the same.
  const text = csvText(rows);
  const lines = text.split('\r\n').slice(0, -1);
  add('csv', 'eol-crlf-header-lf-body', 'same-loans', gbk(`${lines[0]}\r\n${lines.slice(1).join('\n')}\n`));
  add('csv', 'eol-lf-header-crlf-body', 'same-loans', gbk(`${lines[0]}\n${lines.slice(1).join('\r\n')}\r\n`));
  add('csv', 'eol-lf', 'same-loans', gbk(`${lines.join('\n')}\n`));
  add('csv', 'eol-cr', 'same-loans', gbk(`${lines.join('\r')}\r`));
  add('csv', 'eol-mixed', 'same-loans', gbk(lines.map((l, i) => l + ['\r\n', '\n', '\r'][i % 3]).join('')));
  add('csv', 'eol-none-at-end', 'same-loans', gbk(lines.join('\r\n')));

  // Encodings: whole files in any of them are read alike; mixed or cut ones are refused.
  add('csv', 'enc-utf8', 'same-loans', utf8(text));
  add('csv', 'enc-utf8-bom', 'same-loans', utf8(text, true));
  add('csv', 'enc-utf16le', 'same-loans', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  add('csv', 'enc-utf16be', 'same-loans', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
  add('csv', 'enc-gbk-header-utf8-rows', 'refuse', Buffer.concat([gbk(`${lines[0]}\r\n`), utf8(`${lines.slice(1).join('\r\n')}\r\n`)]), 'MIXED_ENCODING');
  add('csv', 'enc-utf8-one-gbk-row', 'refuse', Buffer.concat([utf8(`${lines.slice(0, 30).join('\r\n')}\r\n`), gbk(`${lines[30]}\r\n`), utf8(`${lines.slice(31).join('\r\n')}\r\n`)]), 'MIXED_ENCODING');
  const utf8Text = utf8(text);
  add('csv', 'enc-utf8-cut-mid-char', 'refuse', utf8Text.subarray(0, utf8Text.lastIndexOf(Buffer.from('合计')) + 1), 'UNREADABLE_FILE');
  const gbkText = gbk(text);
  add('csv', 'enc-gbk-cut-mid-char', 'refuse', gbkText.subarray(0, gbkText.lastIndexOf(gbk('合计')) + 1), 'UNREADABLE_FILE');
  add('csv', 'enc-utf8-bom-gbk-body', 'refuse', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), gbkText]), 'UNREADABLE_FILE');
  const badByte = Buffer.from(utf8Text);
  badByte[Math.floor(badByte.length / 2)] = 0xff;
  add('csv', 'enc-utf8-invalid-byte', 'refuse', badByte, 'MIXED_ENCODING');

  // Control characters in keys and text (UTF-8: GBK has no bidi controls): the rows' rules judge them.
  const controls: Array<[string, string, string]> = [
    ['ctrl-nul-loan-number', '贷款账号', `${data[3][col('贷款账号')].slice(0, 4)}\0${data[3][col('贷款账号')].slice(4)}`],
    ['ctrl-nul-name', '借款人姓名', `梁\0梅`],
    ['ctrl-esc-name', '借款人姓名', '\x1b[31m梁梅\x1b[0m'],
    ['ctrl-bel-address', '住址', '临县白文镇城庄村\x078组'],
    ['ctrl-rlo-name', '借款人姓名', '\u202e梅梁'],
    ['ctrl-lro-loan-number', '贷款账号', `\u202d${data[3][col('贷款账号')]}`],
    ['ctrl-del-customer', '客户编号', `${data[3][col('客户编号')]}\x7f`],
    ['ctrl-zwsp-loan-number', '贷款账号', `${data[3][col('贷款账号')]}\u200b`],
    ['ctrl-formfeed-balance', '余额', '1234.5\f'],
    ['ctrl-vt-phone', '手机号', '138\v0013\v8000'],
  ];
  for (const [kind, name, value] of controls) add('csv', kind, 'either', withCell(4, name, value, (t) => utf8(t, true)));

  // Absurd numbers and dates.
  const absurd: Array<[string, string, string]> = [
    ['num-balance-9e15', '余额', '9000000000000000'],
    ['num-balance-1e308', '余额', '1e308'],
    ['num-balance-90-trillion', '余额', '90,000,000,000,000.00'],
    ['num-balance-1,2,3', '余额', '1,2,3'],
    ['num-balance-negative', '余额', '-5'],
    ['num-balance-nan', '余额', 'NaN'],
    ['num-balance-infinity', '余额', 'Infinity'],
    ['num-balance-tiny', '余额', '0.000000001'],
    ['num-contract-negative', '合同金额', '-50000'],
    ['num-interest-negative', '欠息', '-1'],
    ['num-rate-million', '年利率%', '1000000'],
    ['num-overdue-days-1e12', '本金逾期天数', '1000000000000'],
    ['date-9999-12-31', '到期日', '9999-12-31'],
    ['date-0000-00-00', '放款日', '0000-00-00'],
    ['date-month-13', '放款日', '20261399'],
    ['date-serial-beyond-9999', '到期日', '2958466'],
  ];
  for (const [kind, name, value] of absurd) add('csv', kind, 'either', withCell(4, name, value));

  // Oversized lines, fields, cells, line counts.
  add('csv', 'big-line-2mb', 'refuse', gbk(`${lines.slice(0, 10).join('\r\n')}\r\n${'9'.repeat(2 * 1024 * 1024)}\r\n`), 'FILE_TOO_LARGE');
  add('csv', 'big-100k-fields', 'refuse', gbk(`${lines.slice(0, 10).join('\r\n')}\r\n${','.repeat(100_000)}\r\n`), 'FILE_TOO_LARGE');
  add('csv', 'big-cell-40k', 'refuse', withCell(4, '住址', '村'.repeat(40_000)), 'FILE_TOO_LARGE');
  add('csv', 'big-1.1m-lines', 'refuse', Buffer.concat([gbk(`${lines.slice(0, 10).join('\r\n')}\r\n`), Buffer.alloc(1_100_000, 0x0a)]), 'FILE_TOO_LARGE');

  // Totals that disagree with the rows, or say nothing.
  const totals = rows.at(-1)!;
  const withTotals = (t: string[], body = data) => gbk(csvText([header, ...body, t]));
  add('csv', 'totals-count-wrong', 'refuse', withTotals(totals.map((v) => v.replace(/^共(\d+)笔$/, (_, n) => `共${Number(n) + 1}笔`))), 'TOTALS_MISMATCH');
  add('csv', 'totals-sum-wrong', 'refuse', withTotals(totals.map((v, c) => (c === col('余额') ? (Number(v) + 0.01).toFixed(2) : v))), 'TOTALS_MISMATCH');
  add('csv', 'totals-row-deleted', 'refuse', withTotals(totals, [...data.slice(0, 20), ...data.slice(21)]), 'TOTALS_MISMATCH');
  add('csv', 'totals-without-figures', 'same-loans', withTotals(['合计']));
}
