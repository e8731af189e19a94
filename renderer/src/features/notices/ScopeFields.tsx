import type { NoticeScope } from '../../../../electron/shared/api/notices';
import type { WorklistOptions } from '../../../../electron/shared/api/worklists';
import { formatCount } from '../../format';
import { UNASSIGNED } from '../../ui/ManagerVillageFilters';


type ScopeBy = NoticeScope['by'];

/**
 * 范围 of a batch: one village, one manager's book, the whole branch, or the loans ticked in a
 * worklist or the register (offered only when the page was opened with them).
 */
export function ScopeFields({
  scope,
  onChange,
  options,
  loans,
}: {
  scope: NoticeScope | null;
  onChange(scope: NoticeScope | null): void;
  options: WorklistOptions | null;
  /** The ticked loans the page was opened with, and their description. */
  loans: { loanIds: string[]; label: string } | null;
}) {
  const by: ScopeBy | null = scope?.by ?? null;
  // 村 and 客户经理 are offered once their lists have loaded: picked before, the choice came to nothing.

  function pick(next: ScopeBy) {
    if (next === 'branch') onChange({ by: 'branch' });
    else if (next === 'loans' && loans) onChange({ by: 'loans', loanIds: loans.loanIds });
    else if (next === 'village') onChange(options?.villages[0] ? { by: 'village', villageId: options.villages[0].id } : null);
    else if (next === 'manager') onChange(options?.managers[0] ? { by: 'manager', managerId: options.managers[0].id } : { by: 'manager', managerId: null });
  }

  return (
    <fieldset className="notice-scope" data-testid="notice-scope">
      <legend className="field-label">范围</legend>
      <label className="check">
        <input type="radio" name="notice-scope" checked={by === 'village'} onChange={() => pick('village')} disabled={options === null} data-testid="notice-scope-village" />
        村
      </label>
      <select
        aria-label="村"
        value={scope?.by === 'village' ? scope.villageId : ''}
        onChange={(e) => onChange({ by: 'village', villageId: e.target.value })}
        data-testid="notice-village"
      >
        <option value="" disabled>
          请选择村
        </option>
        {options?.villages.map((v) => (
          <option key={v.id} value={v.id}>
            {v.township} {v.name}
          </option>
        ))}
      </select>
      <label className="check">
        <input type="radio" name="notice-scope" checked={by === 'manager'} onChange={() => pick('manager')} disabled={options === null} data-testid="notice-scope-manager" />
        客户经理
      </label>
      <select
        aria-label="客户经理"
        value={scope?.by === 'manager' ? (scope.managerId ?? UNASSIGNED) : ''}
        onChange={(e) => onChange({ by: 'manager', managerId: e.target.value === UNASSIGNED ? null : e.target.value })}
        data-testid="notice-manager"
      >
        <option value="" disabled>
          请选择客户经理
        </option>
        <option value={UNASSIGNED}>未分配</option>
        {options?.managers.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
      <label className="check">
        <input type="radio" name="notice-scope" checked={by === 'branch'} onChange={() => pick('branch')} data-testid="notice-scope-branch" />
        全行
      </label>
      {loans ? (
        <label className="check">
          <input type="radio" name="notice-scope" checked={by === 'loans'} onChange={() => pick('loans')} data-testid="notice-scope-loans" />
          {loans.label || `所选 ${formatCount(loans.loanIds.length)} 笔贷款`}
        </label>
      ) : null}
    </fieldset>
  );
}
