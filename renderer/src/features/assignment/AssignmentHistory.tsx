import type { AssignmentHistoryEntry } from '../../../../electron/shared/api/assignment';
import { useRpcQuery } from '../../api/useRpcQuery';
import { LoadStatus } from '../../ui/LoadStatus';

/** 管户记录 of a household: who looked after each of its loans, from when to when, why, and who decided. */
export function AssignmentHistory({ borrowerId, version }: { borrowerId: string; version?: number }) {
  const { state } = useRpcQuery('assignment.history', { borrowerId }, version);
  if (state.status !== 'ready') return <LoadStatus state={state} />;
  if (state.data.length === 0) return <p className="muted">尚无管户记录。</p>;
  return (
    <table className="mini-table" data-testid="assignment-history">
      <thead>
        <tr>
          <th>借据号</th>
          <th>客户经理</th>
          <th>起</th>
          <th>止</th>
          <th>原因</th>
          <th>经办</th>
        </tr>
      </thead>
      <tbody>
        {state.data.map((e: AssignmentHistoryEntry) => (
          <tr key={e.id} className={e.validTo === null ? undefined : 'row-muted'}>
            <td>{e.loanNo}</td>
            <td>{e.managerName}</td>
            <td>{e.validFrom}</td>
            <td>{e.validTo ?? '至今'}</td>
            <td>{e.reason}</td>
            <td>{e.endedBy && e.endedBy !== e.assignedBy ? `${e.assignedBy ?? '—'}／${e.endedBy}` : (e.assignedBy ?? '—')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
