import {
  INSPECTION_CONCLUSION_LABELS,
  INSPECTION_WAY_LABELS,
  SPOT_CHECK_VERDICT_LABELS,
  TASK_KIND_LABELS,
  TASK_STATUS_LABELS,
  type LoanInspections,
} from '../../../../electron/shared/api/inspections';

/** A loan's schedule (its rule, its tasks) and its inspections, newest first. */
export function LoanInspectionsView({ data, onRecord }: { data: LoanInspections; onRecord?: () => void }) {
  const { loan } = data;
  return (
    <div className="loan-inspections" data-testid="loan-inspections">
      <div className="panel-title-row">
        <h2>
          {loan.loanNo} {loan.borrower}
        </h2>
        {onRecord && loan.status === 'active' ? (
          <button type="button" className="btn btn-primary" onClick={onRecord} data-testid="loan-record">
            登记检查
          </button>
        ) : null}
      </div>
      <p className="muted">
        {loan.product} · {loan.guaranteeType || '—'} · 放款 {loan.disbursedOn ?? '—'} · 客户经理 {loan.manager ?? '未分配'}
        {loan.status === 'settled' ? ' · 已结清' : ''}。检查规则：放款后 {data.rule.firstDays} 天内首次检查，以后每 {data.rule.routineMonths} 个月一次。
      </p>
      <h3>检查任务</h3>
      {data.tasks.length === 0 ? (
        <p className="muted">尚无检查任务。</p>
      ) : (
        <table className="mini-table" data-testid="loan-tasks">
          <thead>
            <tr>
              <th>类型</th>
              <th>应检查日</th>
              <th>状态</th>
              <th>原因</th>
            </tr>
          </thead>
          <tbody>
            {data.tasks.map((t) => (
              <tr key={t.id}>
                <td>{TASK_KIND_LABELS[t.kind]}</td>
                <td>{t.dueOn}</td>
                <td>{TASK_STATUS_LABELS[t.status]}</td>
                <td>{t.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>检查记录</h3>
      {data.inspections.length === 0 ? (
        <p className="muted">尚无检查记录。</p>
      ) : (
        <table className="mini-table" data-testid="loan-inspection-list">
          <thead>
            <tr>
              <th>检查日期</th>
              <th>方式</th>
              <th>检查人</th>
              <th>风险预警信号</th>
              <th>结论</th>
              <th>后续措施</th>
              <th>抽查</th>
            </tr>
          </thead>
          <tbody>
            {data.inspections.map((i) => (
              <tr key={i.id}>
                <td>{i.inspectedOn}</td>
                <td>{INSPECTION_WAY_LABELS[i.way]}</td>
                <td>{i.staffName}</td>
                <td>{i.riskSignals.length > 0 ? i.riskSignals.join('、') : '无'}</td>
                <td>{INSPECTION_CONCLUSION_LABELS[i.conclusion]}</td>
                <td>{i.followUp}</td>
                <td>{i.spotCheck ? `${SPOT_CHECK_VERDICT_LABELS[i.spotCheck.verdict]}${i.spotCheck.note ? `：${i.spotCheck.note}` : ''}` : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
