/**
 * A workbook's shared strings table (`xl/sharedStrings.xml`) as the scanner (xml-scan.ts) reads
 * it: each item's value as SheetJS reads it (xml-text.ts StringItem), in order.
 */
import { NotStreamable } from './sheet-cells';
import type { XmlHandler } from './xml-scan';
import { StringItem, xmlText } from './xml-text';

export class SharedStrings implements XmlHandler {
  wantText = false;
  readonly strings: (string | undefined)[] = [];
  private readonly item = new StringItem();
  private inItem = false;

  open(name: string, _src: string, _from: number, _to: number, selfClosing: boolean): void {
    if (this.inItem) this.item.open(name, selfClosing);
    else if (name === 'si' || name === 'sstItem') {
      if (selfClosing) throw new NotStreamable('empty shared string element');
      this.item.reset();
      this.inItem = true;
      this.wantText = true;
    }
  }

  close(name: string): void {
    if (!this.inItem) return;
    if (name === 'si' || name === 'sstItem') {
      this.inItem = false;
      this.wantText = false;
      this.strings.push(this.item.value(true));
    } else this.item.close(name);
  }

  text(raw: string): void {
    this.item.text(raw);
  }

  /**
   * A plain item, `<si><t>text</t></si>` (the <t> with attributes or none), read in one step: its
   * value is its text, as StringItem makes it. Any other shape is left to the tokens (-1).
   */
  wholeElement(s: string, lt: number): number {
    if (this.inItem || !s.startsWith('<si><t', lt)) return -1;
    const after = s.charCodeAt(lt + 6);
    if (after !== 0x3e /* > */ && after !== 0x20) return -1;
    const gt = s.indexOf('>', lt + 6);
    if (gt < 0 || s.charCodeAt(gt - 1) === 0x2f /* / */) return -1;
    const end = s.indexOf('<', gt + 1);
    if (end < 0 || !s.startsWith('</t></si>', end)) return -1;
    this.strings.push(xmlText(s.slice(gt + 1, end), true));
    return end + 9;
  }
}
