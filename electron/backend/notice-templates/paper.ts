import { escapeHtml } from '../print/html-escape';
import type { PdfOptions } from '../print/pdf-renderer';

export type Paper = 'A4' | 'A5';

/** A paper's printable box: the page less its margins. Each notice is one box of `sheetMm` height. */
export interface PaperGeometry {
  paper: Paper;
  margin: { top: number; right: number; bottom: number; left: number };
  contentWidthMm: number;
  /** A little under the printable height, so that rounding never pushes a sheet onto a second page. */
  sheetMm: number;
}

const SIZES: Record<Paper, { w: number; h: number }> = { A4: { w: 210, h: 297 }, A5: { w: 148, h: 210 } };
const MARGINS: Record<Paper, PaperGeometry['margin']> = {
  A4: { top: 12, right: 16, bottom: 12, left: 16 },
  A5: { top: 8, right: 10, bottom: 8, left: 10 },
};

export function paperGeometry(paper: Paper): PaperGeometry {
  const { w, h } = SIZES[paper];
  const m = MARGINS[paper];
  return { paper, margin: m, contentWidthMm: w - m.left - m.right, sheetMm: h - m.top - m.bottom - 1.5 };
}

/** Portrait, the paper's margins, no header or footer (a notice carries its own number). */
export function paperOptions(g: PaperGeometry): PdfOptions {
  return { landscape: false, format: g.paper, marginMm: g.margin };
}

/**
 * CSS both for print (the @page box) and for the editor's on-screen preview, where each sheet
 * is drawn as a sheet of paper with its margins.
 */
export function paperCss(g: PaperGeometry): string {
  const m = g.margin;
  return `
@page { size: ${g.paper} portrait; margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; }
html, body { margin: 0; padding: 0; }
.sheet { box-sizing: border-box; height: ${g.sheetMm}mm; overflow: hidden; break-inside: avoid; page-break-inside: avoid; }
.sheet + .sheet { break-before: page; page-break-before: always; }
@media screen {
  body { background: #d9d9d9; padding: 4mm 0; }
  .sheet { box-sizing: content-box; width: ${g.contentWidthMm}mm; padding: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm; margin: 0 auto 4mm; background: #fff; box-shadow: 0 0.5mm 2mm rgba(0, 0, 0, 0.35); }
}`;
}

export const SERIF = `"SimSun", "宋体", "Noto Serif CJK SC", "Source Han Serif SC", "Noto Sans CJK SC", "Microsoft YaHei", serif`;
export const HEI = `"SimHei", "黑体", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif`;
export const MONO = `"Consolas", "DejaVu Sans Mono", "Noto Sans Mono CJK SC", monospace`;

/** A self-contained document: inline CSS, no scripts, nothing to load. */
export function printDocument(title: string, style: string, sheets: readonly string[]): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${style}</style></head>
<body>
${sheets.join('\n')}
</body></html>`;
}
