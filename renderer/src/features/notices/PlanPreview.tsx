import type { NoticeBatchPlan } from '../../../../electron/shared/api/notices';
import { NOTICE_KIND_LABELS, type NoticeKind } from '../../../../electron/shared/notices';
import { formatYuan } from '../../../../electron/shared/money';
import { formatCount } from '../../format';

/** Notices listed under the preview (the count above is of all). */
const LISTED = 50;

/**
 * What 预览 found: how many notices of each kind, the loans left out and why, the first
 * notices in print order, and the sample pages as they will print (a sandboxed frame: the
 * backend's HTML runs no script here).
 */
export function PlanPreview({ plan }: { plan: NoticeBatchPlan }) {
  const byKind = new Map<NoticeKind, number>();
  for (const n of plan.notices) byKind.set(n.kind, (byKind.get(n.kind) ?? 0) + 1);
  const skipped = plan.skipped.filter((s) => s.loans > 0);

  return (
    <section className="panel notice-plan" data-testid="notice-plan" aria-label="预览">
      <p className="notice-plan-count">
        将发出 <strong data-testid="notice-plan-count">{formatCount(plan.notices.length)}</strong> 份通知书
        {byKind.size > 1 ? `（${[...byKind].map(([k, n]) => `${NOTICE_KIND_LABELS[k]} ${formatCount(n)} 份`).join('，')}）` : ''}
        ，数据截至 {plan.asOf ?? '—'}，按台账顺序（村、户）排列。
      </p>
      {skipped.length > 0 ? (
        <ul className="notice-skipped" data-testid="notice-plan-skipped">
          {skipped.map((s) => (
            <li key={s.reason}>
              未发 {formatCount(s.loans)} 笔：{s.reason}
            </li>
          ))}
        </ul>
      ) : null}
      {plan.notices.length > 0 ? (
        <div className="notice-plan-body">
          <div className="mini-table-wrap notice-plan-list">
            <table className="mini-table">
              <thead>
                <tr>
                  <th>村</th>
                  <th>借款人</th>
                  <th>收件人</th>
                  <th>借据号</th>
                  <th className="num">余额(元)</th>
                  <th className="num">欠息(元)</th>
                  <th className="num">逾期天数</th>
                </tr>
              </thead>
              <tbody>
                {plan.notices.slice(0, LISTED).map((n, i) => (
                  <tr key={`${n.loanId}-${n.addresseeRole}-${n.addressee}-${i}`}>
                    <td>{n.village ?? ''}</td>
                    <td>{n.borrowerName}</td>
                    <td>
                      {n.addressee}
                      {n.addresseeRole === 'guarantor' ? <span className="tag">担保人</span> : null}
                    </td>
                    <td className="mono">{n.loanNo}</td>
                    <td className="num">{formatYuan(n.balanceFen)}</td>
                    <td className="num">{n.interestOwedFen > 0 ? formatYuan(n.interestOwedFen) : ''}</td>
                    <td className="num">{n.principalOverdueDays > 0 ? n.principalOverdueDays : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {plan.notices.length > LISTED ? <p className="muted">另有 {formatCount(plan.notices.length - LISTED)} 份未列出。</p> : null}
          </div>
          <iframe className="notice-sample" title="通知书样张" sandbox="" srcDoc={plan.sampleHtml} data-testid="notice-sample" />
        </div>
      ) : null}
    </section>
  );
}
