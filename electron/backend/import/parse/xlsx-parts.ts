/**
 * The small parts of an .xlsx that say where its sheets are: [Content_Types].xml, the workbook
 * (sheet order, hidden sheets, the 1904 date system) and its relationships. Read when the file is
 * laid out as Excel and core systems write it; anything else (no content types, a binary
 * workbook, chart sheets, a sheet named twice or missing, vertical merges, 1904 dates) is left
 * to the whole-grid reader (SheetJS), whose answer for such files stands as it is.
 */
import { attrValue as attrIn, XmlScanner } from './xml-scan';
import { xmlText } from './xml-text';

export interface SheetPart {
  path: string;
  hidden: boolean;
}

export interface WorkbookParts {
  sheets: SheetPart[];
  /** Path of the shared strings, or null when the workbook has none. */
  sharedStrings: string | null;
}

export const CONTENT_TYPES = '[Content_Types].xml';
export const WORKBOOK = 'xl/workbook.xml';
export const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
/** The parts read whole (all small). */
export const SMALL_PARTS = new Set([CONTENT_TYPES, WORKBOOK, WORKBOOK_RELS]);

const MAIN_TYPES = new Set([
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml',
  'application/vnd.ms-excel.template.macroEnabled.main+xml',
]);
const SHARED_STRINGS_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml';
const WORKSHEET_RELS = new Set([
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  'http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet',
]);
/** Zips SheetJS reads as something other than an OOXML workbook. */
const OTHER_PACKAGES = ['META-INF/manifest.xml', 'objectdata.xml', 'Index/Document.iwa'];

type Tag = { name: string; attrs: string };

function tagsOf(xml: Buffer): Tag[] {
  const tags: Tag[] = [];
  const scanner = new XmlScanner({ wantText: false, open: (name, src, from, to) => tags.push({ name, attrs: src.slice(from, to) }), close: () => {}, text: () => {} });
  scanner.write(new TextDecoder().decode(xml));
  scanner.end();
  return tags;
}

const attrValue = (attrs: string, name: string) => attrIn(attrs, 0, attrs.length, name);

/** The workbook's sheets and shared strings, or null when the file is not laid out as expected. */
export function workbookParts(kept: Map<string, Buffer>, names: ReadonlySet<string>): WorkbookParts | null {
  if (OTHER_PACKAGES.some((n) => names.has(n))) return null;
  const types = kept.get(CONTENT_TYPES);
  const workbook = kept.get(WORKBOOK);
  const rels = kept.get(WORKBOOK_RELS);
  if (!types || !workbook || !rels) return null;

  const workbooks: string[] = [];
  const sharedStrings: string[] = [];
  for (const { name, attrs } of tagsOf(types)) {
    if (name !== 'Override') continue;
    const type = attrValue(attrs, 'ContentType');
    const part = attrValue(attrs, 'PartName');
    if (type === undefined || part === undefined) continue;
    if (MAIN_TYPES.has(type) || type.includes('sheet.binary') || type.includes('.main')) workbooks.push(part);
    if (type === SHARED_STRINGS_TYPE) sharedStrings.push(part);
  }
  if (workbooks.length !== 1 || workbooks[0] !== `/${WORKBOOK}` || sharedStrings.length > 1) return null;
  const sst = sharedStrings.length === 1 ? sharedStrings[0].replace(/^\//, '') : null;
  if (sst !== null && !names.has(sst)) return null;

  const targets = new Map<string, { type: string; target: string }>();
  for (const { name, attrs } of tagsOf(rels)) {
    if (name !== 'Relationship') continue;
    const id = attrValue(attrs, 'Id');
    const type = attrValue(attrs, 'Type');
    const target = attrValue(attrs, 'Target');
    if (id === undefined || type === undefined || target === undefined || targets.has(id)) return null;
    targets.set(id, { type, target });
  }

  const sheets: SheetPart[] = [];
  const sheetNames = new Set<string>();
  for (const { name, attrs } of tagsOf(workbook)) {
    if (name === 'workbookPr') {
      const date1904 = attrValue(attrs, 'date1904');
      if (date1904 !== undefined && date1904 !== '0' && date1904 !== 'false') return null;
    }
    if (name !== 'sheet') continue;
    const sheetName = xmlText(attrValue(attrs, 'name') ?? '');
    const rel = targets.get(attrValue(attrs, 'id') ?? '');
    if (!rel || !WORKSHEET_RELS.has(rel.type) || sheetNames.has(sheetName)) return null;
    sheetNames.add(sheetName);
    const path = `xl/${rel.target.replace(/[/]?xl\//, '')}`;
    if (!names.has(path)) return null;
    sheets.push({ path, hidden: attrValue(attrs, 'state') === 'hidden' || attrValue(attrs, 'state') === 'veryHidden' });
  }
  if (sheets.length === 0) return null;
  return { sheets, sharedStrings: sst };
}

// --- merged cells -------------------------------------------------------------------------------------

const SHEET_DATA_END = Buffer.from('sheetData>');
/** What follows </sheetData> (merges, margins) is small; a sheet with more is left to SheetJS. */
const TAIL_LIMIT = 16 * 1024 * 1024;
const MERGE = /<(?:\w+:)?mergeCell ref=["'][A-Z0-9:]+['"]\s*[/]?>/g;

/**
 * Watches a sheet's unzipped bytes (while zip-entries.ts checks them) for what follows its cell
 * data, where the merged cells are listed: a merge down several rows fills cells above rows
 * already read, so such a sheet is left to the whole-grid reader.
 */
export class SheetTail {
  private carry = Buffer.alloc(0);
  private tail: Buffer[] | null = null;
  private tailBytes = 0;
  tooLong = false;

  readonly watch = (chunk: Buffer): void => {
    if (this.tail) {
      this.tailBytes += chunk.length;
      if (this.tailBytes > TAIL_LIMIT) this.tooLong = true;
      else this.tail.push(chunk);
      return;
    }
    const buf = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    for (let at = buf.indexOf(SHEET_DATA_END); at >= 0; at = buf.indexOf(SHEET_DATA_END, at + 1)) {
      if (isClosingTag(buf, at)) {
        this.tail = [buf.subarray(at + SHEET_DATA_END.length)];
        this.tailBytes = this.tail[0].length;
        return;
      }
    }
    this.carry = Buffer.from(buf.subarray(Math.max(0, buf.length - 64)));
  };

  /** True when a merge spans more than one row (or the tail could not be kept). */
  hasVerticalMerge(): boolean {
    if (this.tooLong) return true;
    if (!this.tail) return false;
    const text = Buffer.concat(this.tail).toString('utf8');
    for (const m of text.matchAll(MERGE)) {
      const ref = m[0].slice(m[0].indexOf('=') + 2);
      const colon = ref.indexOf(':');
      if (colon >= 0 && rowOf(ref.slice(colon + 1)) > rowOf(ref)) return true;
    }
    return false;
  }
}

function isClosingTag(buf: Buffer, at: number): boolean {
  let i = at - 1;
  if (buf[i] === 0x2f /* / */) return buf[i - 1] === 0x3c;
  if (buf[i] !== 0x3a /* : */) return false;
  while (i > 0 && buf[i] !== 0x3c && buf[i] !== 0x3e) i--;
  return buf[i] === 0x3c && buf[i + 1] === 0x2f;
}

/** The row (0-based) of a reference as SheetJS's safe_decode_range reads it: letters, then digits. */
function rowOf(ref: string): number {
  let i = 0;
  while (i < ref.length && ref.charCodeAt(i) >= 65 && ref.charCodeAt(i) <= 90) i++;
  let row = 0;
  for (; i < ref.length; i++) {
    const d = ref.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    row = row * 10 + d;
  }
  return row - 1;
}
