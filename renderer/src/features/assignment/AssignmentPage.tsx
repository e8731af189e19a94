import './assignment.css';
import { useState } from 'react';
import { useRpcQuery } from '../../api/useRpcQuery';
import { LoadStatus } from '../../ui/LoadStatus';
import { LoadTableGrid } from './LoadTableGrid';
import { NameMappingSection } from './NameMappingSection';
import { OverwriteSetting } from './OverwriteSetting';
import { ProposalPanel } from './ProposalPanel';
import { TakeoverForm } from './TakeoverForm';
import { VillageAssignPanel } from './VillageAssignPanel';

/**
 * 分配: the load table for everyone; for the branch head and admins also assigning villages
 * from the grid, a departing manager's takeover, the balanced proposal and the import setting.
 */
export function AssignmentPage() {
  const [version, setVersion] = useState(0);
  const load = useRpcQuery('assignment.load', {}, version);
  const villages = useRpcQuery('villages.overview', {}, version);
  const changed = () => setVersion((v) => v + 1);
  const canAssign = load.state.status === 'ready' && load.state.data.canAssign;

  return (
    <div className="page assignment-page">
      <div className="page-header">
        <h1>管户分配</h1>
        <span className="muted">每笔在贷贷款由一名客户经理管户</span>
        <div className="page-actions">
          <button type="button" className="btn" onClick={changed} disabled={load.state.status === 'loading'}>
            刷新
          </button>
        </div>
      </div>
      <div className="assignment-sections">
        <section className="panel span-2" aria-labelledby="load-title">
          <h2 id="load-title">客户经理工作量</h2>
          <LoadStatus state={load.state} />
          {load.state.status === 'ready' ? <LoadTableGrid load={load.state.data} /> : null}
          {load.state.status === 'ready' && !canAssign ? (
            <p className="muted" data-testid="read-only-note">
              只有支行长和管理员可以调整管户分配。
            </p>
          ) : null}
        </section>

        {canAssign && load.state.status === 'ready' ? (
          <>
            <section className="panel span-2" aria-labelledby="villages-title">
              <h2 id="villages-title">按村分配</h2>
              <LoadStatus state={villages.state} />
              {villages.state.status === 'ready' ? (
                <VillageAssignPanel villages={villages.state.data.rows} managers={load.state.data.assignable} onAssigned={changed} />
              ) : null}
            </section>
            <section className="panel" aria-labelledby="takeover-title">
              <h2 id="takeover-title">离岗移交</h2>
              <TakeoverForm load={load.state.data} onDone={changed} />
            </section>
            <section className="panel" aria-labelledby="import-setting-title">
              <h2 id="import-setting-title">导入与分配</h2>
              <OverwriteSetting />
            </section>
            <section className="panel span-2" aria-labelledby="name-mapping-title">
              <h2 id="name-mapping-title">客户经理姓名对照</h2>
              <NameMappingSection managers={load.state.data.assignable} version={version} />
            </section>
            <section className="panel span-2" aria-labelledby="proposal-title">
              <h2 id="proposal-title">均衡分配方案</h2>
              <ProposalPanel managers={load.state.data.assignable} onApplied={changed} />
            </section>
          </>
        ) : null}
      </div>
    </div>
  );
}
