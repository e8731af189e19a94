/**
 * A pull-free XML tokenizer for the parts of an .xlsx, fed text chunk by chunk as it is unzipped,
 * so that a sheet is never held as one string. It knows tags, text, CDATA, comments and
 * processing instructions, and hands element names without their namespace prefix (`x:c` → `c`).
 * Text is handed over raw (entities as written) and only while the handler asks for it: most of a
 * sheet's bytes are tags, and the few texts wanted are decoded by xml-text.ts as SheetJS does.
 */
export interface XmlHandler {
  /** Text (and CDATA sections, as written) is handed to `text` only while this is true. */
  wantText: boolean;
  /** The tag's attributes are `src` from `from` to `to` (what stands between the name and `>` or `/>`, e.g. ` r="A1" t="s"`): read them with attrValue. */
  open(name: string, src: string, from: number, to: number, selfClosing: boolean): void;
  close(name: string): void;
  text(raw: string): void;
  /**
   * May take the whole element that starts at `s[lt]` (a '<' followed by a name) in one step, with
   * the same effect as its tokens handed over one by one; returns where it ends, or -1 to have it
   * tokenized. For the sheet's cells: millions of small elements of one shape.
   */
  wholeElement?(s: string, lt: number): number;
}

export class XmlScanner {
  private rest = '';

  constructor(private readonly h: XmlHandler) {}

  write(chunk: string): void {
    let from = 0;
    if (this.rest.length > 0) {
      // The token cut at the last chunk's end (it starts with '<') is finished on its own, so that
      // the chunk itself is scanned as the flat string it is, not joined to the rest.
      const gt = chunk.indexOf('>');
      if (gt >= 0) {
        const head = this.rest + chunk.slice(0, gt + 1);
        const used = this.scan(head, 0);
        if (used === head.length) {
          this.rest = '';
          from = gt + 1;
        }
      }
      if (this.rest.length > 0) {
        const s = this.rest + chunk;
        this.rest = s.slice(this.scan(s, 0));
        return;
      }
    }
    this.rest = chunk.slice(this.scan(chunk, from));
  }

  /** True when the text ended between tokens (not inside a tag, comment or CDATA section). */
  end(): boolean {
    const complete = this.rest.trim() === '';
    this.rest = '';
    return complete;
  }

  /** Consumes the complete tokens of `s`; returns where the first incomplete one starts. */
  private scan(s: string, from: number): number {
    const h = this.h;
    const n = s.length;
    let pos = from;
    while (pos < n) {
      const lt = s.indexOf('<', pos);
      if (lt < 0) {
        if (h.wantText) h.text(s.slice(pos));
        return n;
      }
      if (lt > pos && h.wantText) h.text(s.slice(pos, lt));
      if (lt + 1 >= n) return lt;
      const c1 = s.charCodeAt(lt + 1);
      if (c1 === 0x21 /* ! */) {
        if (n - lt < 9) return lt;
        let end: number;
        if (s.startsWith('<![CDATA[', lt)) {
          end = s.indexOf(']]>', lt + 9);
          if (end < 0) return lt;
          end += 3;
          if (h.wantText) h.text(s.slice(lt, end));
        } else if (s.startsWith('<!--', lt)) {
          end = s.indexOf('-->', lt + 4);
          if (end < 0) return lt;
          end += 3;
        } else {
          end = s.indexOf('>', lt);
          if (end < 0) return lt;
          end += 1;
        }
        pos = end;
        continue;
      }
      if (c1 === 0x3f /* ? */) {
        const end = s.indexOf('?>', lt + 2);
        if (end < 0) return lt;
        pos = end + 2;
        continue;
      }
      if (c1 !== 0x2f && h.wholeElement !== undefined) {
        const end = h.wholeElement(s, lt);
        if (end >= 0) {
          pos = end;
          continue;
        }
      }
      const gt = s.indexOf('>', lt + 1);
      if (gt < 0) return lt;
      if (c1 === 0x2f /* / */) {
        h.close(localName(s, lt + 2, gt));
      } else {
        const selfClosing = s.charCodeAt(gt - 1) === 0x2f;
        const tagEnd = selfClosing ? gt - 1 : gt;
        let nameEnd = lt + 1;
        while (nameEnd < tagEnd) {
          const c = s.charCodeAt(nameEnd);
          if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) break;
          nameEnd++;
        }
        h.open(localName(s, lt + 1, nameEnd), s, nameEnd, tagEnd, selfClosing);
      }
      pos = gt + 1;
    }
    return n;
  }
}

function localName(s: string, start: number, end: number): string {
  let e = start;
  let colon = -1;
  while (e < end) {
    const c = s.charCodeAt(e);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) break;
    if (c === 0x3a /* : */) colon = e;
    e++;
  }
  return colon >= 0 ? s.slice(colon + 1, e) : s.slice(start, e);
}

/**
 * An attribute's value as written (quotes removed), or undefined. As SheetJS reads them: the name
 * without its prefix (`r:id` → `id`), the last occurrence.
 */
export function attrValue(src: string, from: number, to: number, name: string): string | undefined {
  let found: string | undefined;
  forEachAttr(src, from, to, (nameStart, nameEnd, valueStart, valueEnd) => {
    if (nameEnd - nameStart === name.length && src.startsWith(name, nameStart)) found = src.slice(valueStart, valueEnd);
  });
  return found;
}

/** Calls `each` with the bounds of every attribute's local name and value in src[from, to). */
export function forEachAttr(src: string, from: number, to: number, each: (nameStart: number, nameEnd: number, valueStart: number, valueEnd: number) => void): void {
  let i = from;
  while (i < to) {
    while (i < to && src.charCodeAt(i) <= 0x20) i++;
    let nameStart = i;
    while (i < to) {
      const c = src.charCodeAt(i);
      if (c === 0x3d /* = */ || c <= 0x20) break;
      if (c === 0x3a /* : */) nameStart = i + 1;
      i++;
    }
    const nameEnd = i;
    while (i < to && src.charCodeAt(i) <= 0x20) i++;
    if (i >= to || src.charCodeAt(i) !== 0x3d) {
      if (i === nameEnd && i === nameStart) i++;
      continue;
    }
    i++;
    while (i < to && src.charCodeAt(i) <= 0x20) i++;
    const q = src.charCodeAt(i);
    if (q === 0x22 || q === 0x27) {
      let close = src.indexOf(q === 0x22 ? '"' : "'", i + 1);
      if (close < 0 || close > to) close = to;
      each(nameStart, nameEnd, i + 1, close);
      i = close + 1;
    } else {
      const start = i;
      while (i < to && src.charCodeAt(i) > 0x20) i++;
      each(nameStart, nameEnd, start, i);
    }
  }
}
