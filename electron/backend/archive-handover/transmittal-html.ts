/**
 * The transmittal list (移交清单) of a hand-over batch to the head-office archive: A4 portrait,
 * a line per file as the manifest lists it (its documents and their page counts), the totals
 * as stored with the batch, and the three signatures (移交人, 接收人, 监交人) with their dates.
 * Self-contained HTML for PdfRenderer.
 */
import { escapeHtml as e } from '../print/html-escape';
import { footerTemplate, headerTemplate, PAGE_OF_PAGES } from '../print/page-edge';
import type { PdfOptions } from '../print/pdf-renderer';
import type { ArchiveManifest } from './manifest';

export interface ArchiveTransmittalData {
  /** Bank and branch as the letterhead names them. */
  organisation: string;
  manifest: ArchiveManifest;
  staffName: string;
  printedAt: string;
  reprint: boolean;
}

const FONT_STACK = `"SimSun", "宋体", "Noto Serif CJK SC", "Noto Sans CJK SC", "Microsoft YaHei", serif`;
const MARGIN_MM = { top: 16, right: 12, bottom: 16, left: 12 };

const COLUMNS: Array<{ label: string; width?: number }> = [
  { label: '序号', width: 11 },
  { label: '借据号', width: 36 },
  { label: '借款人', width: 22 },
  { label: '文件及页数' },
  { label: '页数', width: 14 },
];

/** A document with its page count; without one (none entered), its name alone. */
const docLabel = (name: string, pages: number | null) => (pages === null ? e(name) : `${e(name)} ${pages}页`);

export function archiveTransmittalHtml(d: ArchiveTransmittalData): { html: string; options: PdfOptions } {
  const m = d.manifest;
  const lines = m.files
    .map(
      (f, i) => `<tr>
<td class="c">${i + 1}</td>
<td class="num">${e(f.loanNo)}</td>
<td>${e(f.borrower)}</td>
<td class="docs">${f.documents.map((doc) => `<span class="doc">${docLabel(doc.name, doc.pages)}</span>`).join('')}</td>
<td class="r num">${f.pages}</td>
</tr>`,
    )
    .join('\n');
  const html = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${e(m.batch.no)} 信贷档案移交清单</title>
<style>${CSS}</style>
</head>
<body>
<header class="doc-head">
  <div class="org">${e(d.organisation)}</div>
  <h1>信贷档案移交清单</h1>
  <div class="meta">
    <span>编号：${e(m.batch.no)}</span>
    <span>移交日期：${e(m.batch.handedOn)}</span>
    <span>移交机构：${e(m.branch.name)}${m.branch.code ? `（${e(m.branch.code)}）` : ''}</span>
    <span>接收单位：总行档案室</span>
  </div>
</header>
<table class="list">
<colgroup>${COLUMNS.map((c) => (c.width ? `<col style="width:${c.width}mm">` : '<col>')).join('')}</colgroup>
<thead><tr>${COLUMNS.map((c) => `<th>${c.label}</th>`).join('')}</tr></thead>
<tbody>
${lines}
</tbody>
<tfoot class="totals"><tr>
<td colspan="3">合计：${m.totals.files} 份档案</td>
<td>文件 ${m.totals.documents} 份</td>
<td class="r num">${m.totals.pages}</td>
</tr></tfoot>
</table>
<p class="digest">清单校验码（SHA-256）：<span class="num">${e(m.sha256)}</span></p>
<div class="signatures">
  <div>移交人：<span class="line"></span>日期：<span class="line short"></span></div>
  <div>接收人：<span class="line"></span>日期：<span class="line short"></span></div>
  <div>监交人：<span class="line"></span>日期：<span class="line short"></span></div>
</div>
</body>
</html>
`;
  return {
    html,
    options: { landscape: false, format: 'A4', marginMm: MARGIN_MM, headerTemplate: pageHeader(d), footerTemplate: pageFooter(d) },
  };
}

function pageHeader(d: ArchiveTransmittalData): string {
  return headerTemplate({ margin: MARGIN_MM, gapMm: 3, font: FONT_STACK }, e(d.organisation), `${e(d.manifest.batch.no)} 移交清单`, PAGE_OF_PAGES);
}

function pageFooter(d: ArchiveTransmittalData): string {
  return footerTemplate({ margin: MARGIN_MM, gapMm: 4, font: FONT_STACK }, `经办：${e(d.staffName)}`, `打印时间：${e(d.printedAt)}${d.reprint ? '（重印）' : ''}`);
}

const CSS = `
@page { size: A4 portrait; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: ${FONT_STACK}; font-size: 9.5pt; color: #111; line-height: 1.35; }
.doc-head { text-align: center; margin: 0 0 3mm; }
.doc-head .org { font-size: 10pt; color: #333; letter-spacing: 0.1em; }
.doc-head h1 { font-size: 17pt; margin: 1mm 0 2mm; letter-spacing: 0.2em; }
.doc-head .meta { font-size: 9pt; display: flex; flex-wrap: wrap; justify-content: center; gap: 0 5mm; }
table.list { width: 100%; table-layout: fixed; border-collapse: collapse; border: 1pt solid #000; }
thead { display: table-header-group; }
tfoot { display: table-row-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th { background: #e8ebef; font-weight: 700; font-size: 9pt; border: 0.6pt solid #000; padding: 1.2mm 0.8mm; }
td { border: 0.5pt solid #555; padding: 1.2mm 1mm; vertical-align: top; word-break: break-all; }
td.c { text-align: center; }
td.r { text-align: right; }
td.num, .num { font-variant-numeric: tabular-nums; }
td.docs { font-size: 8.5pt; }
td.docs .doc { display: inline-block; margin-right: 3mm; white-space: nowrap; }
tfoot.totals td { font-weight: 700; background: #e8ebef; border-top: 1pt solid #000; }
p.digest { margin: 2mm 0 0; font-size: 8pt; color: #333; word-break: break-all; }
.signatures { display: flex; flex-direction: column; gap: 7mm; margin-top: 12mm; font-size: 10.5pt; break-inside: avoid; }
.signatures .line { display: inline-block; min-width: 45mm; border-bottom: 0.6pt solid #222; margin-right: 8mm; }
.signatures .line.short { min-width: 32mm; }
`;
