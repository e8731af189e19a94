import { useState } from 'react';
import { formatYuan } from '../../../../electron/shared/money';
import { call } from '../../api/client';
import { useRpcQuery } from '../../api/useRpcQuery';
import { useSession } from '../../session/session';
import { errorMessage } from '../../ui/errors';

/**
 * One batch's loans as handed over (the figures printed on its transmittal list), each with 退回
 * for the branch head and admins: a returned loan is on the branch's worklists again.
 */
export function HandoverLines({ batchId, mayReturn, onReturned }: { batchId: string; mayReturn: boolean; onReturned(): void }) {
  const { handleSessionError } = useSession();
  const [version, setVersion] = useState(0);
  const lines = useRpcQuery('handover.lines', { batchId }, version);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState('');

  async function giveBack(loanId: string, loanNo: string) {
    if (reason.trim() === '') {
      setError('请先填写退回原因，再点“退回支行”。');
      return;
    }
    if (!window.confirm(`把贷款 ${loanNo} 从风险资产部退回支行？退回后重新列入工作清单。`)) return;
    setBusy(loanId);
    setError(null);
    try {
      await call('handover.return', { loanId, batchId, reason });
      setReason('');
      setVersion((v) => v + 1);
      onReturned();
    } catch (err) {
      if (!handleSessionError(err)) setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  if (lines.state.status === 'loading') return <p className="muted">正在加载…</p>;
  if (lines.state.status === 'error') return <div className="alert alert-error">{lines.state.message}</div>;
  return (
    <>
      {mayReturn && lines.state.data.some((l) => !l.returnedOn) ? (
        <label className="field-inline">
          退回原因
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} placeholder="如：欠息已还清，退回支行管理" data-testid="handover-return-reason" />
        </label>
      ) : null}
      <table className="handover-table" data-testid="handover-lines">
        <thead>
          <tr>
            <th>序号</th>
            <th>借据号</th>
            <th>借款人</th>
            <th>村</th>
            <th className="num">余额(元)</th>
            <th className="num">本金逾期天数</th>
            <th className="num">欠息(元)</th>
            <th>客户经理</th>
            <th>退回</th>
          </tr>
        </thead>
        <tbody>
          {lines.state.data.map((l) => (
            <tr key={l.lineNo}>
              <td>{l.lineNo}</td>
              <td className="mono">{l.loanNo}</td>
              <td>{l.borrower}</td>
              <td>{l.village}</td>
              <td className="num">{formatYuan(l.balanceFen)}</td>
              <td className="num">{l.principalOverdueDays || ''}</td>
              <td className="num">{l.interestOwedFen ? formatYuan(l.interestOwedFen) : ''}</td>
              <td>{l.manager ?? ''}</td>
              <td>
                {l.returnedOn ? (
                  <span title={l.returnNote}>已退回 {l.returnedOn}{l.returnNote ? `（${l.returnNote}）` : ''}</span>
                ) : mayReturn ? (
                  <button type="button" className="btn-link" disabled={busy !== null} onClick={() => void giveBack(l.loanId, l.loanNo)}>
                    {busy === l.loanId ? '正在退回…' : '退回支行'}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {error ? (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      ) : null}
    </>
  );
}
