import { ARCHIVE_STATUSES, ARCHIVE_STATUS_LABELS, type ArchiveStatus } from '../../../../shared/archive';
import { daysBetween, todayLocal } from '../../../../shared/dates';
import { formatLocalDateTime } from '../../../../shared/local-time';
import { handoversPastDeadline } from '../../handovers-past-deadline';
import type { HqDb } from '../../hq-db';
import { overdueHandovers, pendingBatches, recordedReceipts } from '../archive-queries';
import { html, type Html } from '../html';
import { branchFilter } from './branch-filter';

const LIST_LIMIT = 500;
const statusLabel = (s: string) => ARCHIVE_STATUS_LABELS[s as ArchiveStatus] ?? s;

/** 档案: files by status per branch, batches waiting for head office's receipt, overdue hand-overs, receipts recorded here. */
export async function archiveBody(db: HqDb, branch: string | undefined): Promise<Html> {
  let branchesQ = db.selectFrom('hq_branches').select(['code', 'name']).orderBy('code');
  let statusQ = db.selectFrom('hq_archive_status').selectAll();
  if (branch) {
    branchesQ = branchesQ.where('code', '=', branch);
    statusQ = statusQ.where('branch_code', '=', branch);
  }
  const [all, branches, statuses, pending, overdue, receipts] = await Promise.all([
    db.selectFrom('hq_branches').select(['code', 'name']).orderBy('code').execute(),
    branchesQ.execute(),
    statusQ.execute(),
    pendingBatches(db, branch),
    overdueHandovers(db, branch, LIST_LIMIT),
    recordedReceipts(db, branch, LIST_LIMIT),
  ]);
  const nameOf = new Map(all.map((b) => [b.code, b.name]));
  const branchName = (code: string) => `${code} ${nameOf.get(code) ?? ''}`.trim();
  const known = new Set<string>(ARCHIVE_STATUSES);
  const columns = [...ARCHIVE_STATUSES, ...[...new Set(statuses.map((s) => s.status))].filter((s) => !known.has(s)).sort()];
  const count = new Map(statuses.map((s) => [`${s.branch_code}\t${s.status}`, s.files]));
  const overdueBy = new Map<string, number>();
  const overdueCounts = await handoversPastDeadline(db)
    .select(['branch_code'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy('branch_code')
    .execute();
  for (const o of overdueCounts) overdueBy.set(o.branch_code, Number(o.n));
  const today = todayLocal();

  const statusTable = html`<table id="archive-status">
<thead><tr><th>支行</th>${columns.map((c) => html`<th class="num">${statusLabel(c)}</th>`)}<th class="num">逾期未移交</th></tr></thead>
<tbody>${branches.map(
    (b) => html`<tr><td>${b.code} ${b.name}</td>${columns.map((c) => html`<td class="num">${count.get(`${b.code}\t${c}`) ?? 0}</td>`)}<td class="num">${overdueBy.get(b.code) ?? 0}</td></tr>`,
  )}</tbody></table>`;

  const pendingTable =
    pending.length === 0
      ? html`<p class="muted">没有待签收的移交批次。</p>`
      : html`<table id="pending-batches"><thead><tr><th>支行</th><th>批次号</th><th>移交日期</th><th class="num">档案份数</th><th class="num">页数</th><th></th></tr></thead>
<tbody>${pending.map(
          (p) => html`<tr><td>${branchName(p.branchCode)}</td><td>${p.batchNo}</td><td>${p.handedOn}</td><td class="num">${p.files}</td><td class="num">${p.pages}</td>
<td><a class="button" href="/receipt?${new URLSearchParams({ branch: p.branchCode, batch: p.batchNo }).toString()}">签收</a></td></tr>`,
        )}</tbody></table>`;

  const overdueTable =
    overdue.total === 0
      ? html`<p class="muted">没有逾期未移交的档案。</p>`
      : html`<table id="overdue-handovers"><thead><tr><th>支行</th><th>应移交日期</th><th class="num">已逾期（天）</th><th>状态</th></tr></thead>
<tbody>${overdue.rows.map((o) => html`<tr><td>${branchName(o.branchCode)}</td><td>${o.dueOn}</td><td class="num">${daysBetween(o.dueOn, today)}</td><td>${statusLabel(o.status)}</td></tr>`)}</tbody></table>
${overdue.total > overdue.rows.length ? html`<p class="muted">共 ${overdue.total} 份，只列出应移交日期最早的 ${overdue.rows.length} 份。</p>` : ''}`;

  const receiptsTable =
    receipts.length === 0
      ? html`<p class="muted">尚未登记签收。</p>`
      : html`<table id="receipts"><thead><tr><th>支行</th><th>批次号</th><th>签收日期</th><th class="num">签收</th><th class="num">差异</th><th>登记人</th><th>登记时间</th><th>下发</th></tr></thead>
<tbody>${receipts.map(
          (r) => html`<tr><td>${branchName(r.branchCode)}</td><td>${r.batchNo}</td><td>${r.receivedOn}</td><td class="num">${r.received}</td><td class="num">${r.discrepancies}</td><td>${r.recordedBy}</td><td>${formatLocalDateTime(r.recordedAt)}</td>
<td>${r.sentInSeq === null ? '待下发（随下一个发往该支行的同步包）' : `已随第 ${r.sentInSeq} 号包下发`}</td></tr>`,
        )}</tbody></table>`;

  return html`${branchFilter('/archive', all, branch)}
<h2>各支行档案状态</h2>${statusTable}
<h2>待签收的移交批次</h2>${pendingTable}
<h2>逾期未移交的档案</h2>${overdueTable}
<h2>已登记的签收</h2>${receiptsTable}`;
}
