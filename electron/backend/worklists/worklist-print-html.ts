/**
 * A worklist on paper: A4 landscape, one line per loan, the list's count and sums at the end,
 * page numbers in the footer. Self-contained HTML (inline CSS, no scripts) for PdfRenderer.
 */
import type { WorklistRow, WorklistSums } from '../../shared/api/worklists';
import { formatYuan } from '../../shared/money';
import { escapeHtml as e } from '../print/html-escape';
import type { PdfOptions } from '../print/pdf-renderer';

const FONT_STACK = `"Microsoft YaHei", "微软雅黑", "Noto Sans CJK SC", "Noto Sans SC", sans-serif`;

export interface WorklistPrint {
  branchName: string;
  title: string;
  /** Data date, window and filters, as one line. */
  note: string;
  printedBy: string;
  printedAt: string;
  rows: WorklistRow[];
  sums: WorklistSums;
}

const days = (n: number | null) => (n !== null && n > 0 ? String(n) : '');

export function worklistPrintHtml(doc: WorklistPrint): { html: string; options: PdfOptions } {
  const lines = doc.rows
    .map(
      (r, i) => `<tr><td class="n">${i + 1}</td><td class="mono">${e(r.loanNo)}</td><td>${e(r.borrower)}</td><td class="mono small">${e(r.phones)}</td>
<td>${e(r.village ?? '')}</td><td>${e(r.manager ?? '未分配')}</td><td class="mono">${e(r.maturityOn ?? '')}</td><td class="n">${formatYuan(r.balanceFen)}</td>
<td class="n">${days(r.overdueDays)}</td><td class="n">${days(r.interestOverdueDays)}</td><td class="n">${r.interestOwedFen ? formatYuan(r.interestOwedFen) : ''}</td><td>${e(r.riskClass ?? '')}</td></tr>`,
    )
    .join('\n');
  const html = `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${e(doc.title)}</title><style>${CSS}</style></head>
<body>
<header><div class="org">${e(doc.branchName)}</div><h1>${e(doc.title)}</h1><div class="meta">${e(doc.note)}</div></header>
<table>
<thead><tr><th>序号</th><th>借据号</th><th>户名</th><th>电话</th><th>村</th><th>客户经理</th><th>到期日</th><th>余额(元)</th><th>本金逾期天数</th><th>欠息天数</th><th>欠息(元)</th><th>五级分类</th></tr></thead>
<tbody>
${lines}
<tr class="totals"><td colspan="7">合计：${doc.sums.count} 笔</td><td class="n">${formatYuan(doc.sums.balanceFen)}</td><td></td><td></td><td class="n">${formatYuan(doc.sums.interestOwedFen)}</td><td></td></tr>
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
.mono { font-family: "Consolas", "DejaVu Sans Mono", monospace; }
.small { font-size: 8pt; }
.totals td { font-weight: bold; }
.sign { margin-top: 4mm; }
`;
