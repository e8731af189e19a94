/**
 * How the printed village register fills A4 landscape pages. Chromium's print engine breaks
 * pages where it likes and cannot put a 本页小计 (page subtotal) under each page's rows, so the
 * register is cut into pages here: each household's height is estimated from its text (the same
 * column widths, font and padding as the page's CSS), and households are packed into pages that
 * surely fit, each page its own table with its own subtotal row.
 */
import type { RegisterHousehold, RegisterLoan, VillageRegisterData } from './village-register-data';

export const MARGIN_MM = { top: 16, right: 8, bottom: 14, left: 8 };
/** Body text of the table (pt); 户名 is a little larger. */
export const FONT_PT = 7.5;
export const NAME_FONT_PT = 8;
const LINE_HEIGHT = 1.3;
/** td padding (CSS: 1mm 0.8mm) plus borders, and the row's minimum height (CSS: height 6.5mm). */
const PAD_V_MM = 2.4;
const PAD_H_MM = 2.1;
export const MIN_ROW_MM = 6.5;

/** Household columns (rowspan over the household's loans), then loan columns, then 走访记录. Widths in mm. */
export const COLUMNS: { label: string; width?: number; cls?: string }[] = [
  { label: '序号', width: 7, cls: 'c' },
  { label: '户名', width: 13 },
  { label: '身份证号', width: 27 },
  { label: '联系电话', width: 19 },
  { label: '住址', width: 12 },
  { label: '现住地址', width: 19 },
  { label: '联系人', width: 19 },
  { label: '借据号', width: 21 },
  { label: '产品', width: 15 },
  { label: '担保<br>方式', width: 8, cls: 'c' },
  { label: '放款日', width: 16, cls: 'c' },
  { label: '到期日', width: 16, cls: 'c' },
  // Wide enough for a village's total (12,345,678.90) in the totals rows.
  { label: '合同金额<br>(元)', width: 19, cls: 'r' },
  { label: '余额<br>(元)', width: 19, cls: 'r' },
  { label: '逾期<br>天数', width: 8, cls: 'r' },
  { label: '欠息<br>(元)', width: 15, cls: 'r' },
  { label: '五级<br>分类', width: 8, cls: 'c' },
  { label: '走访记录' }, // the rest of the width, left blank for handwriting
];
const width = (label: string) => COLUMNS.find((c) => c.label.startsWith(label))?.width ?? 0;

// What a page holds besides its rows, measured on rendered pages and rounded up.
const PAGE_MM = 210 - MARGIN_MM.top - MARGIN_MM.bottom;
const DOC_HEAD_MM = 22; // branch, title and the meta line: first page only
const THEAD_MM = 10;
const SUBTOTAL_MM = 9;
const TOTAL_MM = 9; // reserved on every page: the last one is not known while packing
/** Estimates are of fonts we do not measure; keep a margin so that a page never spills over. */
const SAFETY = 0.9;
export const FIRST_PAGE_ROWS_MM = (PAGE_MM - DOC_HEAD_MM - THEAD_MM - SUBTOTAL_MM - TOTAL_MM) * SAFETY;
export const PAGE_ROWS_MM = (PAGE_MM - THEAD_MM - SUBTOTAL_MM - TOTAL_MM) * SAFETY;

const PT_TO_MM = 25.4 / 72;

/**
 * Advance width of a character in em: CJK and full-width forms are square, Latin narrower.
 * A little above Noto Sans CJK's and Microsoft YaHei's (digits 0.555 em), so that the estimate
 * errs on the tall side.
 */
function charEm(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  if (c >= 0x2e80) return 1;
  if (/[0-9]/.test(ch)) return 0.57;
  if (/[ .,:;'|!()\-/*]/.test(ch)) return 0.45;
  if (/[A-Z@%&#mw]/.test(ch)) return 0.75;
  return 0.6;
}

/** Lines a text takes in a column, breaking anywhere (the CSS says word-break: break-all); <br> parts apart. */
export function linesIn(parts: readonly string[], columnMm: number, fontPt = FONT_PT): number {
  const avail = columnMm - PAD_H_MM;
  const em = fontPt * PT_TO_MM;
  let lines = 0;
  for (const part of parts) {
    let used = 0;
    let partLines = 1;
    for (const ch of part) {
      const w = charEm(ch) * em;
      if (used > 0 && used + w > avail) {
        partLines++;
        used = 0;
      }
      used += w;
    }
    lines += partLines;
  }
  return Math.max(1, lines);
}

const rowMm = (lines: number, fontPt = FONT_PT) => Math.max(MIN_ROW_MM, PAD_V_MM + lines * fontPt * PT_TO_MM * LINE_HEIGHT);

export function loanRowMm(l: RegisterLoan): number {
  const lines = Math.max(
    linesIn([l.loanNo], width('借据号')),
    linesIn([l.product], width('产品')),
    linesIn([l.guaranteeType], width('担保')),
    linesIn([l.riskClass ?? ''], width('五级')),
  );
  return rowMm(lines);
}

/** Height the household's own cells need, whatever its loans take. */
export function householdCellsMm(h: RegisterHousehold, address: string): number {
  return Math.max(
    rowMm(linesIn([h.name], width('户名'), NAME_FONT_PT), NAME_FONT_PT),
    rowMm(
      Math.max(
        linesIn(h.phones.filter(Boolean), width('联系电话')),
        linesIn([address], width('住址')),
        linesIn([h.whereabouts], width('现住地址')),
        linesIn([h.contactName, h.contactPhone].filter(Boolean), width('联系人')),
      ),
    ),
  );
}

/** A household's rows on one page: all its loans, or part of them when it does not fit a page. */
export interface PrintedBlock {
  household: RegisterHousehold;
  /** 序号: the household's place in the register. */
  seq: number;
  loans: RegisterLoan[];
  /** True on the pages after the first a household's loans run over. */
  continued: boolean;
}

export interface PageSums {
  households: number;
  loans: number;
  contractAmountFen: number;
  balanceFen: number;
  interestOwedFen: number;
}

export interface PrintedPage {
  blocks: PrintedBlock[];
  subtotal: PageSums;
}

/** The register cut into pages that fit; `shortAddress` is the 住址 text as printed. */
export function paginateRegister(data: VillageRegisterData, shortAddress: (address: string) => string): PrintedPage[] {
  const pages: PrintedBlock[][] = [[]];
  let room = FIRST_PAGE_ROWS_MM;
  const newPage = () => {
    pages.push([]);
    room = PAGE_ROWS_MM;
  };
  const place = (block: PrintedBlock, mm: number) => {
    pages[pages.length - 1].push(block);
    room -= mm;
  };

  data.households.forEach((household, i) => {
    const cells = householdCellsMm(household, shortAddress(household.address));
    const rows = household.loans.map(loanRowMm);
    const total = Math.max(cells, rows.length === 0 ? MIN_ROW_MM : rows.reduce((a, b) => a + b, 0));
    const pageEmpty = () => pages[pages.length - 1].length === 0;
    if (total > room && !pageEmpty()) newPage();
    if (total <= room) {
      place({ household, seq: i + 1, loans: household.loans, continued: false }, total);
      return;
    }
    // Taller than a whole page: its loans run over pages, the household's cells on each.
    let from = 0;
    while (from < household.loans.length) {
      let to = from;
      let sum = 0;
      while (to < household.loans.length && Math.max(cells, sum + rows[to]) <= room) sum += rows[to++];
      if (to === from) {
        if (!pageEmpty()) {
          newPage();
          continue;
        }
        sum = rows[to++]; // nothing fits even an empty page: one loan per page all the same
      }
      place({ household, seq: i + 1, loans: household.loans.slice(from, to), continued: from > 0 }, Math.max(cells, sum));
      from = to;
      if (from < household.loans.length) newPage();
    }
  });

  return pages.map((blocks) => ({ blocks, subtotal: sumsOf(blocks) }));
}

function sumsOf(blocks: PrintedBlock[]): PageSums {
  const loans = blocks.flatMap((b) => b.loans);
  return {
    households: new Set(blocks.map((b) => b.seq)).size,
    loans: loans.length,
    contractAmountFen: loans.reduce((s, l) => s + (l.contractAmountFen ?? 0), 0),
    balanceFen: loans.reduce((s, l) => s + l.balanceFen, 0),
    interestOwedFen: loans.reduce((s, l) => s + (l.interestOwedFen ?? 0), 0),
  };
}
