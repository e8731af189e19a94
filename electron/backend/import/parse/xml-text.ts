/**
 * Text in a workbook's XML decoded exactly as SheetJS decodes it (the old reader, whose values
 * the streaming reader must repeat): the five entities, numeric references (as UTF-16 code
 * units), Excel's `_xHHHH_` escapes, CDATA sections kept as written, and in shared and inline
 * strings CRLF read as LF. And the text of a shared string (`<si>`) or inline string (`<is>`).
 */
const ENTITY = /&(?:quot|apos|gt|lt|amp|#x?([\da-fA-F]+));/gi;
const EXCEL_ESCAPE = /_x([\da-fA-F]{4})_/gi;
const NAMED: Record<string, string> = { '&quot;': '"', '&apos;': "'", '&gt;': '>', '&lt;': '<', '&amp;': '&' };

function decodePlain(s: string): string {
  if (s.indexOf('&') < 0 && s.indexOf('_x') < 0 && s.indexOf('_X') < 0) return s;
  return s
    .replace(ENTITY, (whole: string, code: string | undefined) => NAMED[whole] || String.fromCharCode(parseInt(code as string, whole.indexOf('x') > -1 ? 16 : 10)) || whole)
    .replace(EXCEL_ESCAPE, (_m: string, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function decodeRaw(s: string): string {
  const i = s.indexOf('<![CDATA[');
  if (i < 0) return decodePlain(s);
  const j = s.indexOf(']]>');
  return decodePlain(s.slice(0, i)) + s.slice(i + 9, j) + decodeRaw(s.slice(j + 3));
}

/** `xlsx`: the text of a string (CRLF → LF), not a value's. */
export function xmlText(raw: string, xlsx = false): string {
  const out = decodeRaw(raw);
  return xlsx && out.indexOf('\r\n') >= 0 ? out.replace(/\r\n/g, '\n') : out;
}

/**
 * Collects a string item (`<si>` or `<is>`) from the scanner's events between its start and end.
 * As SheetJS: an item that starts with a `<t>` is that element's text; one with rich-text runs
 * is the text of all its `<t>` elements outside phonetic runs (`<rPh>`), except those holding
 * markup; an empty item is ''; anything else has no value (undefined).
 */
export class StringItem {
  private first: string | null = null;
  private hasRun = false;
  private phonetic = 0;
  private inT = false;
  private tMarkup = false;
  private simpleDone = false;
  private current = '';
  private parts: string[] = [];
  private sawContent = false;
  private sawSpace = false;

  reset(): void {
    this.first = null;
    this.hasRun = false;
    this.phonetic = 0;
    this.inT = false;
    this.tMarkup = false;
    this.simpleDone = false;
    this.current = '';
    this.parts = [];
    this.sawContent = false;
    this.sawSpace = false;
  }

  open(name: string, selfClosing: boolean): void {
    this.sawContent = true;
    if (this.inT) {
      this.tMarkup = true;
      return;
    }
    this.first ??= name;
    if (name === 'rPh') {
      if (!selfClosing) this.phonetic++;
    } else if (name === 'r') {
      this.hasRun = true;
    } else if (name === 't' && !selfClosing && this.phonetic === 0 && !this.simpleDone) {
      this.inT = true;
      this.tMarkup = false;
      this.current = '';
    }
  }

  close(name: string): void {
    if (name === 'rPh') {
      if (this.phonetic > 0) this.phonetic--;
      return;
    }
    if (name !== 't' || !this.inT) return;
    this.inT = false;
    if (this.first === 't') {
      if (!this.simpleDone) this.parts.push(this.current);
      this.simpleDone = true;
    } else if (!this.tMarkup && this.current.indexOf('<') < 0) {
      this.parts.push(this.current);
    }
  }

  text(raw: string): void {
    if (this.inT) this.current += raw;
    else if (raw.trim() !== '') this.sawContent = true;
    else this.sawSpace = true;
  }

  /**
   * The item's value once its end tag has been seen (the scanner handing over all text inside it).
   * `shared`: an `<si>`, whose content SheetJS trims first (so blank is '', where a blank `<is>` has no value).
   */
  value(shared: boolean): string | undefined {
    if (this.first === 't') return xmlText(this.parts[0] ?? '', true);
    if (this.hasRun) return xmlText(this.parts.join(''), true);
    return this.sawContent || (this.sawSpace && !shared) ? undefined : '';
  }
}
