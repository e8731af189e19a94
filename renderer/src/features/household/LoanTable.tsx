import type { RegisterLoanRow } from '../../../../electron/shared/api/register';
import { formatYuan } from '../../../../electron/shared/money';
import { LegalStepCell } from '../legal/LegalStepCell';
import { LimitationCell } from '../limitation/LimitationCell';

export function LoanTable({ loans }: { loans: RegisterLoanRow[] }) {
  if (loans.length === 0) return <div className="muted">无贷款记录。</div>;
  return (
    <div className="mini-table-wrap">
      <table className="mini-table" data-testid="household-loans">
        <thead>
          <tr>
            <th>借据号</th>
            <th>产品</th>
            <th>到期日</th>
            <th className="num">余额(元)</th>
            <th className="num">逾期天数</th>
            <th>五级分类</th>
            <th>状态</th>
            <th>法律措施</th>
            <th>诉讼时效届满</th>
          </tr>
        </thead>
        <tbody>
          {loans.map((l) => (
            <tr key={l.loanId} className={l.status === 'settled' ? 'row-muted' : undefined}>
              <td className="mono">{l.loanNo}</td>
              <td>{l.product}</td>
              <td>{l.maturityOn ?? ''}</td>
              <td className="num">{formatYuan(l.balanceFen)}</td>
              <td className={l.principalOverdueDays > 0 ? 'num text-danger' : 'num'}>{l.principalOverdueDays || ''}</td>
              <td>{l.riskClass ?? ''}</td>
              <td>{l.status === 'settled' ? '结清' : l.handedOver ? '已移交' : '在贷'}</td>
              <td>
                <LegalStepCell target={{ loanId: l.loanId, loanNo: l.loanNo, borrower: l.name }} canRecord={l.status === 'active'} />
              </td>
              <td>{l.status === 'active' ? <LimitationCell loanId={l.loanId} /> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
