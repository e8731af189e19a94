import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseImportFile, parseImportFileWhole, type ParseOptions } from '../../../electron/backend/import/parse/parse-import-file';
import { openGridRows, openRows } from '../../../electron/backend/import/parse/open-rows';
import type { ParsedLoanRow } from '../../../electron/backend/import/parsed-file';
import { NotStreamable } from '../../../electron/backend/import/parse/sheet-cells';
import { openXlsxRows } from '../../../electron/backend/import/parse/xlsx-rows';
import { coreExportXlsx } from '../../bench/core-export-file';
import { zip } from '../../corpus/zip';
import { encodeGbk, SAMPLE_HEADER, sampleRow, toCsv, utf8 } from './helpers';

/**
 * Issue 13's done-when: the same files through the old reader (the whole grid, SheetJS for every
 * workbook) and the streaming one (xlsx-rows.ts, csv-rows.ts) give the same rows, cell by cell,
 * and the same parse: every loan, rejection, warning, figure, or the same error.
 */

type Settled = { ok: true; value: unknown } | { ok: false; error: { code?: string; message: string; userMessage?: string } };

async function settle(work: Promise<unknown>): Promise<Settled> {
  try {
    return { ok: true, value: await work };
  } catch (err) {
    const e = err as { code?: string; message: string; userMessage?: string };
    return { ok: false, error: { code: e.code, message: e.message, userMessage: e.userMessage } };
  }
}

async function allRows(open: typeof openRows, bytes: Uint8Array, fileName: string): Promise<unknown> {
  const source = await open(bytes, fileName);
  const rows: unknown[][] = [];
  const rowNumbers: number[] = [];
  try {
    for (let batch = await source.next(); batch; batch = await source.next()) {
      rows.push(...batch.rows);
      rowNumbers.push(...batch.rowNumbers);
    }
  } catch (err) {
    // A sheet the streaming reader hands back to SheetJS (as the parse does).
    if (!(err instanceof NotStreamable)) throw err;
    return allRows(openGridRows, bytes, fileName);
  }
  return { format: source.format, rows, rowNumbers, unterminated: source.unterminated() };
}

/** Both readers, rows and parse; returns the streaming reader's parse. */
async function same(bytes: Uint8Array, fileName: string, opts: ParseOptions = {}): Promise<Settled> {
  const streamed = await settle(parseImportFile(bytes, fileName, opts));
  const whole = await settle(parseImportFileWhole(bytes, fileName, opts));
  expect(streamed).toEqual(whole);
  expect(await settle(allRows(openRows, bytes, fileName))).toEqual(await settle(allRows(openGridRows, bytes, fileName)));
  return streamed;
}

/** Whether the streaming reader reads the workbook itself (null: it leaves it to SheetJS). */
const streams = async (bytes: Uint8Array) => (await openXlsxRows(bytes, 'x.xlsx')) !== null;

const parsedFile = (s: Settled) => {
  if (!s.ok || (s.value as { kind: string }).kind !== 'parsed') throw new Error(`not parsed: ${JSON.stringify(s).slice(0, 300)}`);
  return (s.value as { file: { loans: ParsedLoanRow[]; rejected: unknown[]; warnings: unknown[]; duplicates: number; totals: { kind: string } } }).file;
};

// --- a workbook written by hand, to hold what SheetJS's writer never writes ---------------------------

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface SheetSpec {
  /** The <sheetData> content. */
  data: string;
  /** What follows </sheetData> (merges). */
  tail?: string;
  hidden?: boolean;
  /** The element prefix written (x:), as some exporters do. */
  prefix?: string;
}

function handWorkbook(sheets: SheetSpec[], sharedStrings: string[] | null, workbookPr = ''): Buffer {
  const files: Array<{ name: string; text: string }> = [];
  const overrides = sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('');
  files.push({
    name: '[Content_Types].xml',
    text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${overrides}${sharedStrings ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}</Types>`,
  });
  files.push({
    name: '_rels/.rels',
    text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  });
  files.push({
    name: 'xl/workbook.xml',
    text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${MAIN}" xmlns:r="${REL}">${workbookPr}<sheets>${sheets.map((s, i) => `<sheet name="表${i + 1}" sheetId="${i + 1}"${s.hidden ? ' state="hidden"' : ''} r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
  });
  files.push({
    name: 'xl/_rels/workbook.xml.rels',
    text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}${sharedStrings ? `<Relationship Id="rId${sheets.length + 1}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>`,
  });
  sheets.forEach((s, i) => {
    const p = s.prefix ?? '';
    const ns = p ? `xmlns:${p.slice(0, -1)}="${MAIN}"` : `xmlns="${MAIN}"`;
    files.push({ name: `xl/worksheets/sheet${i + 1}.xml`, text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${p}worksheet ${ns} xmlns:r="${REL}"><${p}dimension ref="A1:T30"/><${p}sheetData>${s.data}</${p}sheetData>${s.tail ?? ''}</${p}worksheet>` });
  });
  if (sharedStrings) {
    files.push({ name: 'xl/sharedStrings.xml', text: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN}" count="${sharedStrings.length}" uniqueCount="${sharedStrings.length}">${sharedStrings.join('')}</sst>` });
  }
  return zip(files.map((f) => ({ name: f.name, data: Buffer.from(f.text, 'utf8') })));
}

const COLS = 'ABCDEFGHIJKLMNOPQRST';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A sheet of the sample's layout: title, meta, header, then rows; cells written in the forms `cell` picks. */
function loanSheet(rows: unknown[][], cell: (value: unknown, ref: string, rowIndex: number, col: number) => string, firstRow = 1): string {
  return rows
    .map((r, i) => {
      const n = firstRow + i;
      return `<row r="${n}">${r.map((v, c) => (v === undefined ? '' : cell(v, `${COLS[c]}${n}`, i, c))).join('')}</row>`;
    })
    .join('');
}

const inline = (v: unknown, ref: string) =>
  typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${esc(String(v))}</t></is></c>`;

const TITLE = ['某农村商业银行 林家坪支行 贷款台账'];
const META = ['机构：林家坪支行', undefined, '数据日期：2026年10月31日'];

function sampleRows(): unknown[][] {
  return [
    TITLE,
    META,
    SAMPLE_HEADER,
    sampleRow(1),
    sampleRow(2, { 放款日: 45043, 到期日: '2026/4/26', 余额: 35484.25, 合同金额: '50000' }),
    sampleRow(3, { 贷款账号: '' }),
    sampleRow(4, { 余额: '三万' }),
    sampleRow(1),
    sampleRow(5, { 贷款账号: String(88011000000 + 2), 余额: 1 }),
    sampleRow(6, { 身份证号码: '141124195705010728', 手机号: '123', 住址: '' }),
    [],
    sampleRow(7, { 借款人姓名: '梁\u3000梅', 风险分类: '关注二级', '年利率%': '5.6%' }),
    ['合计', undefined, '共8笔'],
  ];
}

describe('the streaming reader reads every file as the whole-grid reader did', () => {
  it('the sample export, in each of its formats (shipped copies and /work/shared/samples)', async () => {
    const dirs = [new URL('../../fixtures/', import.meta.url).pathname, '/work/shared/samples/'];
    let files = 0;
    for (const dir of dirs) {
      let names: string[];
      try {
        names = readdirSync(dir).filter((n) => /\.(xlsx|xls|csv)$/.test(n));
      } catch {
        continue; // the shared copy is not on every machine
      }
      for (const name of names) {
        const file = parsedFile(await same(readFileSync(path.join(dir, name)), name));
        expect(file.loans.length).toBeGreaterThan(0);
        files++;
      }
    }
    expect(files).toBeGreaterThanOrEqual(3);
  });

  it('shared strings, inline strings, rich text with phonetic runs, formula results, entities and escapes', async () => {
    const rows = sampleRows();
    const strings: string[] = [];
    const index = new Map<string, number>();
    const shared = (s: string) => {
      if (!index.has(s)) {
        index.set(s, strings.length);
        // Rich text for every name: the runs joined, the phonetic reading left out.
        strings.push(s === '梁梅' ? '<si><r><t>梁</t></r><r><rPr><b/></rPr><t xml:space="preserve">梅</t></r><rPh sb="0" eb="1"><t>liang</t></rPh></si>' : `<si><t>${esc(s)}</t></si>`);
      }
      return index.get(s)!;
    };
    const data = loanSheet(rows, (v, ref, i, c) => {
      if (typeof v === 'number') return c === 13 ? `<c r="${ref}" s="2"><f>SUM(1,2)</f><v>${v}</v></c>` : `<c r="${ref}"><v>${v}</v></c>`;
      const s = String(v);
      if (c === 6) return `<c r="${ref}" t="str"><f>A1</f><v>${esc(esc(s))}&amp;lt;组&amp;gt;</v></c>`; // address: a formula's text result
      if (c === 19 && i % 2 === 0) return `<c r="${ref}" t="inlineStr"><is><t><![CDATA[${s}]]></t></is></c>`;
      if (c === 8) return `<c r="${ref}" t="inlineStr"><is><r><t>${esc(s.slice(0, 4))}</t></r><r><t>${esc(s.slice(4))}_x0020_</t></r></is></c>`;
      return `<c r="${ref}" t="s"><v>${shared(s)}</v></c>`;
    });
    const bytes = handWorkbook([{ data, tail: '<mergeCells count="1"><mergeCell ref="A1:T1"/></mergeCells>' }], strings);
    expect(await streams(bytes)).toBe(true);
    const file = parsedFile(await same(bytes, 'hand.xlsx'));
    expect(file.loans.map((l) => l.name)).toContain('梁梅');
    expect(file.rejected.length).toBeGreaterThan(0);
    expect(file.warnings.length).toBeGreaterThan(0);
  });

  it('empty, boolean, error and ISO date cells, cells without a reference, blank and leading rows, a namespace prefix', async () => {
    const rows = sampleRows();
    const odd = (v: unknown, ref: string, i: number, c: number) => {
      if (i === 4 && c === 17) return `<c r="${ref}" t="e"><v>#N/A</v></c>`;
      if (i === 5 && c === 11) return `<c r="${ref}" t="d"><v>2023-04-27T00:00:00</v></c>`;
      if (i === 6 && c === 12) return `<c r="${ref}" t="d"><v>2026-04-26</v></c>`;
      if (i === 9 && c === 1) return `<c r="${ref}" t="b"><v>1</v></c>`;
      if (i === 9 && c === 2) return `<c r="${ref}" s="3"/><c r="${ref.replace('C', 'Y')}" s="3"/>`;
      if (i === 11) return c === 0 ? inline(v, ref) : inline(v, ref).replace(/ r="[A-Z]+\d+"/, '');
      return inline(v, ref);
    };
    const data = loanSheet(rows, odd, 3).replace(/<(\/?)(row|c|v|is|t)\b/g, '<$1x:$2') + '<x:row r="40"><x:c r="A40" s="1"/><x:c r="B40" t="s"/></x:row>';
    const bytes = handWorkbook([{ data, prefix: 'x:' }], null);
    expect(await streams(bytes)).toBe(true);
    parsedFile(await same(bytes, 'odd.xlsx'));
  });

  it('the first visible sheet with a value: an empty visible sheet and a hidden one passed over, else the hidden first sheet', async () => {
    const data = loanSheet(sampleRows(), inline);
    parsedFile(await same(handWorkbook([{ data: loanSheet([['旧表'], ...sampleRows().slice(2, 5)], inline), hidden: true }, { data: '' }, { data }], null), 'sheets.xlsx'));
    parsedFile(await same(handWorkbook([{ data, hidden: true }, { data: '<row r="2"><c r="B2" s="1"/></row>' }], null), 'hidden.xlsx'));
  });

  it('files it leaves to SheetJS: a cell merged down two rows, rows out of order, the 1904 date system, a missing shared string', async () => {
    const rows = sampleRows();
    const merged = loanSheet(rows, inline);
    const mergedDown = handWorkbook([{ data: merged, tail: '<mergeCells count="1"><mergeCell ref="D4:D5"/></mergeCells>' }], null);
    expect(await streams(mergedDown)).toBe(false);
    await same(mergedDown, 'merged.xlsx');
    const outOfOrder = merged.replace(/(<row r="5">.*?<\/row>)(<row r="6">.*?<\/row>)/, '$2$1');
    await same(handWorkbook([{ data: outOfOrder }], null), 'order.xlsx');
    const date1904 = handWorkbook([{ data: merged }], null, '<workbookPr date1904="1"/>');
    expect(await streams(date1904)).toBe(false);
    await same(date1904, '1904.xlsx');
    await same(handWorkbook([{ data: merged.replace('<c r="A1" t="inlineStr"><is><t>', '<c r="U1" t="s"><v>7</v></c><c r="A1" t="inlineStr"><is><t>') }], ['<si><t>x</t></si>']), 'sst.xlsx');
  });

  it('a county-size file in batches: the loans handed over while reading are the parse’s loans, in order', async () => {
    const bytes = coreExportXlsx(6_000);
    const batches: ParsedLoanRow[][] = [];
    const file = parsedFile(await same(bytes, 'county.xlsx'));
    const again = await parseImportFile(bytes, 'county.xlsx', { onLoans: (b) => void batches.push(b) });
    expect(batches.length).toBeGreaterThanOrEqual(2);
    expect(batches.flat()).toEqual(file.loans);
    expect(again).toEqual({ kind: 'parsed', file });
    expect(file.loans).toHaveLength(6_000);
    const kept: ParsedLoanRow[] = [];
    const batchesOnly = await parseImportFile(bytes, 'county.xlsx', { onLoans: (b) => void kept.push(...b), loansInBatchesOnly: true });
    expect(kept).toEqual(file.loans);
    expect(batchesOnly).toEqual({ kind: 'parsed', file: { ...file, loans: [] } });
  });

  it('layouts: none recognised (the same sample rows), chosen by the user, outside the file, from a saved profile', async () => {
    const rows = [['甲', '乙', '丙'], ['1', '2', '3'], ['梁梅', 'x', '35,484.25']];
    const needs = await same(utf8(toCsv(rows)), 'plain.csv');
    expect((needs as { value: { kind: string } }).value.kind).toBe('needs-mapping');
    const mapping = { loanNo: 0, name: 1, balance: 2 };
    await same(workbookBytesOf(rows), 'plain.xlsx', { layout: { headerIndex: 0, mapping } });
    await same(workbookBytesOf(rows), 'plain.xlsx', { layout: { headerIndex: 30, mapping } });
    await same(workbookBytesOf(rows), 'plain.xlsx', { profiles: [{ headerSignature: '甲|乙|丙', mapping }] });
  });

  it('CSV in GBK and in UTF-8 with a BOM, quoted line breaks, leading blank lines, a cut last line', async () => {
    const rows = sampleRows().slice(2).map((r) => r.map((v) => (v === undefined ? '' : v)));
    const text = toCsv(rows);
    parsedFile(await same(encodeGbk(text), 'gbk.csv'));
    parsedFile(await same(utf8(`\r\n,,\r\n${text}\r\n`, true), 'bom.csv'));
    await same(utf8(text.replace('临县白文镇城庄村8组', '"临县白文镇\r\n城庄村8组"')), 'quoted.csv');
    await same(utf8(`${toCsv(rows.slice(0, 4))}\r\n1,林家坪支行,C880001`), 'cut.csv');
  });

  it('the same refusals: a cell over Excel’s length, a damaged file, not a spreadsheet', async () => {
    const rows = sampleRows();
    rows[5] = sampleRow(9, { 住址: '村'.repeat(40_000) });
    const long = await same(handWorkbook([{ data: loanSheet(rows, inline) }], null), 'long.xlsx');
    expect(long).toMatchObject({ ok: false, error: { code: 'FILE_TOO_LARGE' } });
    const good = handWorkbook([{ data: loanSheet(sampleRows(), inline) }], null);
    const flipped = Buffer.from(good);
    flipped[Math.floor(flipped.length / 2)] ^= 0x20;
    expect(await same(flipped, 'flipped.xlsx')).toMatchObject({ ok: false });
    expect(await same(Buffer.from('%PDF-1.7'), 'x.pdf')).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_FILE' } });
  });
});

function workbookBytesOf(rows: unknown[][]): Buffer {
  return handWorkbook([{ data: loanSheet(rows, inline) }], null);
}
