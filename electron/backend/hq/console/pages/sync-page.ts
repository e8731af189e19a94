import { sql } from 'kysely';
import { formatLocalDateTime } from '../../../../shared/local-time';
import type { HqDb } from '../../hq-db';
import type { HqKeys } from '../../hq-keys';
import { html, type Html } from '../html';
import { refusedPackages } from '../quarantine-list';

const LIST_LIMIT = 100;
const when = (ms: number | null) => (ms === null ? '—' : formatLocalDateTime(ms));

/** 同步: per branch what came in and went out; held packages; the latest packages sent; refused ones (with --dir). */
export async function syncBody(db: HqDb, keys: HqKeys | null, hqDir: string | null): Promise<Html> {
  const [branches, held, sent, refused] = await Promise.all([
    db
      .selectFrom('hq_branches as b')
      .innerJoin('hq_last_package as p', 'p.branch_code', 'b.code')
      .select(['b.code', 'b.name', 'b.acked_seq as ackedSeq', 'b.revoked_at as revokedAt', 'p.last_seq as lastSeq', 'p.last_applied_at as lastAppliedAt', 'p.held'])
      .select([
        sql<number | null>`(select max(o.seq) from hq_outbox o where o.branch_code = b.code)`.as('lastSentSeq'),
        sql<number | null>`(select max(o.created_at) from hq_outbox o where o.branch_code = b.code)`.as('lastSentAt'),
        // Head office's rows for the branch that no package has carried yet.
        sql<number>`(select count(*) from hq_rows r where r.branch_code = b.code and r.change_seq > coalesce((select max(o.up_to_seq) from hq_outbox o where o.branch_code = b.code), 0))`.as('unsent'),
      ])
      .orderBy('b.code')
      .execute(),
    db.selectFrom('hq_inbox').select(['branch_code', 'seq', 'file_name', 'reason', 'received_at']).where('status', '=', 'held').orderBy('branch_code').orderBy('seq').execute(),
    db.selectFrom('hq_outbox').select(['branch_code', 'seq', 'rows', 'file_name', 'created_at', 'created_by']).orderBy('created_at', 'desc').limit(LIST_LIMIT).execute(),
    hqDir === null ? Promise.resolve(null) : refusedPackages(hqDir, LIST_LIMIT),
  ]);
  const identity = keys ? html`<dl class="facts"><dt>总行</dt><dd>${keys.secret.name}（${keys.secret.code}）</dd><dt>密钥指纹</dt><dd>${keys.fingerprint}</dd></dl>` : '';
  const branchTable =
    branches.length === 0
      ? html`<p class="muted">尚未登记任何支行。</p>`
      : html`<table id="sync-branches"><thead><tr><th>支行</th><th class="num">已导入到第几号包</th><th>最近导入时间</th><th class="num">暂存的包</th><th class="num">已发往支行到第几号包</th><th>最近发出时间</th><th class="num">支行已确认到第几号包</th><th class="num">待下发的行</th></tr></thead>
<tbody>${branches.map(
          (b) => html`<tr><td>${b.code} ${b.name}${b.revokedAt !== null ? html` <span class="muted">（已注销）</span>` : ''}</td><td class="num">${b.lastSeq || '—'}</td><td>${when(b.lastAppliedAt)}</td><td class="num">${b.held}</td>
<td class="num">${b.lastSentSeq ?? '—'}</td><td>${when(b.lastSentAt === null ? null : Number(b.lastSentAt))}</td><td class="num">${b.ackedSeq || '—'}</td><td class="num">${Number(b.unsent)}</td></tr>`,
        )}</tbody></table>
<p class="muted">“待下发的行”（如档案签收）随下一个发往该支行的同步包下发：hq export --branch &lt;机构号&gt;。</p>`;
  const heldTable =
    held.length === 0
      ? html`<p class="muted">没有暂存的包。</p>`
      : html`<table id="held"><thead><tr><th>支行</th><th class="num">包号</th><th>文件</th><th>原因</th><th>收到时间</th></tr></thead>
<tbody>${held.map((h) => html`<tr><td>${h.branch_code}</td><td class="num">${h.seq}</td><td>${h.file_name}</td><td>${h.reason}</td><td>${when(h.received_at)}</td></tr>`)}</tbody></table>`;
  const sentTable =
    sent.length === 0
      ? html`<p class="muted">尚未向支行发出同步包。</p>`
      : html`<table id="sent"><thead><tr><th>支行</th><th class="num">包号</th><th class="num">行数</th><th>文件</th><th>生成时间</th><th>操作人</th></tr></thead>
<tbody>${sent.map((s) => html`<tr><td>${s.branch_code}</td><td class="num">${s.seq}</td><td class="num">${s.rows}</td><td>${s.file_name}</td><td>${when(s.created_at)}</td><td>${s.created_by}</td></tr>`)}</tbody></table>`;
  const refusedPart =
    refused === null
      ? html`<p class="muted">启动控制台时加 --dir &lt;总行目录&gt; 可在此查看拒收的包及原因。</p>`
      : refused.length === 0
        ? html`<p class="muted">没有拒收的包。</p>`
        : html`<table id="refused"><thead><tr><th>文件</th><th>原因</th><th>时间</th></tr></thead>
<tbody>${refused.map((r) => html`<tr><td>${r.file}</td><td>${r.reason}</td><td>${when(r.at)}</td></tr>`)}</tbody></table>`;
  return html`${identity}<h2>各支行</h2>${branchTable}<h2>暂存的包（缺少前面的包，收到后自动导入）</h2>${heldTable}<h2>最近发出的包</h2>${sentTable}<h2>拒收的包</h2>${refusedPart}`;
}
