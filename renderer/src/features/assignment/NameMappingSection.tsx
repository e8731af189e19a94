import { useState } from 'react';
import type { ManagerNameMapping, ManagerOption } from '../../../../electron/shared/api/assignment';
import { call } from '../../api/client';
import { useRpcQuery } from '../../api/useRpcQuery';
import { formatCount } from '../../format';
import { useSession } from '../../session/session';
import { FormError } from '../../ui/Field';
import { LoadStatus } from '../../ui/LoadStatus';
import { errorMessage } from '../../ui/errors';

/**
 * 客户经理姓名对照: each 客户经理 name the core exports used, and the staff member it stands for.
 * Pointing a name at another manager affects later imports only (new loans by that name); it
 * moves no loan already assigned — that is done with 按村分配 or 离岗移交.
 */
export function NameMappingSection({ managers, version }: { managers: ManagerOption[]; version: number }) {
  const { handleSessionError } = useSession();
  const mappings = useRpcQuery('assignment.nameMappings', {}, version);
  const [picked, setPicked] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function remap(m: ManagerNameMapping) {
    const staffId = picked[m.id];
    if (!staffId || staffId === m.staffId) return;
    setBusy(m.id);
    setError(null);
    setDone(null);
    try {
      const out = await call('assignment.remapName', { mappingId: m.id, staffId, updatedAt: m.updatedAt });
      setDone(`今后导入的文件中，客户经理“${m.name}”将对应${out.mapping.staffName}。已分配的贷款不变。`);
      setPicked(({ [m.id]: _done, ...rest }) => rest);
      mappings.reload();
    } catch (err) {
      if (!handleSessionError(err)) setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="form" data-testid="name-mappings">
      <span className="field-hint">
        核心系统文件中的客户经理姓名，第一次导入时对应到一名员工并一直保留，因此改名或同名不会拆分、合并管户。修改对照只影响以后导入的新贷款，不会移动已分配的贷款（如需移动，请用按村分配或离岗移交）。
      </span>
      <LoadStatus state={mappings.state} />
      {mappings.state.status === 'ready' ? (
        mappings.state.data.length === 0 ? (
          <p className="muted">导入的文件中还没有出现客户经理姓名。</p>
        ) : (
          <table className="mini-table">
            <thead>
              <tr>
                <th>文件中的姓名</th>
                <th>对应员工</th>
                <th className="num">其现管户贷款</th>
                <th>改为对应</th>
              </tr>
            </thead>
            <tbody>
              {mappings.state.data.map((m) => (
                <tr key={m.id} data-testid={`name-mapping-${m.name}`}>
                  <td>{m.name}</td>
                  <td>
                    {m.staffName}
                    {!m.staffActive ? <span className="muted">（已停用）</span> : !m.staffIsManager ? <span className="muted">（非客户经理）</span> : null}
                  </td>
                  <td className="num">{formatCount(m.staffLoans)}</td>
                  <td>
                    <select value={picked[m.id] ?? m.staffId} onChange={(e) => setPicked((p) => ({ ...p, [m.id]: e.target.value }))} aria-label={`“${m.name}”改为对应`}>
                      {managers.some((o) => o.id === m.staffId) ? null : <option value={m.staffId}>{m.staffName}</option>}
                      {managers.map((o) => (
                        <option key={o.id} value={o.id}>
                          {o.name}
                        </option>
                      ))}
                    </select>{' '}
                    <button
                      type="button"
                      className="btn btn-small"
                      disabled={busy !== null || !picked[m.id] || picked[m.id] === m.staffId}
                      onClick={() => void remap(m)}
                      data-testid={`name-mapping-save-${m.name}`}
                    >
                      {busy === m.id ? '正在保存…' : '保存'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
      <FormError message={error} />
      {done ? (
        <div className="alert alert-success" role="status">
          {done}
        </div>
      ) : null}
    </div>
  );
}
