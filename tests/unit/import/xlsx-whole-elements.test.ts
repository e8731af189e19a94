import { describe, expect, it } from 'vitest';
import { SharedStrings } from '../../../electron/backend/import/parse/shared-strings';
import { NotStreamable, SheetCells } from '../../../electron/backend/import/parse/sheet-cells';
import { XmlScanner, type XmlHandler } from '../../../electron/backend/import/parse/xml-scan';

/**
 * SheetCells reads the usual cell (`<c …><v>…</v></c>`, `<c …/>`), and SharedStrings the plain
 * item (`<si><t>…</t></si>`), in one step (wholeElement). Each must read every part exactly as it
 * does token by token: here the same XML through both, cut into chunks of many sizes (an element
 * cut at a chunk's end goes to the tokens).
 */

/** The handler as the scanner sees it without its one-step reading. */
function tokensOnly(h: XmlHandler): XmlHandler {
  return {
    get wantText() {
      return h.wantText;
    },
    open: (name, src, from, to, selfClosing) => h.open(name, src, from, to, selfClosing),
    close: (name) => h.close(name),
    text: (raw) => h.text(raw),
  };
}

function scan(h: XmlHandler, xml: string, chunk: number): void {
  const scanner = new XmlScanner(h);
  for (let at = 0; at < xml.length; at += chunk) scanner.write(xml.slice(at, at + chunk));
  scanner.end();
}

const STRINGS = ['甲', '乙', undefined, '丁'];
const CHUNKS = [1, 2, 3, 5, 8, 13, 21, 64, 1000];

type Read = { rows: Array<[number, unknown[], number]>; error: string | null };

function read(xml: string, chunk: number, wholeElements: boolean): Read {
  const rows: Read['rows'] = [];
  const cells = new SheetCells(STRINGS, { row: (index, values, stored) => rows.push([index, [...values], stored]) });
  try {
    scan(wholeElements ? cells : tokensOnly(cells), xml, chunk);
    cells.finish();
    return { rows, error: null };
  } catch (err) {
    if (!(err instanceof NotStreamable)) throw err;
    return { rows, error: err.message };
  }
}

const sheet = (data: string) => `<?xml version="1.0"?><worksheet><dimension ref="A1:F9"/><sheetData>${data}</sheetData></worksheet>`;

const CELLS = [
  '<c r="A1" t="s"><v>0</v></c>',
  '<c r="B1"><v>42</v></c>',
  '<c r="C1" s="3" t="n"><v>007</v></c>',
  '<c r="D1" t=""><v>123456789012345</v></c>',
  '<c r="E1"><v>1234567890123456789</v></c>',
  '<c r="F1"><v>-1.5E-3</v></c>',
  '<c r="A2" t="s"><v>2</v></c>',
  '<c r="B2" t="s"><v>3</v></c>',
  '<c r="C2" t="str"><v>a&amp;b_x0041_</v></c>',
  '<c r="D2" t="b"><v>1</v></c>',
  '<c r="E2" t="e"><v>#N/A</v></c>',
  '<c r="F2" t="d"><v>2026-10-31</v></c>',
  '<c r="A3" s="1"/>',
  '<c r="B3" t="s"/>',
  '<c/>',
  '<c><v>5</v></c>',
  '<c r="E3"><v></v></c>',
  '<c r="F3"><v>1</v> </c>',
  '<c t="s" r="A4"><v>1</v></c>',
  '<c r="B4"  t="s"><v>1</v></c>',
  "<c r='C4' t='s'><v>1</v></c>",
  '<c r="D4" cm="1"><v>9</v></c>',
  '<c\tr="E4"><v>8</v></c>',
  '<c r="F4" t="s" r="A5"><v>3</v></c>',
  '<c r="B5"><f>A1</f><v>7</v></c>',
  '<c r="C5" t="inlineStr"><is><t>内联</t></is></c>',
  '<c r="D5" t="s"><v> 1</v></c>',
  '<c r="E5"><v><![CDATA[12]]></v></c>',
  '<c/ ><v>1</v></c><c r="F5" t="s"><v>1</v></c>',
  '<c r=""><v>6</v></c>',
  '<c r="A6" x:t="s"><v>1</v></c>',
  '<c r="B6" t="s"><v>1.0</v></c>',
];

describe('a sheet’s cells read in one step are read as token by token', () => {
  it('every shape of cell, cut into chunks of every size from 1 character up', () => {
    const inRow = (cell: string, n: number) => cell.replace(/r=(["'])([A-F])\d\1/g, `r=$1$2${n}$1`);
    const rows = CELLS.map((c, i) => `<row r="${i + 1}">${inRow(c, i + 1)}</row>`).join('');
    const xml = sheet(rows + `<row r="40">${CELLS.map((c) => inRow(c, 40)).join('')}</row>`);
    for (const chunk of [...CHUNKS, xml.length]) {
      const tokens = read(xml, chunk, false);
      expect(tokens.error).toBeNull();
      expect(read(xml, chunk, true)).toEqual(tokens);
    }
    // The values it reads itself, and the tokens' own readings of the rest.
    const whole = read(xml, xml.length, true).rows;
    expect(whole[0]).toEqual([0, ['甲'], 1]);
    expect(whole[1][1]).toEqual([undefined, 42]);
    expect(whole[2][1][2]).toBe(7);
    expect(whole[3][1][3]).toBe(123456789012345);
    expect(whole[4][1][4]).toBe(parseFloat("1234567890123456789"));
    expect(whole[6][1][0]).toBeNull(); // a shared string without a value
  });

  it('a shared string past the table is left to SheetJS either way', () => {
    const xml = sheet('<row r="1"><c r="A1" t="s"><v>4</v></c></row>');
    for (const chunk of [1, 7, xml.length]) {
      expect(read(xml, chunk, true)).toEqual(read(xml, chunk, false));
      expect(read(xml, chunk, true).error).toMatch(/shared string 4/);
    }
  });
});


describe('shared strings read in one step are read as token by token', () => {
  it('plain, spaced, empty, escaped, CRLF, rich and phonetic items, cut into chunks of every size', () => {
    const items = [
      '<si><t>临县支行</t></si>',
      '<si><t xml:space="preserve"> 前后有空格 </t></si>',
      '<si><t></t></si>',
      '<si><t/></si>',
      '<si><t>a&amp;b&lt;c&gt;_x0041_&#20013;</t></si>',
      '<si><t>一行\r\n两行</t></si>',
      '<si><t><![CDATA[<原样>]]></t></si>',
      '<si><r><t>梁</t></r><r><rPr><b/></rPr><t>梅</t></r><rPh sb="0" eb="1"><t>liang</t></rPh></si>',
      '<si><t>甲</t><rPh sb="0" eb="1"><t>jia</t></rPh></si>',
      '<si> <t>前有空白</t></si>',
      '<si><tx>不是 t</tx></si>',
      '<si><tt>错配</t></si>',
      '<si><t>乙</t> </si>',
      '<sstItem><t>旧名</t></sstItem>',
      '<x:si><x:t>前缀</x:t></x:si>',
      '<si><t>丙</t></si>',
    ];
    const xml = `<?xml version="1.0"?><sst count="${items.length}">${items.join('')}${items.join('\n')}</sst>`;
    const strings = (chunk: number, wholeElements: boolean) => {
      const table = new SharedStrings();
      scan(wholeElements ? table : tokensOnly(table), xml, chunk);
      return table.strings;
    };
    const tokens = strings(xml.length, false);
    expect(tokens.slice(0, 3)).toEqual(['临县支行', ' 前后有空格 ', '']);
    expect(tokens[4]).toBe('a&b<c>A中');
    expect(tokens[5]).toBe('一行\n两行');
    for (const chunk of [...CHUNKS, xml.length]) expect(strings(chunk, true)).toEqual(tokens);
  });
});
