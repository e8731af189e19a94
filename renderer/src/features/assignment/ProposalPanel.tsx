import { useState } from 'react';
import type { LoadFigures, ManagerOption, ProposalView } from '../../../../electron/shared/api/assignment';
import { formatWanYuan } from '../../../../electron/shared/money';
import { call } from '../../api/client';
import { formatCount } from '../../format';
import { useSession } from '../../session/session';
import { FormError } from '../../ui/Field';
import { errorMessage } from '../../ui/errors';

type Override = { villageId: string | null; managerId: string };

/**
 * 均衡分配方案: the branch head picks managers, sees the proposal beside today's books, moves
 * whole villages where they know better, and applies it in one step.
 */
export function ProposalPanel({ managers, onApplied }: { managers: ManagerOption[]; onApplied: () => void }) {
  const { handleSessionError } = useSession();
  const [picked, setPicked] = useState<string[]>(() => managers.map((m) => m.id));
  const [overrides, setOverrides] = useState<Override[]>([]);
  const [view, setView] = useState<ProposalView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run<T>(fn: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(null);
    try {
      return await fn();
    } catch (err) {
      if (!handleSessionError(err)) setError(errorMessage(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  async function propose(next: Override[]) {
    setDone(null);
    const ids = managers.map((m) => m.id).filter((id) => picked.includes(id));
    if (ids.length === 0) return setError('请至少选择一名客户经理。');
    const kept = next.filter((o) => ids.includes(o.managerId));
    const result = await run(() => call('assignment.propose', { managerIds: ids, overrides: kept }));
    if (result) {
      setOverrides(kept);
      setView(result);
    }
  }

  async function apply() {
    if (!view) return;
    const ids = view.managers.filter((m) => m.picked).map((m) => m.managerId!);
    const result = await run(() => call('assignment.applyProposal', { managerIds: ids, overrides, basis: view.basis, reason: '均衡分配' }));
    if (result) {
      setDone(`方案已应用：${formatCount(result.moved)} 笔贷款换了客户经理。`);
      setView(null);
      setOverrides([]);
      onApplied();
    }
  }

  function moveVillage(villageId: string | null, managerId: string) {
    const rest = overrides.filter((o) => o.villageId !== villageId);
    void propose(managerId ? [...rest, { villageId, managerId }] : rest);
  }

  const pickedOptions = managers.filter((m) => view?.managers.some((x) => x.picked && x.managerId === m.id));

  return (
    <div className="form" aria-label="均衡分配方案">
      <fieldset className="fieldset">
        <legend>参与分配的客户经理</legend>
        <div className="check-list">
          {managers.map((m) => (
            <label key={m.id} className="check">
              <input type="checkbox" checked={picked.includes(m.id)} onChange={() => setPicked((p) => (p.includes(m.id) ? p.filter((x) => x !== m.id) : [...p, m.id]))} /> {m.name}
            </label>
          ))}
        </div>
        <span className="field-hint">全行在贷贷款按户数、余额和逾期余额均衡分给所选客户经理，尽量整村分配；未选的客户经理交出其全部贷款。生成方案不会修改任何数据。</span>
      </fieldset>
      <div className="form-actions">
        <button type="button" className="btn" disabled={busy} onClick={() => void propose(overrides)} data-testid="proposal-make">
          {busy ? '正在计算…' : view ? '重新生成方案' : '生成方案'}
        </button>
        {view ? (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void apply()} data-testid="proposal-apply">
            应用方案
          </button>
        ) : null}
      </div>
      <FormError message={error} />
      {done ? (
        <div className="alert alert-success" role="status">
          {done}
        </div>
      ) : null}
      {view ? (
        <>
          <div className="alert alert-info" data-testid="proposal-summary">
            方案拆分 {view.splitVillages} 个村，{formatCount(view.loansToMove)} 笔贷款将换客户经理。可在下方逐村调整，调整后方案随之重算。
          </div>
          <CompareTable view={view} />
          <table className="mini-table" data-testid="proposal-villages">
            <thead>
              <tr>
                <th>村</th>
                <th className="num">户数</th>
                <th className="num">余额(万元)</th>
                <th>现在</th>
                <th>方案</th>
                <th>调整为</th>
              </tr>
            </thead>
            <tbody>
              {view.villages.map((v) => (
                <tr key={v.villageId ?? ''}>
                  <td>
                    {v.township}
                    {v.village}
                  </td>
                  <td className="num">{formatCount(v.households)}</td>
                  <td className="num">{formatWanYuan(v.balanceFen)}</td>
                  <td>{v.before || '未分配'}</td>
                  <td>{v.after.length === 1 ? v.after[0].name : v.after.map((a) => `${a.name} ${a.households} 户`).join('，')}</td>
                  <td>
                    <select
                      aria-label={`${v.village}调整为`}
                      value={overrides.find((o) => o.villageId === v.villageId)?.managerId ?? ''}
                      disabled={busy}
                      onChange={(e) => moveVillage(v.villageId, e.target.value)}
                    >
                      <option value="">按方案</option>
                      {pickedOptions.map((m) => (
                        <option key={m.id} value={m.id}>
                          整村给{m.name}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </div>
  );
}

function CompareTable({ view }: { view: ProposalView }) {
  const cells = (f: LoadFigures) => (
    <>
      <td className="num">{formatCount(f.households)}</td>
      <td className="num">{formatCount(f.loans)}</td>
      <td className="num">{formatWanYuan(f.balanceFen)}</td>
      <td className="num">{formatWanYuan(f.overdueBalanceFen)}</td>
    </>
  );
  return (
    <table className="mini-table compare-table" data-testid="proposal-compare">
      <thead>
        <tr>
          <th rowSpan={2}>客户经理</th>
          <th colSpan={4}>现在</th>
          <th colSpan={5}>方案</th>
        </tr>
        <tr>
          {['户数', '笔数', '余额(万元)', '逾期余额(万元)', '户数', '笔数', '余额(万元)', '逾期余额(万元)', '村数'].map((h, i) => (
            <th key={i} className="num">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {view.managers.map((m) => (
          <tr key={m.managerId ?? ''}>
            <td>{m.name}</td>
            {cells(m.before)}
            {cells(m.after)}
            <td className="num">{m.after.villages}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td>合计</td>
          {cells(view.totals)}
          {cells(view.totals)}
          <td className="num">{view.villages.length}</td>
        </tr>
      </tfoot>
    </table>
  );
}
