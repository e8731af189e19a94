import { ARCHIVE_STATUS_LABELS, type ArchiveStatus } from '../../../../shared/archive';
import { formatLocalDateTime } from '../../../../shared/local-time';
import { formatWanYuan } from '../../../../shared/money';
import type { HqDb } from '../../hq-db';
import { branchReport } from '../../report';
import { html, orDash, type Html } from '../html';

const statusLabel = (s: string) => ARCHIVE_STATUS_LABELS[s as ArchiveStatus] ?? s;
const wan = (fen: number | null) => (fen === null ? '—' : formatWanYuan(fen));
/** A sum over the branches that sent the figure; "—" when none did. */
const sumOf = (values: Array<number | null>) => (values.some((v) => v !== null) ? values.reduce<number>((a, v) => a + (v ?? 0), 0) : null);

/** 总览: one line per branch (branchReport, with balances and the last package's time), and the bank's totals. */
export async function overviewBody(db: HqDb): Promise<Html> {
  const [report, books, packages] = await Promise.all([
    branchReport(db),
    db.selectFrom('hq_latest_book').select(['branch_code', 'book']).execute(),
    db.selectFrom('hq_last_package').selectAll().execute(),
  ]);
  if (report.length === 0) return html`<p class="muted">尚未登记任何支行：用 hq register 登记支行的身份文件，再用 hq ingest 导入支行的同步包。</p>`;
  const bookOf = new Map(books.map((b) => [b.branch_code, b.book]));
  const packageOf = new Map(packages.map((p) => [p.branch_code, p]));
  const lines = report.map((b) => {
    const book = bookOf.get(b.code);
    const pkg = packageOf.get(b.code);
    return {
      ...b,
      balanceFen: typeof book?.balanceFen === 'number' ? book.balanceFen : null,
      overdueBalanceFen: typeof book?.overdueBalanceFen === 'number' ? book.overdueBalanceFen : null,
      lastAt: pkg?.last_applied_at ?? null,
      held: pkg?.held ?? 0,
    };
  });
  const archiveTotals: Record<string, number> = {};
  for (const l of lines) for (const [s, n] of Object.entries(l.archiveByStatus)) archiveTotals[s] = (archiveTotals[s] ?? 0) + n;
  const archiveCell = (byStatus: Record<string, number>) => {
    const parts = Object.entries(byStatus).map(([s, n]) => `${statusLabel(s)} ${n}`);
    return parts.length > 0 ? parts.join('，') : '—';
  };
  const rows = lines.map(
    (l) => html`<tr>
<td>${l.code} ${l.name}</td>
<td>${l.lastSeq > 0 ? `第 ${l.lastSeq} 号` : '尚未收到'}${l.lastAt !== null ? html`<br><span class="muted">${formatLocalDateTime(l.lastAt)}</span>` : ''}${l.held > 0 ? html`<br><span class="muted">暂存 ${l.held} 个</span>` : ''}</td>
<td>${orDash(l.asOf)}</td>
<td class="num">${orDash(l.loans)}</td><td class="num">${wan(l.balanceFen)}</td>
<td class="num">${orDash(l.overdueLoans)}</td><td class="num">${wan(l.overdueBalanceFen)}</td>
<td class="num">${l.notices}</td><td class="num">${l.receipts}</td>
<td>${archiveCell(l.archiveByStatus)}</td><td class="num">${l.overdueHandovers}</td>
</tr>`,
  );
  const total = html`<tr class="total"><td>全行合计（${lines.length} 个支行）</td><td></td><td></td>
<td class="num">${orDash(sumOf(lines.map((l) => l.loans)))}</td><td class="num">${wan(sumOf(lines.map((l) => l.balanceFen)))}</td>
<td class="num">${orDash(sumOf(lines.map((l) => l.overdueLoans)))}</td><td class="num">${wan(sumOf(lines.map((l) => l.overdueBalanceFen)))}</td>
<td class="num">${sumOf(lines.map((l) => l.notices))}</td><td class="num">${sumOf(lines.map((l) => l.receipts))}</td>
<td>${archiveCell(archiveTotals)}</td><td class="num">${sumOf(lines.map((l) => l.overdueHandovers))}</td></tr>`;
  return html`<table id="overview">
<thead><tr><th>支行</th><th>最近导入的包</th><th>数据日期</th><th class="num">贷款笔数</th><th class="num">贷款余额（万元）</th><th class="num">逾期笔数</th><th class="num">逾期余额（万元）</th><th class="num">已发通知书</th><th class="num">已收回执</th><th>档案</th><th class="num">逾期未移交</th></tr></thead>
<tbody>${rows}${total}</tbody></table>
<p class="muted">贷款与逾期取自各支行最近一次导入的汇总；支行尚未上报汇总时显示“—”。</p>`;
}
