/**
 * Where the header row is and which column holds which field; the as-of date in the lines above.
 */
import { parseBusinessDate } from '../../../shared/dates';
import { toHalfWidth } from '../../../shared/text';
import { IMPORT_FIELDS, type ColumnMapping, type ImportField, type Layout } from '../parsed-file';
import { cellText } from './cell-values';
import { matchHeader, normalizeHeader } from './header-synonyms';

/** The header must be among the first rows of the table (after a title and a meta row or a few). */
export const HEADER_SCAN_ROWS = 20;

/** Fields without which no row can be imported: a layout must map them. */
export const REQUIRED_FIELDS: readonly ImportField[] = ['loanNo', 'name', 'balance'];

export interface MappingProfileLike {
  headerSignature: string;
  mapping: ColumnMapping;
}

export type LayoutDetection =
  | { kind: 'found'; layout: Layout; source: 'profile' | 'auto' }
  | {
      kind: 'not-found';
      /** Best guess for the header row (the row naming most known fields), to preselect in the mapping dialog. */
      headerIndex: number | null;
      headerSignature: string | null;
      /** The fields recognised in that row. */
      mapping: ColumnMapping;
    };

/** Normalised header cells joined with '|', trailing empty cells dropped; '' for an empty row. */
export function headerSignature(row: readonly unknown[]): string {
  const parts: string[] = [];
  let end = 0;
  for (let i = 0; i < row.length; i++) {
    const part = normalizeHeader(cellText(row[i]));
    parts.push(part);
    if (part !== '') end = i + 1;
  }
  return parts.slice(0, end).join('|');
}

/** The fields a row names as headers; when two columns name one field, the preferred name (then the first column) wins. */
export function recognizeHeaders(row: readonly unknown[]): { mapping: ColumnMapping; count: number } {
  const mapping: ColumnMapping = {};
  const rank: Partial<Record<ImportField, number>> = {};
  let count = 0;
  for (let col = 0; col < row.length; col++) {
    const cell = row[col];
    if (typeof cell !== 'string') continue;
    const match = matchHeader(cell);
    if (!match) continue;
    const previous = rank[match.field];
    if (previous === undefined) count++;
    if (previous === undefined || match.rank < previous) {
      mapping[match.field] = col;
      rank[match.field] = match.rank;
    }
  }
  return { mapping, count };
}

/** A mapping is usable when it names the required fields, known fields only, with column indices ≥ 0. */
export function isUsableMapping(mapping: unknown): mapping is ColumnMapping {
  if (typeof mapping !== 'object' || mapping === null) return false;
  for (const [field, col] of Object.entries(mapping)) {
    if (!(IMPORT_FIELDS as readonly string[]).includes(field)) return false;
    if (col !== undefined && !(Number.isInteger(col) && (col as number) >= 0)) return false;
  }
  return REQUIRED_FIELDS.every((f) => (mapping as ColumnMapping)[f] !== undefined);
}

/**
 * Finds the header among the first HEADER_SCAN_ROWS rows. A saved profile whose signature equals
 * a row's comes first: the user mapped exactly this header by hand once, and that choice stands
 * even where the automatic match would differ. Else the row naming the most known fields, if it
 * names the loan number, the borrower's name and the balance.
 */
export function detectLayout(rows: readonly (readonly unknown[])[], profiles: readonly MappingProfileLike[] = []): LayoutDetection {
  const limit = Math.min(rows.length, HEADER_SCAN_ROWS);
  const signatures: string[] = [];
  for (let i = 0; i < limit; i++) signatures.push(headerSignature(rows[i]));

  if (profiles.length > 0) {
    const bySignature = new Map<string, ColumnMapping>();
    for (const p of profiles) if (p.headerSignature && isUsableMapping(p.mapping) && !bySignature.has(p.headerSignature)) bySignature.set(p.headerSignature, p.mapping);
    for (let i = 0; i < limit; i++) {
      const mapping = signatures[i] === '' ? undefined : bySignature.get(signatures[i]);
      if (mapping) return { kind: 'found', source: 'profile', layout: { headerIndex: i, mapping: { ...mapping }, headerSignature: signatures[i] } };
    }
  }

  type Candidate = { index: number; mapping: ColumnMapping; count: number };
  let best: Candidate | null = null;
  let bestUsable: Candidate | null = null;
  for (let i = 0; i < limit; i++) {
    const { mapping, count } = recognizeHeaders(rows[i]);
    if (count === 0) continue;
    if (!best || count > best.count) best = { index: i, mapping, count };
    if (REQUIRED_FIELDS.every((f) => mapping[f] !== undefined) && (!bestUsable || count > bestUsable.count)) bestUsable = { index: i, mapping, count };
  }
  if (bestUsable) {
    return { kind: 'found', source: 'auto', layout: { headerIndex: bestUsable.index, mapping: bestUsable.mapping, headerSignature: signatures[bestUsable.index] } };
  }
  if (best) return { kind: 'not-found', headerIndex: best.index, headerSignature: signatures[best.index], mapping: best.mapping };
  // Nothing recognised: the row with the most text cells is the likeliest header.
  let guess = -1;
  let guessCells = 0;
  for (let i = 0; i < limit; i++) {
    const textCells = rows[i].filter((c) => typeof c === 'string' && c.trim() !== '').length;
    if (textCells > guessCells) {
      guess = i;
      guessCells = textCells;
    }
  }
  return guess < 0 ? { kind: 'not-found', headerIndex: null, headerSignature: null, mapping: {} } : { kind: 'not-found', headerIndex: guess, headerSignature: signatures[guess], mapping: {} };
}

// --- as-of date -------------------------------------------------------------------------------------

/** A date token: 2026-10-31, 2026/10/31, 2026.10.31, 2026年10月31日, 20261031. */
const DATE_TOKEN = /(?<!\d)(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}([-/.])\d{1,2}\1\d{1,2}|\d{8})(?!\d)/g;
/** Words that say the data is as of that date, at the end of the text before the date. */
const AS_OF_WORDS = /(?:数据日期|统计日期|报表日期|业务日期|会计日期|截止日期|截至日期|数据截止日|基准日|截至|截止)\s*(?:为|是)?\s*[:：]?\s*$/;
/** A plain 日期 label counts too, unless it dates the printout rather than the data. */
const DATE_WORD = /日期\s*(?:为|是)?\s*[:：]?\s*$/;
const NOT_AS_OF = /(?:打印|制表|导出|生成|查询|下载)日期\s*(?:为|是)?\s*[:：]?\s*$/;

function labelScore(before: string): number {
  if (AS_OF_WORDS.test(before)) return 3;
  if (DATE_WORD.test(before)) return NOT_AS_OF.test(before) ? 0 : 2;
  return 1;
}

/**
 * The data date from the title/meta rows above the header: `数据日期：2026-10-31`,
 * `截至2026年10月31日`, a label cell followed by a date cell, or failing those a lone date such as
 * `2026/10/31`. A date labelled as the print or export date is not taken. Null when none.
 */
export function findAsOfDate(rows: readonly (readonly unknown[])[], headerIndex: number): string | null {
  let best: { date: string; score: number } | null = null;
  const consider = (date: string | null, score: number): void => {
    if (date !== null && score > 0 && (!best || score > best.score)) best = { date, score };
  };
  for (let r = 0; r < Math.min(headerIndex, rows.length); r++) {
    const row = rows[r];
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (typeof cell !== 'string' || cell.trim() === '') continue;
      const text = toHalfWidth(cell);
      let found = false;
      DATE_TOKEN.lastIndex = 0;
      for (let m = DATE_TOKEN.exec(text); m; m = DATE_TOKEN.exec(text)) {
        found = true;
        consider(parseBusinessDate(m[0].replace(/\s+/g, '')), labelScore(text.slice(Math.max(0, m.index - 16), m.index)));
      }
      // A label cell (数据日期：) followed by the date in the next non-empty cell, often an Excel date number.
      if (!found) {
        const score = labelScore(text);
        if (score >= 2) {
          let next = c + 1;
          while (next < row.length && (row[next] === null || row[next] === '')) next++;
          if (next < row.length) {
            const v = row[next];
            consider(parseBusinessDate(typeof v === 'string' ? toHalfWidth(v).trim() : v), score);
          }
        }
      }
    }
  }
  return (best as { date: string } | null)?.date ?? null;
}
