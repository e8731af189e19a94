import type { HouseholdDetail } from '../../../../electron/shared/api/register';
import { formatLocalDateTime } from '../../../../electron/shared/local-time';
import { actionLabel, fieldLabel, historyValue, tableLabel } from './history-labels';

export function History({ detail }: { detail: HouseholdDetail }) {
  if (detail.history.length === 0) return <div className="muted">暂无变更记录。</div>;
  return (
    <ol className="history" data-testid="household-history">
      {detail.history.map((h, i) => (
        <li key={`${h.at}-${i}`}>
          <div className="history-meta">
            <span>{formatLocalDateTime(h.at)}</span>
            <span>{h.actorName}</span>
            <span className="tag">
              {actionLabel(h.action)}
              {tableLabel(h.table)}
            </span>
          </div>
          {h.note ? <div className="history-note">{h.note}</div> : null}
          {h.changes.length > 0 ? (
            <ul className="history-changes">
              {h.changes.map((c) => (
                <li key={c.field}>
                  <span className="history-field">{fieldLabel(c.field)}</span>
                  <span className="history-before">{historyValue(c.field, c.before)}</span>
                  <span aria-hidden="true"> → </span>
                  <span className="history-after">{historyValue(c.field, c.after)}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
