/**
 * A worksheet's XML → its rows of raw cell values, as the scanner (xml-scan.ts) reads it, with
 * each cell's value exactly as SheetJS (the whole-grid reader) reads it with the options
 * read-grid.ts passes: numbers, shared and inline strings (rich text joined), formula results,
 * booleans, errors by Excel's name, ISO dates as serial numbers. Dates stay serial numbers, as
 * they do in the old reader (parse-row.ts reads them).
 */
import { attrValue, forEachAttr, type XmlHandler } from './xml-scan';
import { StringItem, xmlText } from './xml-text';

/** A sheet the streaming reader cannot read as SheetJS does (it drops such a sheet); see xlsx-rows.ts. */
export class NotStreamable extends Error {}

/** The error names read-grid.ts knows; any other error cell reads as '#ERROR'. */
const ERROR_NAMES = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA']);

/** Receives each row's stored cells: `cells[c]` undefined where the sheet has no cell. */
export interface RowSink {
  row(index: number, cells: unknown[], stored: number): void;
}

export class SheetCells implements XmlHandler {
  wantText = false;
  /** The sheet's last row as its <dimension> states it (0-based), or -1. */
  dimensionLastRow = -1;

  private inData = false;
  private tagRow = 0;
  private tagCol = -1;
  private rowIndex = -1;
  private cells: unknown[] = [];
  private stored = 0;

  private inCell = false;
  private cellRow = 0;
  private cellCol = 0;
  private type: string | undefined;
  private inV = false;
  private vSeen = false;
  private vRaw = '';
  private inIs = false;
  private isSeen = false;
  private isValue: string | undefined;
  private readonly item = new StringItem();

  constructor(
    private readonly strings: readonly (string | undefined)[],
    private readonly sink: RowSink,
  ) {}

  open(name: string, src: string, from: number, to: number, selfClosing: boolean): void {
    if (this.inIs) {
      this.item.open(name, selfClosing);
      return;
    }
    if (!this.inData) {
      if (name === 'sheetData' && !selfClosing) this.inData = true;
      else if (name === 'dimension') this.dimensionLastRow = lastRowOf(attrValue(src, from, to, 'ref') ?? '');
      return;
    }
    if (name === 'c') this.openCell(src, from, to, selfClosing);
    else if (!this.inCell) {
      if (name === 'row' && !selfClosing) {
        const r = attrValue(src, from, to, 'r');
        this.tagRow = r !== undefined ? parseInt(r, 10) : this.tagRow + 1;
        this.tagCol = -1;
      }
    } else if (name === 'v') {
      if (!this.vSeen && !selfClosing) {
        this.inV = true;
        this.wantText = true;
        this.vRaw = '';
      }
      this.vSeen = true;
    } else if (name === 'is' && !this.isSeen) {
      this.isSeen = true;
      this.item.reset();
      if (selfClosing) this.isValue = this.item.value(false);
      else {
        this.inIs = true;
        this.wantText = true;
      }
    }
  }

  close(name: string): void {
    if (this.inIs) {
      if (name === 'is') {
        this.inIs = false;
        this.wantText = false;
        this.isValue = this.item.value(false);
      } else this.item.close(name);
      return;
    }
    if (this.inV) {
      if (name === 'v') {
        this.inV = false;
        this.wantText = false;
      }
      return;
    }
    if (name === 'c' && this.inCell) this.closeCell();
    else if (name === 'sheetData' && this.inData) {
      this.inData = false;
      this.flushRow();
    }
  }

  /**
   * A cell as exporters write nearly all of them, `<c …/>` or `<c …><v>text</v></c>` with no
   * space or markup in between, read in one step: the calls the tokens would make (openCell, the
   * value's text, closeCell) without a string and a call per token. Any other shape, or a cell cut
   * at the chunk's end, is left to the tokens (-1).
   */
  wholeElement(s: string, lt: number): number {
    if (!this.inData || this.inCell || this.inIs || s.charCodeAt(lt + 1) !== 0x63 /* c */) return -1;
    const after = s.charCodeAt(lt + 2);
    if (after !== 0x20 && after !== 0x3e /* > */ && !(after === 0x2f /* / */ && s.charCodeAt(lt + 3) === 0x3e)) return -1;
    const gt = s.indexOf('>', lt + 2);
    if (gt < 0) return -1;
    if (s.charCodeAt(gt - 1) === 0x2f) {
      this.openCell(s, lt + 2, gt - 1, true);
      return gt + 1;
    }
    if (!s.startsWith('<v>', gt + 1)) return -1;
    const textStart = gt + 4;
    const textEnd = s.indexOf('<', textStart);
    if (textEnd < 0 || !s.startsWith('</v></c>', textEnd)) return -1;
    this.openCell(s, lt + 2, gt, false);
    const t = this.type;
    if ((t === undefined || t === '' || t === 'n' || t === 's') && textEnd > textStart && textEnd - textStart <= 15) {
      // Digits only (a shared string's index, a whole number): the value without its text.
      let value = 0;
      let i = textStart;
      for (; i < textEnd; i++) {
        const digit = s.charCodeAt(i) - 48;
        if (digit < 0 || digit > 9) break;
        value = value * 10 + digit;
      }
      if (i === textEnd) {
        this.inCell = false;
        this.store(t === 's' ? this.sharedString(value) : value);
        return textEnd + 8;
      }
    }
    this.vSeen = true;
    this.vRaw = s.slice(textStart, textEnd);
    this.closeCell();
    return textEnd + 8;
  }

  text(raw: string): void {
    if (this.inV) this.vRaw += raw;
    else if (this.inIs) this.item.text(raw);
  }

  /** After the last chunk: the last row. */
  finish(): void {
    this.flushRow();
  }

  private attrSrc = '';
  private refStart = -1;
  private refEnd = -1;
  /** One pass over a cell's attributes for its reference and type (bound once: no closure per cell). */
  private readonly cellAttr = (nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): void => {
    if (nameEnd - nameStart !== 1) return;
    const c = this.attrSrc.charCodeAt(nameStart);
    if (c === 0x72 /* r */) {
      this.refStart = valueStart;
      this.refEnd = valueEnd;
    } else if (c === 0x74 /* t */) this.type = this.attrSrc.slice(valueStart, valueEnd);
  };

  /**
   * A cell's attributes when all are written as exporters write them, ` x="…"` with one-letter
   * names: r and t read in one pass, the last of each as forEachAttr finds it. False for any
   * other writing (then forEachAttr reads them).
   */
  private plainCellAttrs(src: string, from: number, to: number): boolean {
    let i = from;
    while (i < to) {
      const name = src.charCodeAt(i);
      if (name === 0x20) {
        i++;
        continue;
      }
      if (src.charCodeAt(i + 1) !== 0x3d /* = */ || src.charCodeAt(i + 2) !== 0x22 /* " */) return false;
      const close = src.indexOf('"', i + 3);
      if (close < 0 || close >= to) return false;
      if (name === 0x72 /* r */) {
        this.refStart = i + 3;
        this.refEnd = close;
      } else if (name === 0x74 /* t */) this.type = src.slice(i + 3, close);
      i = close + 1;
    }
    return true;
  }

  private openCell(src: string, from: number, to: number, selfClosing: boolean): void {
    this.refStart = -1;
    this.type = undefined;
    if (!this.plainCellAttrs(src, from, to)) {
      // Read again from the start: it may have read some before it gave up.
      this.attrSrc = src;
      this.refStart = -1;
      this.type = undefined;
      forEachAttr(src, from, to, this.cellAttr);
    }
    const { refStart, refEnd } = this;
    if (refStart >= 0) {
      // The column of the leading capital letters, as SheetJS counts a following cell without a reference.
      let lead = 0;
      let i = refStart;
      for (; i < refEnd; i++) {
        const cc = src.charCodeAt(i) - 64;
        if (cc < 1 || cc > 26) break;
        lead = 26 * lead + cc;
      }
      this.tagCol = lead - 1;
      // As SheetJS's decode_cell: the digits make the row, the capital letters the column (an empty reference: none).
      let r = 0;
      let c = 0;
      for (i = refStart; i < refEnd; i++) {
        const ch = src.charCodeAt(i);
        if (ch >= 48 && ch <= 57) r = 10 * r + (ch - 48);
        else if (ch >= 65 && ch <= 90) c = 26 * c + (ch - 64);
      }
      this.cellRow = refEnd > refStart ? r - 1 : this.tagRow - 1;
      this.cellCol = c - 1;
    } else {
      this.tagCol++;
      this.cellRow = this.tagRow - 1;
      this.cellCol = this.tagCol;
    }
    this.inCell = true;
    this.vSeen = false;
    this.vRaw = '';
    this.isSeen = false;
    this.isValue = undefined;
    if (selfClosing) this.closeCell();
  }

  private closeCell(): void {
    this.inCell = false;
    const v = this.vSeen && this.vRaw !== '' ? xmlText(this.vRaw) : undefined;
    const t = this.type;
    if (t === undefined && v === undefined) return;
    let value: unknown;
    switch (t || 'n') {
      case 'n':
        if (v === undefined) return;
        value = parseFloat(v);
        break;
      case 's': {
        if (v === undefined) return;
        value = this.sharedString(parseInt(v, 10), v);
        break;
      }
      case 'str':
        value = v !== undefined ? xmlText(v, true) : '';
        break;
      case 'inlineStr':
        value = this.isSeen ? (this.isValue ?? null) : '';
        break;
      case 'b':
        value = v === '1' || v === 'true';
        break;
      case 'd':
        if (v === undefined) throw new NotStreamable('date cell without a value');
        value = isoDateSerial(v);
        break;
      case 'e':
        value = v !== undefined && ERROR_NAMES.has(v) ? v : '#ERROR';
        break;
      default:
        value = null;
    }
    this.store(value);
  }

  /** The shared string at `index` (`text`: the index as the sheet writes it, if not digits only); one the table lacks is left to SheetJS. */
  private sharedString(index: number, text: string = String(index)): string | null {
    if (!(index in this.strings)) throw new NotStreamable(`shared string ${text} not in the table`);
    return this.strings[index] ?? null;
  }

  private store(value: unknown): void {
    const r = this.cellRow;
    const c = this.cellCol;
    // SheetJS keeps such a cell under a property no loop reads.
    if (r < 0 || c < 0) return;
    if (r !== this.rowIndex) {
      if (r < this.rowIndex) throw new NotStreamable(`row ${r + 1} after row ${this.rowIndex + 1}`);
      this.flushRow();
      this.rowIndex = r;
    }
    if (this.cells[c] === undefined) this.stored++;
    this.cells[c] = value === undefined ? null : value;
  }

  private flushRow(): void {
    if (this.rowIndex < 0 || this.stored === 0) return;
    const cells = this.cells;
    const stored = this.stored;
    this.cells = [];
    this.stored = 0;
    this.sink.row(this.rowIndex, cells, stored);
  }
}

function lastRowOf(ref: string): number {
  const end = ref.slice(ref.indexOf(':') + 1);
  const digits = /\d+/.exec(end);
  return digits ? Number(digits[0]) - 1 : -1;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const EPOCH_1899_12_30 = Date.UTC(1899, 11, 30);
const EPOCH_1899_12_31 = Date.UTC(1899, 11, 31);

/** An ISO date cell (t="d") as the serial number SheetJS makes of it when it does not keep dates as Date objects. */
function isoDateSerial(text: string): number {
  let ms: number;
  let m = /^(\d+):(\d+)(:\d+)?(\.\d+)?$/.exec(text);
  if (m) {
    ms = EPOCH_1899_12_31 + ((parseInt(m[1], 10) * 60 + parseInt(m[2], 10)) * 60 + (m[3] ? parseInt(m[3].slice(1), 10) : 0)) * 1000 + (m[4] ? parseInt((m[4] + '000').slice(1, 4), 10) : 0);
  } else if ((m = /^(\d+)-(\d+)-(\d+)$/.exec(text))) {
    ms = Date.UTC(+m[1], +m[2] - 1, +m[3], 0, 0, 0, 0);
  } else if ((m = /^(\d+)-(\d+)-(\d+)[T ](\d+):(\d+)(:\d+)?(\.\d+)?$/.exec(text))) {
    ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], (m[6] && parseInt(m[6].slice(1), 10)) || 0, (m[7] && parseInt((m[7] + '0000').slice(1, 4), 10)) || 0);
  } else {
    ms = new Date(text).getTime();
  }
  const serial = (ms - EPOCH_1899_12_30) / DAY_MS;
  return serial < 60 ? serial - 1 : serial;
}
