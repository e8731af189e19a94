/**
 * The printed ranking board (客户经理业绩排名): one A4 portrait page (more if many managers),
 * self-contained HTML for PdfRenderer, with the definitions printed under the table.
 */
import { BOARD_DEFINITIONS, type RankingBoard } from '../../shared/api/targets';
import { formatYuan } from '../../shared/money';
import { escapeHtml as e } from '../print/html-escape';
import type { PdfOptions } from '../print/pdf-renderer';

const FONT_STACK = `"Microsoft YaHei", "微软雅黑", "Noto Sans CJK SC", "Noto Sans SC", sans-serif`;

export const percent = (r: number | null): string => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
export const monthLabel = (month: string): string => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

export function boardDateNote(board: RankingBoard): string {
  if (board.noImport) return '本月尚无导入数据';
  return `基准数据 ${board.baselineAsOf ?? '—'}，期末数据 ${board.endAsOf ?? '—'}`;
}

export function boardHtml(board: RankingBoard, branchName: string, printedAt: string): { html: string; options: PdfOptions } {
  const title = `${monthLabel(board.month)}客户经理业绩排名`;
  const money = (fen: number | null) => (fen === null ? '—' : formatYuan(fen));
  const count = (n: number | null) => (n === null ? '—' : String(n));
  const rows = board.rows
    .map(
      (r) => `<tr>
  <td class="c">${r.rank}</td>
  <td>${e(r.name)}${r.active ? '' : '（停用）'}</td>
  <td class="n">${money(r.targets.recoveredPrincipalFen)}</td><td class="n">${money(r.results.recoveredPrincipalFen)}</td><td class="n">${percent(r.rates.recoveredPrincipal)}</td>
  <td class="n">${count(r.targets.clearedLoans)}</td><td class="n">${r.results.clearedLoans}</td><td class="n">${percent(r.rates.clearedLoans)}</td>
  <td class="n">${count(r.targets.contacts)}</td><td class="n">${r.results.contacts}</td><td class="n">${percent(r.rates.contacts)}</td>
  <td class="n">${percent(r.score)}</td>
</tr>`,
    )
    .join('\n');
  const t = board.totals;
  const html = `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>${e([branchName, title].filter(Boolean).join(' '))}</title>
<style>
  @page { size: A4 portrait; }
  body { font-family: ${FONT_STACK}; font-size: 9pt; color: #111; margin: 0; }
  .org { text-align: center; font-size: 11pt; }
  h1 { text-align: center; font-size: 16pt; margin: 2mm 0 1mm; letter-spacing: 1pt; }
  .meta { text-align: center; margin-bottom: 3mm; }
  table { width: 100%; border-collapse: collapse; }
  th, td { border: 0.6pt solid #222; padding: 1.2mm 1mm; }
  th { background: #eee; font-weight: 600; }
  td.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
  td.c { text-align: center; }
  tr.totals td { font-weight: 600; }
  ol.defs { margin-top: 4mm; padding-left: 5mm; font-size: 8pt; }
  .foot { margin-top: 3mm; font-size: 8pt; display: flex; justify-content: space-between; }
</style>
</head>
<body>
<div class="org">${e(branchName)}</div>
<h1>${e(title)}</h1>
<div class="meta">${e(boardDateNote(board))}</div>
<table>
<thead>
<tr><th rowspan="2">名次</th><th rowspan="2">客户经理</th><th colspan="3">收回逾期本金（元）</th><th colspan="3">清收逾期贷款（笔）</th><th colspan="3">联系次数</th><th rowspan="2">综合得分</th></tr>
<tr><th>目标</th><th>实际</th><th>完成率</th><th>目标</th><th>实际</th><th>完成率</th><th>目标</th><th>实际</th><th>完成率</th></tr>
</thead>
<tbody>
${rows}
<tr class="totals"><td class="c" colspan="2">合计</td><td></td><td class="n">${formatYuan(t.recoveredPrincipalFen)}</td><td></td><td></td><td class="n">${t.clearedLoans}</td><td></td><td></td><td class="n">${t.contacts}</td><td></td><td></td></tr>
</tbody>
</table>
<ol class="defs">${BOARD_DEFINITIONS.map((d) => `<li>${e(d)}</li>`).join('')}</ol>
<div class="foot"><span>打印时间：${e(printedAt)}</span><span>支行长签字：<span style="display:inline-block;width:36mm;border-bottom:0.6pt solid #222;"></span></span></div>
</body>
</html>
`;
  return { html, options: { landscape: false, format: 'A4', marginMm: { top: 12, right: 10, bottom: 12, left: 10 } } };
}
