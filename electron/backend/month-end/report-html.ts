/** One manager's month (客户经理月度报告) on one A4 portrait page: small type, short lists. */
import type { ManagerReport } from '../../shared/api/month-end';
import { WARNING_SIGNAL_LABELS, WARNING_SIGNALS } from '../../shared/api/warnings';
import { formatYuan } from '../../shared/money';
import { escapeHtml as e } from '../print/html-escape';
import { footerTemplate, signatureLine } from '../print/page-edge';
import type { PdfOptions } from '../print/pdf-renderer';
import { monthLabel, percent } from '../targets/board-html';
import { amountOf, percentOf } from './pack-cells';
import { MOVEMENT_HEAD, movementCells, PACK_CSS } from './pack-html';

const MARGIN_MM = { top: 10, right: 12, bottom: 14, left: 12 };

export const reportTitle = (r: Pick<ManagerReport, 'month' | 'manager'>): string => `${monthLabel(r.month)}客户经理月度报告（${r.manager}）`;

export function reportHtml(r: ManagerReport, printedBy: string, printedAt: string): { html: string; options: PdfOptions } {
  const title = reportTitle(r);
  const indicators = (r.indicators?.indicators ?? [])
    .map((i) => `<tr><td>${e(i.name)}</td><td class="n">${percentOf(i.key, i.figure)}</td><td class="n">${amountOf(i.figure.numerator, i.unit)} / ${amountOf(i.figure.denominator, i.unit)}</td><td>${e(i.note ?? '')}</td></tr>`)
    .join('\n');
  const rank = r.ranking
    ? `第 ${r.ranking.rank} 名（共 ${r.rankOf} 名）：收回逾期本金 ${formatYuan(r.ranking.results.recoveredPrincipalFen)} 元，清收 ${r.ranking.results.clearedLoans} 笔，联系 ${r.ranking.results.contacts} 次，综合得分 ${percent(r.ranking.score)}`
    : '不在本月排名中';
  const files = r.archives.files.map((f) => `${e(f.loanNo)} ${e(f.borrower)}（期限 ${e(f.dueOn)}）`).join('、');
  const more = r.archives.total > r.archives.files.length ? ` 等 ${r.archives.total} 份` : '';
  const warnings = WARNING_SIGNALS.map((s) => `${WARNING_SIGNAL_LABELS[s]} ${r.warnings.counts[s]}`).join('，');
  const html = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${e(title)}</title>
<style>@page { size: A4 portrait; }${PACK_CSS} body { font-size: 8pt; } h2 { font-size: 10pt; margin: 3mm 0 1mm; }</style>
</head>
<body>
<div class="meta">${e(r.branchName)}</div>
<h1>${e(title)}</h1>
<div class="meta">指标数据日期：${e(r.indicators?.asOf ?? '本月尚无导入数据')}</div>
<h2>一、指标</h2>
<table>
<thead><tr><th>指标</th><th>本月</th><th>分子 / 分母</th><th>说明</th></tr></thead>
<tbody>
${indicators || '<tr><td colspan="4">指标尚不可用</td></tr>'}
</tbody>
</table>
<div class="note">流失客户 ${r.indicators?.lostCustomers.count ?? 0} 户，年初余额 ${formatYuan(r.indicators?.lostCustomers.balanceFen ?? 0)} 元</div>
<h2>二、业绩排名</h2>
<div>${e(rank)}</div>
<h2>三、逾期贷款变动</h2>
<table><thead>${MOVEMENT_HEAD}</thead><tbody><tr><td>${e(r.manager)}</td>${movementCells(r.overdue)}</tr></tbody></table>
<h2>四、通知书与档案</h2>
<div>本月发出通知书 ${r.notices.issued} 份，收回回执 ${r.notices.receipts} 份；逾期未归档档案 ${r.archives.total} 份${files ? `：${files}${more}` : ''}</div>
<h2>五、风险预警（未处理）</h2>
<div>${r.warnings.asOf ? `截至 ${e(r.warnings.asOf)}：${r.warnings.loans} 笔贷款有预警信号（${e(warnings)}）` : '尚无导入数据'}</div>
</body>
</html>
`;
  return {
    html,
    options: {
      landscape: false,
      format: 'A4',
      marginMm: MARGIN_MM,
      footerTemplate: footerTemplate({ margin: MARGIN_MM, gapMm: 4 }, `打印：${e(printedBy)}\u3000${e(printedAt)}`, `客户经理签字：${signatureLine(30)}\u3000支行长签字：${signatureLine(30)}`),
    },
  };
}
