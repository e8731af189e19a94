/** Test files built in memory: real .xlsx/.xls bytes through SheetJS, GBK bytes through a table built from TextDecoder. */
import * as XLSX from '@e965/xlsx';

/** A workbook with one sheet holding `rows` (array of arrays), starting at `origin` (e.g. 'A5'). */
export function workbookBytes(rows: unknown[][], opts: { bookType?: 'xlsx' | 'biff8'; origin?: string; sheetName?: string } = {}): Uint8Array {
  // aoa_to_sheet honours `origin` like sheet_add_aoa, but its typings do not list it.
  const sheetOpts: XLSX.AOA2SheetOpts & { origin?: string } = opts.origin ? { origin: opts.origin } : {};
  const ws = XLSX.utils.aoa_to_sheet(rows, sheetOpts);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, opts.sheetName ?? '贷款明细');
  return new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: opts.bookType ?? 'xlsx' }) as Buffer);
}

let gbkTable: Map<string, number[]> | null = null;

/**
 * Encodes text as GBK (the two-byte part of GB18030), as Chinese core systems write CSV files.
 * Node's TextEncoder only writes UTF-8, so the table is built by decoding every two-byte
 * sequence once. Characters outside GBK throw.
 */
export function encodeGbk(text: string): Uint8Array {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk');
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && ch !== '\uFFFD' && !gbkTable.has(ch)) gbkTable.set(ch, [lead, trail]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = gbkTable.get(ch);
      if (!bytes) throw new Error(`not in GBK: ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

export function utf8(text: string, bom = false): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

/** The sample's header row, as the core system writes it. */
export const SAMPLE_HEADER = [
  '序号', '机构', '客户编号', '借款人姓名', '身份证号码', '手机号', '住址', '贷款账号', '合同编号', '产品名称',
  '担保类型', '放款日', '到期日', '合同金额', '余额', '年利率%', '本金逾期天数', '欠息', '风险分类', '客户经理',
];

/** A valid data row for SAMPLE_HEADER; `patch` overrides cells by header name. */
export function sampleRow(n: number, patch: Record<string, unknown> = {}): unknown[] {
  const base: Record<string, unknown> = {
    序号: n,
    机构: '林家坪支行',
    客户编号: `C88${String(n).padStart(4, '0')}`,
    借款人姓名: '梁梅',
    身份证号码: '141124195705010729',
    手机号: '18792401349',
    住址: '临县白文镇城庄村8组',
    贷款账号: String(88011000000 + n),
    合同编号: `HT2023042700${String(n).padStart(2, '0')}`,
    产品名称: '存量提额贷',
    担保类型: '质押',
    放款日: '2023-04-27',
    到期日: '2026-04-26',
    合同金额: 50000,
    余额: '35,484.25',
    '年利率%': 5.6,
    本金逾期天数: 0,
    欠息: 0,
    风险分类: '正常',
    客户经理: '李志强',
  };
  const merged = { ...base, ...patch };
  return SAMPLE_HEADER.map((h) => merged[h]);
}

/** Rows as CSV text (fields quoted when needed), CRLF line ends. */
export function toCsv(rows: unknown[][]): string {
  return rows
    .map((r) =>
      r
        .map((v) => {
          const s = v === null || v === undefined ? '' : String(v);
          return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
        })
        .join(','),
    )
    .join('\r\n');
}
