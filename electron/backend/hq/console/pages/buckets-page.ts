import { BUCKET_LABELS, OVERDUE_BUCKETS, type OverdueBucket } from '../../../../shared/api/worklists';
import { formatWanYuan } from '../../../../shared/money';
import type { HqDb } from '../../hq-db';
import { html, type Html } from '../html';

type Cell = { loans: number; balanceFen: number };

/** 逾期分段: each branch's overdue loans by bucket (hq_overdue_by_bucket, from its latest import summary), and the bank's. */
export async function bucketsBody(db: HqDb): Promise<Html> {
  const [branches, cells] = await Promise.all([
    db.selectFrom('hq_branches').select(['code', 'name']).orderBy('code').execute(),
    db.selectFrom('hq_overdue_by_bucket').selectAll().execute(),
  ]);
  if (branches.length === 0) return html`<p class="muted">尚未登记任何支行。</p>`;
  // Buckets the branch app knows first, in its order; any other a newer branch sends, after them.
  const extra = [...new Set(cells.map((c) => c.bucket))].filter((b) => !(OVERDUE_BUCKETS as readonly string[]).includes(b)).sort();
  const buckets = [...OVERDUE_BUCKETS, ...extra];
  const label = (b: string) => BUCKET_LABELS[b as OverdueBucket] ?? b;
  const byBranch = new Map<string, { asOf: string; cells: Map<string, Cell> }>();
  for (const c of cells) {
    const entry = byBranch.get(c.branch_code) ?? { asOf: c.as_of, cells: new Map<string, Cell>() };
    entry.cells.set(c.bucket, { loans: c.loans, balanceFen: c.balance_fen });
    byBranch.set(c.branch_code, entry);
  }
  const totals = new Map<string, Cell>(buckets.map((b) => [b, { loans: 0, balanceFen: 0 }]));
  const rows = branches.map((b) => {
    const entry = byBranch.get(b.code);
    const tds = buckets.map((bucket) => {
      const c = entry?.cells.get(bucket);
      if (!c) return html`<td class="num">—</td><td class="num">—</td>`;
      const t = totals.get(bucket)!;
      t.loans += c.loans;
      t.balanceFen += c.balanceFen;
      return html`<td class="num">${c.loans}</td><td class="num">${formatWanYuan(c.balanceFen)}</td>`;
    });
    return html`<tr><td>${b.code} ${b.name}</td><td>${entry?.asOf ?? '—'}</td>${tds}</tr>`;
  });
  const totalTds = buckets.map((bucket) => {
    const t = totals.get(bucket)!;
    return html`<td class="num">${t.loans}</td><td class="num">${formatWanYuan(t.balanceFen)}</td>`;
  });
  return html`<table id="buckets">
<thead><tr><th rowspan="2">支行</th><th rowspan="2">数据日期</th>${buckets.map((b) => html`<th colspan="2">${label(b)}</th>`)}</tr>
<tr>${buckets.map(() => html`<th class="num">笔数</th><th class="num">余额（万元）</th>`)}</tr></thead>
<tbody>${rows}<tr class="total"><td>全行合计</td><td></td>${totalTds}</tr></tbody></table>
<p class="muted">按本金逾期天数分段，取自各支行最近一次导入的汇总；支行尚未上报汇总时显示“—”。</p>`;
}
