/**
 * The month-end pack (月末材料) as one A4 portrait document for the branch meeting: the indicators
 * (branch, then managers side by side), the ranking, the overdue movement, notices and archives,
 * each with what it counts; page header and footer by page-edge.
 */
import { ARCHIVES_DEFINITION, NOTICES_DEFINITION, OVERDUE_MOVEMENT_DEFINITION, type MonthEndPack, type OverdueMovementRow } from '../../shared/api/month-end';
import { BOARD_DEFINITIONS } from '../../shared/api/targets';
import { formatYuan } from '../../shared/money';
import { escapeHtml as e } from '../print/html-escape';
import { footerTemplate, headerTemplate, PAGE_OF_PAGES, SANS_FONT_STACK, signatureLine } from '../print/page-edge';
import type { PdfOptions } from '../print/pdf-renderer';
import { boardDateNote, monthLabel, percent } from '../targets/board-html';
import { indicatorPointChange } from '../../shared/indicator-percent';
import { amountOf, percentOf, unitWord } from './pack-cells';

const MARGIN_MM = { top: 16, right: 12, bottom: 16, left: 12 };

export const packTitle = (month: string): string => `${monthLabel(month)}月末材料`;

export const PACK_CSS = `
  body { font-family: ${SANS_FONT_STACK}; font-size: 8.5pt; color: #111; margin: 0; }
  h1 { text-align: center; font-size: 15pt; margin: 0 0 1mm; }
  h2 { font-size: 11pt; margin: 4mm 0 1.5mm; }
  .meta { text-align: center; margin-bottom: 2mm; }
  table { width: 100%; border-collapse: collapse; page-break-inside: auto; }
  tr { page-break-inside: avoid; }
  th, td { border: 0.6pt solid #222; padding: 0.8mm 1mm; }
  th { background: #eee; font-weight: 600; }
  td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
  td.c { text-align: center; }
  tr.totals td { font-weight: 600; }
  .defs { font-size: 7.5pt; color: #333; margin: 1mm 0 0; padding-left: 4mm; }
  .note { font-size: 7.5pt; color: #333; margin: 1mm 0 0; }
`;

function indicatorSection(p: MonthEndPack): string {
  const m = p.indicators;
  if (!m) return '<h2>一、主要指标</h2><p class="note">指标尚不可用。</p>';
  const rows = m.indicators
    .map((i) => {
      const since = i.sinceYearStart ? `较年初 ${indicatorPointChange(i.key, i.sinceYearStart.change)}` : '';
      return `<tr><td>${e(i.name)}</td><td class="n">${percentOf(i.key, i.figure)}</td><td class="n">${amountOf(i.figure.numerator, i.unit)}</td><td class="n">${amountOf(i.figure.denominator, i.unit)}</td><td class="c">${unitWord(i)}</td><td>${e([i.note ?? '', since].filter(Boolean).join('；'))}</td></tr>`;
    })
    .join('\n');
  const missing = m.missingSnapshots.length > 0 ? `<p class="note">缺少以下日期的导入数据，相关指标未计算：${e(m.missingSnapshots.join('、'))}</p>` : '';
  return `<h2>一、主要指标</h2>
<div class="note">数据日期：${e(m.asOf ?? '本月尚无导入数据')}；流失客户 ${m.lostCustomers.count} 户，年初余额 ${formatYuan(m.lostCustomers.balanceFen)} 元</div>
<table>
<thead><tr><th>指标</th><th>本月</th><th>分子</th><th>分母</th><th>单位</th><th>说明</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
${missing}
<ol class="defs">${m.indicators.map((i) => `<li>${e(i.name)}：${e(i.definition)}</li>`).join('')}</ol>`;
}

function byManagerSection(p: MonthEndPack): string {
  const b = p.indicatorsByManager;
  if (!b) return '';
  const head = b.definitions.map((d) => `<th>${e(d.name)}</th>`).join('');
  const line = (r: (typeof b.rows)[number], cls = '') =>
    `<tr${cls}><td>${e(r.name)}</td>${b.definitions.map((d) => `<td class="n">${percentOf(d.key, r.figures[d.key])}</td>`).join('')}<td class="n">${r.lostCustomers.count}</td></tr>`;
  return `<h2>二、客户经理指标对比</h2>
<table>
<thead><tr><th>客户经理</th>${head}<th>流失户数</th></tr></thead>
<tbody>
${b.rows.map((r) => line(r)).join('\n')}
${line({ ...b.branch, name: '全支行' }, ' class="totals"')}
</tbody>
</table>`;
}

function rankingSection(p: MonthEndPack): string {
  const b = p.ranking;
  const rows = b.rows
    .map(
      (r) =>
        `<tr><td class="c">${r.rank}</td><td>${e(r.name)}${r.active ? '' : '（停用）'}</td><td class="n">${formatYuan(r.results.recoveredPrincipalFen)}</td><td class="n">${percent(r.rates.recoveredPrincipal)}</td><td class="n">${r.results.clearedLoans}</td><td class="n">${percent(r.rates.clearedLoans)}</td><td class="n">${r.results.contacts}</td><td class="n">${percent(r.rates.contacts)}</td><td class="n">${percent(r.score)}</td></tr>`,
    )
    .join('\n');
  const t = b.totals;
  return `<h2>三、客户经理业绩排名</h2>
<div class="note">${e(boardDateNote(b))}</div>
<table>
<thead><tr><th>名次</th><th>客户经理</th><th>收回逾期本金（元）</th><th>完成率</th><th>清收笔数</th><th>完成率</th><th>联系次数</th><th>完成率</th><th>综合得分</th></tr></thead>
<tbody>
${rows}
<tr class="totals"><td class="c" colspan="2">合计</td><td class="n">${formatYuan(t.recoveredPrincipalFen)}</td><td></td><td class="n">${t.clearedLoans}</td><td></td><td class="n">${t.contacts}</td><td></td><td></td></tr>
</tbody>
</table>
<ol class="defs">${BOARD_DEFINITIONS.map((d) => `<li>${e(d)}</li>`).join('')}</ol>`;
}

export function movementCells(r: OverdueMovementRow): string {
  const pair = (m: { loans: number; balanceFen: number }) => `<td class="n">${m.loans}</td><td class="n">${formatYuan(m.balanceFen)}</td>`;
  return `${pair(r.start)}${pair(r.newlyOverdue)}${pair(r.cleared)}${pair(r.end)}`;
}

export const MOVEMENT_HEAD = `<tr><th rowspan="2">客户经理</th><th colspan="2">月初逾期</th><th colspan="2">新增逾期</th><th colspan="2">清收</th><th colspan="2">月末逾期</th></tr>
<tr><th>笔数</th><th>余额（元）</th><th>笔数</th><th>余额（元）</th><th>笔数</th><th>余额（元）</th><th>笔数</th><th>余额（元）</th></tr>`;

function movementSection(p: MonthEndPack): string {
  const m = p.overdue;
  return `<h2>四、逾期贷款变动</h2>
<div class="note">月初数据 ${e(m.startAsOf ?? '—')}，月末数据 ${e(m.endAsOf ?? '—')}</div>
<table>
<thead>${MOVEMENT_HEAD}</thead>
<tbody>
${m.rows.map((r) => `<tr><td>${e(r.name)}</td>${movementCells(r)}</tr>`).join('\n')}
<tr class="totals"><td>合计</td>${movementCells(m.total)}</tr>
</tbody>
</table>
<p class="note">${e(OVERDUE_MOVEMENT_DEFINITION)}</p>`;
}

function noticeSection(p: MonthEndPack): string {
  const n = p.notices;
  return `<h2>五、通知书发出与回执</h2>
<table>
<thead><tr><th>通知书</th><th>本月发出</th><th>本月回执</th></tr></thead>
<tbody>
${n.byKind.map((k) => `<tr><td>${e(k.label)}</td><td class="n">${k.issued}</td><td class="n">${k.receipts}</td></tr>`).join('\n')}
${n.byManager.map((k) => `<tr><td>\u3000${e(k.name)}</td><td class="n">${k.issued}</td><td class="n">${k.receipts}</td></tr>`).join('\n')}
<tr class="totals"><td>合计</td><td class="n">${n.total.issued}</td><td class="n">${n.total.receipts}</td></tr>
</tbody>
</table>
<p class="note">${e(NOTICES_DEFINITION)}</p>`;
}

function archiveSection(p: MonthEndPack): string {
  const a = p.archives;
  return `<h2>六、逾期未归档档案</h2>
<div class="note">截至 ${e(a.asOf)}</div>
<table>
<thead><tr><th>客户经理</th><th>逾期档案（份）</th></tr></thead>
<tbody>
${a.byManager.map((m) => `<tr><td>${e(m.name)}</td><td class="n">${m.files}</td></tr>`).join('\n')}
<tr class="totals"><td>合计</td><td class="n">${a.total}</td></tr>
</tbody>
</table>
<p class="note">${e(ARCHIVES_DEFINITION)}</p>`;
}

export function packHtml(p: MonthEndPack, printedBy: string, printedAt: string): { html: string; options: PdfOptions } {
  const title = packTitle(p.month);
  const html = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${e([p.branchName, title].filter(Boolean).join(' '))}</title>
<style>@page { size: A4 portrait; }${PACK_CSS}</style>
</head>
<body>
<h1>${e([p.branchName, title].filter(Boolean).join(' '))}</h1>
${indicatorSection(p)}
${byManagerSection(p)}
${rankingSection(p)}
${movementSection(p)}
${noticeSection(p)}
${archiveSection(p)}
</body>
</html>
`;
  return {
    html,
    options: {
      landscape: false,
      format: 'A4',
      marginMm: MARGIN_MM,
      headerTemplate: headerTemplate({ margin: MARGIN_MM, gapMm: 5 }, e(p.branchName), e(title), PAGE_OF_PAGES),
      footerTemplate: footerTemplate({ margin: MARGIN_MM, gapMm: 5 }, `打印：${e(printedBy)}\u3000${e(printedAt)}`, `支行长签字：${signatureLine(36)}`),
    },
  };
}
