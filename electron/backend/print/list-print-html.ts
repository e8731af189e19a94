/**
 * A list on paper: A4 landscape, a header (branch, title, what it is as of), one line per item
 * under a header row repeated on every page, a 合计 line, who printed it and when, page numbers in
 * the footer. Self-contained HTML (inline CSS, no scripts) for PdfRenderer. The worklists and the
 * contact lists differ only in their columns.
 */
import { escapeHtml as e } from './html-escape';
import type { PdfOptions } from './pdf-renderer';

const FONT_STACK = `"Microsoft YaHei", "微软雅黑", "Noto Sans CJK SC", "Noto Sans SC", sans-serif`;

export interface PrintColumn<R> {
  label: string;
  /** 'num': right-aligned, no wrapping; 'mono': fixed-width (numbers of accounts, phones). */
  kind?: 'text' | 'num' | 'mono';
  value: (r: R, i: number) => string | number | null;
  /** This column's cell in the 合计 line. */
  total?: string;
}

export interface PrintedList<R> {
  branchName: string;
  title: string;
  /** Data date, filters and the like, as one line under the title. */
  note: string;
  printedBy: string;
  printedAt: string;
  rows: readonly R[];
}

export function listPrintHtml<R>(columns: ReadonlyArray<PrintColumn<R>>, doc: PrintedList<R>): { html: string; options: PdfOptions } {
  const cls = (c: PrintColumn<R>) => (c.kind === 'num' ? ' class="n"' : c.kind === 'mono' ? ' class="mono"' : '');
  const lines = doc.rows.map((r, i) => `<tr>${columns.map((c) => `<td${cls(c)}>${e(c.value(r, i))}</td>`).join('')}</tr>`).join('\n');
  const totals = `<tr class="totals">${columns.map((c, i) => `<td${cls(c)}>${i === 0 ? '合计' : e(c.total ?? '')}</td>`).join('')}</tr>`;
  const html = `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${e(doc.title)}</title><style>${CSS}</style></head>
<body>
<header><div class="org">${e(doc.branchName)}</div><h1>${e(doc.title)}</h1><div class="meta">${e(doc.note)}</div></header>
<table>
<thead><tr>${columns.map((c) => `<th>${e(c.label)}</th>`).join('')}</tr></thead>
<tbody>
${lines}
${totals}
</tbody></table>
<p class="sign">打印人：${e(doc.printedBy)}  打印时间：${e(doc.printedAt)}</p>
</body></html>`;
  return {
    html,
    options: {
      landscape: true,
      format: 'A4',
      marginMm: { top: 12, right: 10, bottom: 14, left: 10 },
      footerTemplate: `<div style="width:100%;font-size:8pt;text-align:center;font-family:${FONT_STACK}">${e(doc.title)} 第 <span class="pageNumber"></span> 页 / 共 <span class="totalPages"></span> 页</div>`,
    },
  };
}

const CSS = `
@page { size: A4 landscape; }
body { font-family: ${FONT_STACK}; font-size: 9pt; margin: 0; }
header { text-align: center; margin-bottom: 4mm; }
.org { font-size: 10pt; }
h1 { font-size: 15pt; margin: 1mm 0; }
.meta { font-size: 9pt; color: #333; }
table { width: 100%; border-collapse: collapse; }
th, td { border: 0.3mm solid #444; padding: 0.8mm 1.2mm; }
th { background: #eee; font-weight: normal; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
.n { text-align: right; white-space: nowrap; }
.mono { font-family: "Consolas", "DejaVu Sans Mono", monospace; font-size: 8pt; }
.totals td { font-weight: bold; }
.sign { margin-top: 4mm; }
`;
