import type { WorklistOptions } from '../../../electron/shared/api/worklists';

/** The 客户经理 choice meaning "loans without a manager". */
export const UNASSIGNED = '__none__';

/** A 客户经理 choice as a query's filter: none chosen, loans without a manager (null), or one manager. */
export function managerFilter(manager: string): { managerId?: string | null } {
  return manager === UNASSIGNED ? { managerId: null } : manager ? { managerId: manager } : {};
}

/**
 * The 客户经理 and 村 filters of a loan list (worklists, 诉讼时效, 本月未发催收), from worklists.options;
 * '' is 全部. Test ids are `<testIdPrefix>-manager` and `<testIdPrefix>-village`.
 */
export function ManagerVillageFilters(props: {
  options: Pick<WorklistOptions, 'managers' | 'villages'> | null;
  manager: string;
  onManager: (manager: string) => void;
  villageId: string;
  onVillage: (villageId: string) => void;
  testIdPrefix: string;
}) {
  const { options, testIdPrefix } = props;
  return (
    <>
      <label className="field-inline">
        客户经理
        <select value={props.manager} onChange={(e) => props.onManager(e.target.value)} data-testid={`${testIdPrefix}-manager`}>
          <option value="">全部</option>
          <option value={UNASSIGNED}>未分配</option>
          {options?.managers.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field-inline">
        村
        <select value={props.villageId} onChange={(e) => props.onVillage(e.target.value)} data-testid={`${testIdPrefix}-village`}>
          <option value="">全部</option>
          {options?.villages.map((v) => (
            <option key={v.id} value={v.id}>
              {v.township} {v.name}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
