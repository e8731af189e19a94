/**
 * The route sheet (走访路线单) printed for a village visit: A4 landscape, a row per loan in
 * register order, with an empty 走访情况 column for the visit's notes by hand.
 */
import { formatYuan } from '../../shared/money';
import { escapeHtml as e } from '../print/html-escape';
import { footerTemplate, headerTemplate, PAGE_OF_PAGES, SANS_FONT_STACK, signatureLine } from '../print/page-edge';
import type { PdfOptions } from '../print/pdf-renderer';
import type { ContactWayCode, RouteSheetData, RouteSheetRow } from './route-sheet-query';

export const WAY_LABELS: Record<ContactWayCode, string> = { phone: '电话', sms: '短信', visit: '上门', letter: '信函', other: '其他' };

const FONT_STACK = SANS_FONT_STACK;
const MARGIN_MM = { top: 14, right: 8, bottom: 12, left: 8 };

const COLUMNS: Array<{ label: string; width?: number }> = [
  { label: '序号', width: 9 },
  { label: '借款人', width: 18 },
  { label: '地址', width: 30 },
  { label: '去向', width: 26 },
  { label: '电话 / 联系人', width: 34 },
  { label: '应还金额（元）', width: 24 },
  { label: '逾期天数', width: 14 },
  { label: '最近联系', width: 38 },
  { label: '最近承诺', width: 26 },
  { label: '走访情况' },
];

export function routeSheetHtml(d: RouteSheetData, printedAt: string): { html: string; options: PdfOptions } {
  const place = `${d.township}${d.village}`;
  const body = d.rows.length === 0 ? `<tr><td colspan="${COLUMNS.length}" class="none">本村没有需要走访的贷款</td></tr>` : d.rows.map(rowHtml).join('\n');
  const html = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${e(place)} 走访路线单</title>
<style>${CSS}</style>
</head>
<body>
<header class="doc-head">
  <div class="org">${e(d.branchName)}</div>
  <h1>走访路线单</h1>
  <div class="meta">
    <span>${e(d.township)} ${e(d.village)}</span>
    <span>日期：${e(d.dates.asOf)}</span>
    <span>客户经理：${e(d.managers.join('、') || '未分配')}</span>
    <span>共 ${d.rows.length} 笔，应还 ${formatYuan(d.amountDueFen)} 元</span>
  </div>
</header>
<table class="sheet">
<colgroup>${COLUMNS.map((c) => (c.width ? `<col style="width:${c.width}mm">` : '<col>')).join('')}</colgroup>
<thead><tr>${COLUMNS.map((c) => `<th>${c.label}</th>`).join('')}</tr></thead>
<tbody>
${body}
</tbody>
<tfoot class="totals"><tr><td colspan="5">合计：${d.rows.length} 笔</td><td class="r num">${formatYuan(d.amountDueFen)}</td><td colspan="4"></td></tr></tfoot>
</table>
<p class="legend">应还金额：本金已逾期或 ${e(d.dates.dueFrom)} 至 ${e(d.dates.dueTo)} 到期的贷款为余额加欠息，其余为欠息。</p>
</body>
</html>
`;
  return { html, options: { landscape: true, format: 'A4', marginMm: MARGIN_MM, headerTemplate: pageHeader(d), footerTemplate: pageFooter(printedAt) } };
}

function rowHtml(r: RouteSheetRow): string {
  const phones = r.phones.map(e);
  if (r.contactName || r.contactPhone) phones.push(`联系人：${e([r.contactName, r.contactPhone].filter(Boolean).join(' '))}`);
  const contact = r.lastContact ? `${e(r.lastContact.on)} ${WAY_LABELS[r.lastContact.way] ?? e(r.lastContact.way)}${r.lastContact.outcome ? `<br>${e(r.lastContact.outcome)}` : ''}` : '';
  const promise = r.lastPromise ? `${e(r.lastPromise.on)}<br>${formatYuan(r.lastPromise.fen)} 元` : '';
  const days = [r.overdueDays > 0 ? `${r.overdueDays}` : '', r.interestOverdueDays ? `欠息 ${r.interestOverdueDays}` : ''].filter(Boolean).join('<br>');
  return `<tr>
<td class="c">${r.seq}</td>
<td class="name">${e(r.borrower)}<div class="sub">${e(r.loanNo)}</div></td>
<td>${e(r.address)}</td>
<td>${e(r.whereabouts)}</td>
<td class="num">${phones.join('<br>')}</td>
<td class="r num">${formatYuan(r.amountDueFen)}</td>
<td class="r num">${days}</td>
<td>${contact}</td>
<td class="num">${promise}</td>
<td class="blank"></td>
</tr>`;
}

function pageHeader(d: RouteSheetData): string {
  return headerTemplate(
    { margin: MARGIN_MM, gapMm: 2 },
    e(d.branchName),
    `${e(d.township)} ${e(d.village)} 走访路线单\u3000${e(d.dates.asOf)}`,
    `客户经理：${e(d.managers.join('、') || '未分配')}\u3000${PAGE_OF_PAGES}`,
  );
}

function pageFooter(printedAt: string): string {
  return footerTemplate({ margin: MARGIN_MM, gapMm: 3 }, `打印时间：${e(printedAt)}`, `走访人签字：${signatureLine(36)}`);
}

const CSS = `
@page { size: A4 landscape; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: ${FONT_STACK}; font-size: 8.5pt; color: #111; line-height: 1.3; }
.doc-head { text-align: center; margin: 0 0 2.5mm; }
.doc-head .org { font-size: 9pt; color: #333; letter-spacing: 0.1em; }
.doc-head h1 { font-size: 16pt; margin: 0.8mm 0 1.2mm; letter-spacing: 0.15em; }
.doc-head .meta span + span::before { content: "\u3000|\u3000"; color: #888; }
table.sheet { width: 100%; table-layout: fixed; border-collapse: collapse; border: 1pt solid #000; }
thead { display: table-header-group; }
tfoot { display: table-row-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th { background: #e8ebef; font-size: 8pt; border: 0.6pt solid #000; padding: 1.2mm 0.6mm; }
td { border: 0.5pt solid #555; padding: 1mm 0.8mm; height: 12mm; vertical-align: middle; word-break: break-all; overflow-wrap: anywhere; }
td.c { text-align: center; }
td.r { text-align: right; }
td.num { font-variant-numeric: tabular-nums; }
td.name { font-weight: 700; }
td.name .sub { font-weight: 400; font-size: 7pt; color: #444; }
td.blank { background: #fff; }
td.none { text-align: center; color: #777; }
tfoot.totals td { font-weight: 700; background: #e8ebef; height: 8mm; }
p.legend { font-size: 7.5pt; color: #444; margin: 1.5mm 0 0; }
`;
