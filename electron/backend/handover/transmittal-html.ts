/**
 * The transmittal list (移交清单) of a hand-over batch to the risk-asset unit: A4 landscape, a
 * line per loan with its figures as handed over, a 合计 row equal to the batch's stored totals,
 * and signature lines. Self-contained HTML for PdfRenderer.
 */
import { fenToChineseCapitals } from '../../shared/capitals';
import { formatYuan } from '../../shared/money';
import type { HandoverLineView } from '../../shared/api/handover';
import { escapeHtml as e } from '../print/html-escape';
import { footerTemplate, headerTemplate, PAGE_OF_PAGES, SANS_FONT_STACK } from '../print/page-edge';
import type { PdfOptions } from '../print/pdf-renderer';

export interface TransmittalData {
  branchName: string;
  batchNo: string;
  handedOn: string;
  receiver: string;
  note: string;
  staffName: string;
  loans: number;
  balanceFen: number;
  interestOwedFen: number;
  lines: HandoverLineView[];
  printedAt: string;
  reprint: boolean;
}

const FONT_STACK = SANS_FONT_STACK;
const MARGIN_MM = { top: 14, right: 10, bottom: 14, left: 10 };

const COLUMNS: Array<{ label: string; width?: number }> = [
  { label: '序号', width: 12 },
  { label: '贷款账号', width: 48 },
  { label: '借款人', width: 26 },
  { label: '村', width: 30 },
  { label: '余额（元）', width: 30 },
  { label: '本金逾期天数', width: 22 },
  { label: '欠息（元）', width: 26 },
  { label: '欠息天数', width: 18 },
  { label: '客户经理' },
];

export function transmittalHtml(d: TransmittalData): { html: string; options: PdfOptions } {
  const lines = d.lines
    .map(
      (l) => `<tr>
<td class="c">${l.lineNo}</td>
<td class="num">${e(l.loanNo)}</td>
<td>${e(l.borrower)}</td>
<td>${e(l.village)}</td>
<td class="r num">${formatYuan(l.balanceFen)}</td>
<td class="r num">${l.principalOverdueDays}</td>
<td class="r num">${l.interestOwedFen === null ? '' : formatYuan(l.interestOwedFen)}</td>
<td class="r num">${l.interestOverdueDays ?? ''}</td>
<td>${e(l.manager ?? '')}</td>
</tr>`,
    )
    .join('\n');
  const html = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${e(d.batchNo)} 移交清单</title>
<style>${CSS}</style>
</head>
<body>
<header class="doc-head">
  <div class="org">${e(d.branchName)}</div>
  <h1>不良贷款移交清单</h1>
  <div class="meta">
    <span>编号：${e(d.batchNo)}</span>
    <span>移交日期：${e(d.handedOn)}</span>
    <span>移交部门：${e(d.branchName)}</span>
    <span>接收部门：风险资产部${d.receiver ? `（${e(d.receiver)}）` : ''}</span>
  </div>
</header>
<table class="list">
<colgroup>${COLUMNS.map((c) => (c.width ? `<col style="width:${c.width}mm">` : '<col>')).join('')}</colgroup>
<thead><tr>${COLUMNS.map((c) => `<th>${c.label}</th>`).join('')}</tr></thead>
<tbody>
${lines}
</tbody>
<tfoot class="totals"><tr>
<td colspan="4">合计：${d.loans} 笔</td>
<td class="r num">${formatYuan(d.balanceFen)}</td>
<td></td>
<td class="r num">${formatYuan(d.interestOwedFen)}</td>
<td colspan="2"></td>
</tr></tfoot>
</table>
<p class="capitals">余额合计（大写）：${e(fenToChineseCapitals(d.balanceFen))}\u3000\u3000欠息合计（大写）：${e(fenToChineseCapitals(d.interestOwedFen))}</p>
${d.note ? `<p class="note">备注：${e(d.note)}</p>` : ''}
<div class="signatures">
  <div>移交人：<span class="line"></span></div>
  <div>接收人：<span class="line">${e(d.receiver)}</span></div>
  <div>监交人：<span class="line"></span></div>
  <div>日期：<span class="line short"></span></div>
</div>
</body>
</html>
`;
  return {
    html,
    options: {
      landscape: true,
      format: 'A4',
      marginMm: MARGIN_MM,
      headerTemplate: pageHeader(d),
      footerTemplate: pageFooter(d),
    },
  };
}

function pageHeader(d: TransmittalData): string {
  return headerTemplate({ margin: MARGIN_MM, gapMm: 2 }, e(d.branchName), `${e(d.batchNo)} 移交清单`, PAGE_OF_PAGES);
}

function pageFooter(d: TransmittalData): string {
  return footerTemplate({ margin: MARGIN_MM, gapMm: 3 }, `经办：${e(d.staffName)}`, `打印时间：${e(d.printedAt)}${d.reprint ? '（重印）' : ''}`);
}

const CSS = `
@page { size: A4 landscape; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: ${FONT_STACK}; font-size: 9pt; color: #111; line-height: 1.3; }
.doc-head { text-align: center; margin: 0 0 3mm; }
.doc-head .org { font-size: 9pt; color: #333; letter-spacing: 0.1em; }
.doc-head h1 { font-size: 16pt; margin: 1mm 0 1.5mm; letter-spacing: 0.15em; }
.doc-head .meta { font-size: 9pt; }
.doc-head .meta span + span::before { content: "\u3000|\u3000"; color: #888; }
table.list { width: 100%; table-layout: fixed; border-collapse: collapse; border: 1pt solid #000; }
thead { display: table-header-group; }
tfoot { display: table-row-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th { background: #e8ebef; font-weight: 700; font-size: 8.5pt; border: 0.6pt solid #000; padding: 1.2mm 0.8mm; }
td { border: 0.5pt solid #555; padding: 1.2mm 1mm; height: 7mm; word-break: break-all; }
td.c { text-align: center; }
td.r { text-align: right; }
td.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
tfoot.totals td { font-weight: 700; background: #e8ebef; border-top: 1pt solid #000; }
p.capitals, p.note { margin: 2.5mm 0 0; font-size: 9pt; }
.signatures { display: flex; justify-content: space-between; margin-top: 12mm; font-size: 10pt; break-inside: avoid; }
.signatures .line { display: inline-block; min-width: 40mm; border-bottom: 0.6pt solid #222; }
.signatures .line.short { min-width: 30mm; }
`;
