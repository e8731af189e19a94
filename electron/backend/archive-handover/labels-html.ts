/**
 * Folder labels for the spine of each loan's paper file: fourteen to an A4 sheet (two columns of
 * seven), each with the borrower, the loan number, the village and a Code 128 of the loan number
 * (a USB scanner types it back, and the archive page opens that file).
 */
import { code128Svg } from '../notice-templates/barcode';
import { HEI, MONO, paperCss, paperGeometry, paperOptions, printDocument, SERIF } from '../notice-templates/paper';
import { escapeHtml as e } from '../print/html-escape';
import type { PdfOptions } from '../print/pdf-renderer';

export const LABELS_PER_SHEET = 14;

export interface FolderLabel {
  loanNo: string;
  borrower: string;
  village: string;
}

const LABEL = { w: 87, h: 36, gapX: 4, gapY: 2 };
const BARS_MAX_MM = 72;
const BARS_MIN_MM = 25;

/** What Code 128 carries as a scanner types it back: printable ASCII. */
export function fitsCode128(loanNo: string): boolean {
  return /^[\x20-\x7e]+$/.test(loanNo);
}

function css(): string {
  return `${paperCss(paperGeometry('A4'))}
body { font-family: ${SERIF}; color: #000; }
.sheet { display: grid; grid-template-columns: ${LABEL.w}mm ${LABEL.w}mm; grid-auto-rows: ${LABEL.h}mm; gap: ${LABEL.gapY}mm ${LABEL.gapX}mm; align-content: start; }
.label { box-sizing: border-box; border: 0.3mm dashed #777; padding: 2mm 4mm 1.5mm; overflow: hidden; display: flex; flex-direction: column; }
.label .top { display: flex; justify-content: space-between; align-items: baseline; gap: 2mm; }
.label .who { font-family: ${HEI}; font-size: 15pt; white-space: nowrap; overflow: hidden; }
.label .village { font-size: 10pt; white-space: nowrap; }
.label .no { font-family: ${MONO}; font-size: 10pt; letter-spacing: 0.05em; margin-top: 0.5mm; }
.label .bars { display: block; height: 13mm; margin: auto auto 0; }
`;
}

/** Bars of about 0.4 mm (a short number's bars are not stretched wide), at most the label's width. */
function barcode(loanNo: string): string {
  const svg = code128Svg(loanNo);
  const modules = Number(/viewBox="0 0 (\d+) 1"/.exec(svg)?.[1] ?? 0);
  const widthMm = Math.min(BARS_MAX_MM, Math.max(BARS_MIN_MM, modules * 0.4));
  return svg.replace('<svg class="bars"', `<svg class="bars" style="width:${widthMm.toFixed(1)}mm"`);
}

function labelHtml(l: FolderLabel): string {
  return `<div class="label">
<div class="top"><span class="who">${e(l.borrower)}</span><span class="village">${e(l.village)}</span></div>
<div class="no">借据号 ${e(l.loanNo)}</div>
${barcode(l.loanNo)}
</div>`;
}

/** The labels in the order given, fourteen to a sheet, as one self-contained A4 document. */
export function folderLabelsDocument(labels: readonly FolderLabel[]): { html: string; options: PdfOptions } {
  const sheets: string[] = [];
  for (let i = 0; i < labels.length; i += LABELS_PER_SHEET) {
    sheets.push(`<section class="sheet">${labels.slice(i, i + LABELS_PER_SHEET).map(labelHtml).join('')}</section>`);
  }
  return { html: printDocument('档案盒标签', css(), sheets), options: paperOptions(paperGeometry('A4')) };
}
