import { useMemo, useState } from 'react';
import type { ArchiveSettingsView } from '../../../../electron/shared/api/archive-settings';
import type { GuaranteeKind } from '../../../../electron/shared/archive';
import { call } from '../../api/client';
import { errorMessage } from '../../ui/errors';
import { nextState, RULE_COLUMNS, RuleIndex, stateLabel } from './rule-cells';

interface Props {
  view: ArchiveSettingsView;
  /** '' = the rules of every product. */
  product: string;
  canEdit: boolean;
  onSaved(view: ArchiveSettingsView): void;
  testId: string;
}

/**
 * Which document types a file needs, per guarantee type: a cell says 必需 or 不需要, or nothing
 * (then the less specific rules decide, shown as 沿用). A click moves it on.
 */
export function RuleMatrix({ view, product, canEdit, onSaved, testId }: Props) {
  const index = useMemo(() => new RuleIndex(view.rules), [view.rules]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function cycle(docTypeId: string, guaranteeType: GuaranteeKind | '') {
    setBusy(true);
    setError(null);
    call('archiveSettings.saveRule', { docTypeId, product, guaranteeType, required: nextState(index.own(docTypeId, product, guaranteeType)) })
      .then(onSaved)
      .catch((err: unknown) => setError(errorMessage(err)))
      .finally(() => setBusy(false));
  }

  return (
    <div className="mini-table-wrap">
      {error ? (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      ) : null}
      <table className="mini-table as-matrix" data-testid={testId}>
        <thead>
          <tr>
            <th>资料</th>
            {RULE_COLUMNS.map((c) => (
              <th key={c.guarantee}>{c.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.docTypes.map((t) => (
            <tr key={t.id} className={t.active ? undefined : 'row-muted'}>
              <th scope="row">
                {t.name}
                {t.active ? '' : '（已停用）'}
              </th>
              {RULE_COLUMNS.map((c) => {
                const own = index.own(t.id, product, c.guarantee);
                const text = own === null ? `沿用：${stateLabel(index.inherited(t.id, product, c.guarantee))}` : stateLabel(own);
                const className = own === null ? 'as-cell as-cell-inherited' : own ? 'as-cell as-cell-required' : 'as-cell as-cell-not';
                return (
                  <td key={c.guarantee}>
                    {canEdit ? (
                      <button type="button" className={className} disabled={busy} aria-label={`${t.name} ${c.label}：${text}`} onClick={() => cycle(t.id, c.guarantee)}>
                        {text}
                      </button>
                    ) : (
                      <span className={className} aria-label={`${t.name} ${c.label}：${text}`}>
                        {text}
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
