/**
 * Chromium's header and footer templates (page numbers, who printed, signature lines). They are
 * rendered apart from the page: no page CSS, a tiny default font size, and the full paper width,
 * so each carries the page's side margins and its font itself.
 */

export const SANS_FONT_STACK = `"Microsoft YaHei", "微软雅黑", "Noto Sans CJK SC", "Noto Sans SC", sans-serif`;

/** `第 1 页 / 共 3 页`, filled in by Chromium. */
export const PAGE_OF_PAGES = '第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页';

interface EdgeOptions {
  margin: { left: number; right: number };
  /** Space between the template and the paper's edge. */
  gapMm: number;
  font?: string;
}

function edge(where: 'top' | 'bottom', { margin, gapMm, font = SANS_FONT_STACK }: EdgeOptions, innerHtml: string): string {
  // The style sits in a double-quoted attribute: the font names' quotes become single quotes.
  const style = `font-family: ${font}; font-size: 8pt; color: #222; width: 100%; box-sizing: border-box; padding: 0 ${margin.right}mm 0 ${margin.left}mm; display: flex; align-items: flex-end; justify-content: space-between; margin-${where}: ${gapMm}mm;`;
  return `<div style="${style.replace(/"/g, "'")}">\n${innerHtml}\n</div>`;
}

/** A header in three parts (left, centre, right), each already escaped HTML. */
export function headerTemplate(opts: EdgeOptions, left: string, centre: string, right: string): string {
  return edge(
    'top',
    opts,
    `  <span style="flex: 1;">${left}</span>
  <span style="flex: 1; text-align: center;">${centre}</span>
  <span style="flex: 1; text-align: right;">${right}</span>`,
  );
}

/** A footer of parts spread across the page, each already escaped HTML. */
export function footerTemplate(opts: EdgeOptions, ...parts: string[]): string {
  return edge('bottom', opts, parts.map((p) => `  <span>${p}</span>`).join('\n'));
}

/** A blank line to sign or date on, `widthMm` long. */
export function signatureLine(widthMm: number): string {
  return `<span style="display: inline-block; width: ${widthMm}mm; border-bottom: 0.6pt solid #222;"></span>`;
}
