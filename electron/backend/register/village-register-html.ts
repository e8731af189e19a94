/**
 * The printed village register (分村贷款清册): one A4 landscape document per village, taken on
 * field visits. Self-contained HTML (inline CSS, no scripts, fonts or images) for PdfRenderer.
 */
import { formatYuan } from '../../shared/money';
import { escapeHtml as e } from '../print/html-escape';
import { footerTemplate, headerTemplate, PAGE_OF_PAGES, SANS_FONT_STACK, signatureLine } from '../print/page-edge';
import type { PdfOptions } from '../print/pdf-renderer';
import type { RegisterLoan, VillageRegisterData } from './village-register-data';
import { COLUMNS, FONT_PT, MARGIN_MM, MIN_ROW_MM, NAME_FONT_PT, paginateRegister, type PageSums, type PrintedBlock } from './village-register-layout';

const FONT_STACK = SANS_FONT_STACK;
const HOUSEHOLD_COLS = 7;

export function villageRegisterHtml(data: VillageRegisterData): { html: string; options: PdfOptions } {
  const place = `${data.township}${data.village}`;
  const title = `${data.village} 贷款清册`;
  const t = data.totals;
  const meta = [
    `${e(data.township)} ${e(data.village)}`,
    `数据日期：${e(data.asOf ?? '未知')}`,
    `共 ${t.households} 户、${t.loans} 笔，余额 ${formatYuan(t.balanceFen)} 元`,
    t.overdueLoans > 0 ? `其中逾期 ${t.overdueLoans} 笔，余额 ${formatYuan(t.overdueBalanceFen)} 元` : '无逾期贷款',
    data.idsMasked ? '身份证号已脱敏' : '',
  ].filter(Boolean);

  const pages = paginateRegister(data, (address) => shortAddress(address, data));

  const html = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${e([data.branchName, place, '贷款清册'].filter(Boolean).join(' '))}</title>
<style>${CSS}</style>
</head>
<body>
<header class="doc-head">
  <div class="org">${e(data.branchName)}</div>
  <h1>${e(title)}</h1>
  <div class="meta">${meta.map((m) => `<span>${m}</span>`).join('')}</div>
</header>
${pages
  .map(
    (p, i) => `<section class="sheet">
<table class="register">
<colgroup>${COLUMNS.map((c) => (c.width ? `<col style="width:${c.width}mm">` : '<col>')).join('')}</colgroup>
<thead><tr>${COLUMNS.map((c) => `<th>${c.label}</th>`).join('')}</tr></thead>
${p.blocks.map((b) => householdRows(b, data)).join('\n')}
${sumsRow('subtotal', `本页小计：${p.subtotal.households} 户`, `${p.subtotal.loans} 笔`, p.subtotal)}
${i === pages.length - 1 ? sumsRow('totals', `合计：${t.households} 户`, `${t.loans} 笔${t.overdueLoans > 0 ? `（逾期 ${t.overdueLoans} 笔，${formatYuan(t.overdueBalanceFen)} 元）` : ''}`, t) : ''}
</table>
</section>`,
  )
  .join('\n')}
</body>
</html>
`;

  return {
    html,
    options: {
      landscape: true,
      format: 'A4',
      marginMm: MARGIN_MM,
      headerTemplate: pageHeader(data),
      footerTemplate: pageFooter(data),
    },
  };
}

function householdRows({ household: h, seq, loans, continued }: PrintedBlock, data: VillageRegisterData): string {
  const span = Math.max(1, loans.length);
  const rs = span > 1 ? ` rowspan="${span}"` : '';
  const contact = [h.contactName, h.contactPhone].filter(Boolean).map(e).join('<br>');
  const householdCells = [
    `<td${rs} class="c">${seq}</td>`,
    `<td${rs} class="name">${e(h.name)}${continued ? '<span class="cont">（续）</span>' : ''}</td>`,
    `<td${rs} class="num nw id">${e(h.residentId)}</td>`,
    `<td${rs} class="num">${h.phones.filter(Boolean).map(e).join('<br>')}</td>`,
    `<td${rs}>${e(shortAddress(h.address, data))}</td>`,
    `<td${rs}>${e(h.whereabouts)}</td>`,
    `<td${rs}>${contact}</td>`,
  ].join('');
  const notes = `<td${rs} class="notes"></td>`;
  const rows =
    loans.length === 0
      ? [`<tr>${householdCells}<td colspan="10" class="none">无贷款</td>${notes}</tr>`]
      : loans.map((loan, j) => `<tr>${j === 0 ? householdCells : ''}${loanCells(loan)}${j === 0 ? notes : ''}</tr>`);
  return `<tbody class="household">${rows.join('')}</tbody>`;
}

/** 本页小计 or 合计: counts under the household and loan columns, each sum under its own column. */
function sumsRow(kind: 'subtotal' | 'totals', households: string, loans: string, s: Omit<PageSums, 'households' | 'loans'>): string {
  return `<tbody class="${kind}"><tr>
  <td colspan="${HOUSEHOLD_COLS}">${households}</td>
  <td colspan="5">${loans}</td>
  <td class="r num nw">${formatYuan(s.contractAmountFen)}</td>
  <td class="r num nw">${formatYuan(s.balanceFen)}</td>
  <td></td>
  <td class="r num nw">${formatYuan(s.interestOwedFen)}</td>
  <td colspan="2"></td>
</tr></tbody>`;
}

function loanCells(l: RegisterLoan): string {
  const overdue = l.principalOverdueDays > 0;
  const risk = l.riskClass ?? '';
  return [
    `<td class="num">${e(l.loanNo)}</td>`,
    `<td>${e(l.product)}</td>`,
    `<td class="c">${e(l.guaranteeType)}</td>`,
    `<td class="c num nw">${e(l.disbursedOn ?? '')}</td>`,
    `<td class="c num nw">${e(l.maturityOn ?? '')}</td>`,
    `<td class="r num nw">${l.contractAmountFen === null ? '' : formatYuan(l.contractAmountFen)}</td>`,
    `<td class="r num nw">${formatYuan(l.balanceFen)}</td>`,
    // Blank rather than 0, so that overdue loans stand out on paper.
    `<td class="r num${overdue ? ' strong' : ''}">${overdue ? l.principalOverdueDays : ''}</td>`,
    `<td class="r num nw">${l.interestOwedFen ? formatYuan(l.interestOwedFen) : ''}</td>`,
    `<td class="c${risk && risk !== '正常' ? ' strong' : ''}">${e(risk)}</td>`,
  ].join('');
}

/**
 * The address without the part every row shares: `临县白文镇刘家会村3组` → `3组` in the register
 * of 刘家会村. Addresses outside the village, or with nothing after its name, are shown whole.
 */
export function shortAddress(address: string, data: Pick<VillageRegisterData, 'village'>): string {
  const at = data.village ? address.indexOf(data.village) : -1;
  if (at < 0) return address;
  const rest = address.slice(at + data.village.length).trim();
  return rest || address;
}

function pageHeader(d: VillageRegisterData): string {
  return headerTemplate(
    { margin: MARGIN_MM, gapMm: 2 },
    e(d.branchName),
    `${e(d.township)} ${e(d.village)} 贷款清册`,
    `数据日期：${e(d.asOf ?? '未知')}\u3000\u3000${PAGE_OF_PAGES}`,
  );
}

function pageFooter(d: VillageRegisterData): string {
  return footerTemplate({ margin: MARGIN_MM, gapMm: 3 }, `打印时间：${e(d.generatedAt)}`, `客户经理签字：${signatureLine(36)}\u3000\u3000日期：${signatureLine(24)}`);
}

const CSS = `
@page { size: A4 landscape; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: ${FONT_STACK}; font-size: ${FONT_PT}pt; color: #111; line-height: 1.3; }
.doc-head { text-align: center; margin: 0 0 2.5mm; }
.doc-head .org { font-size: 9pt; color: #333; letter-spacing: 0.1em; }
.doc-head h1 { font-size: 16pt; margin: 0.8mm 0 1.2mm; letter-spacing: 0.15em; font-weight: 700; }
.doc-head .meta { font-size: 8.5pt; color: #222; }
.doc-head .meta span + span::before { content: "\u3000|\u3000"; color: #888; }
table.register { width: 100%; table-layout: fixed; border-collapse: collapse; border: 1pt solid #000; }
thead { display: table-header-group; }
tr, tbody.household { break-inside: avoid; page-break-inside: avoid; }
th { background: #e8ebef; font-weight: 700; font-size: 7.5pt; text-align: center; vertical-align: middle;
  border: 0.6pt solid #000; padding: 1.2mm 0.6mm; line-height: 1.2; }
td { border-left: 0.5pt solid #555; border-right: 0.5pt solid #555; border-top: 0.4pt dotted #999;
  padding: 1mm 0.8mm; height: ${MIN_ROW_MM}mm; vertical-align: middle; word-break: break-all; overflow-wrap: anywhere; }
tbody.household > tr:first-child > td { border-top: 0.6pt solid #333; }
tbody.household:nth-of-type(even) td { background: #f6f7f9; }
td.notes { background: #fff !important; }
td.c { text-align: center; }
td.r { text-align: right; }
td.num { font-variant-numeric: tabular-nums; }
td.nw { white-space: nowrap; word-break: normal; overflow-wrap: normal; }
td.id { letter-spacing: 0.02em; }
td.name { font-weight: 700; font-size: ${NAME_FONT_PT}pt; }
td.name .cont { font-weight: 400; font-size: ${FONT_PT}pt; }
td.strong { font-weight: 700; }
td.none { color: #777; text-align: center; }
/* Each page is its own table: the layout module decides what fits, Chromium only follows. */
.sheet { break-after: page; page-break-after: always; }
.sheet:last-of-type { break-after: auto; page-break-after: auto; }
tbody.subtotal td, tbody.totals td { font-weight: 700; font-size: ${FONT_PT}pt; background: #e8ebef; height: 8mm; }
tbody.subtotal td { border-top: 0.8pt solid #000; }
tbody.totals td { border-top: 1pt solid #000; }
`;
