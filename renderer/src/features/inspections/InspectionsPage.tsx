import { useCallback, useState } from 'react';
import type { DueTaskRow, RecordedInspection } from '../../../../electron/shared/api/inspections';
import { TASK_KIND_LABELS } from '../../../../electron/shared/api/inspections';
import type { Role } from '../../../../electron/shared/domain';
import { useRpcQuery } from '../../api/useRpcQuery';
import { useSession } from '../../session/session';
import { DismissibleNotice, type PageNotice } from '../../ui/DismissibleNotice';
import { ManagerVillageFilters } from '../../ui/ManagerVillageFilters';
import { DueTab } from './DueTab';
import { InspectionDialog, type InspectionTarget } from './InspectionForm';
import { RecordsTab } from './RecordsTab';
import { RulesTab } from './RulesTab';
import { SpotChecksTab } from './SpotChecksTab';
import { WarningsTab } from './WarningsTab';
import '../worklists/worklists.css';
import './inspections.css';

type TabId = 'due' | 'records' | 'spot' | 'warnings' | 'rules';
const TABS: ReadonlyArray<{ id: TabId; label: string }> = [
  { id: 'due', label: '待检查' },
  { id: 'records', label: '检查记录' },
  { id: 'spot', label: '抽查' },
  { id: 'warnings', label: '风险预警' },
  { id: 'rules', label: '检查规则' },
];
/** Who records inspections (a visit is someone's): not clerks. */
const RECORD_ROLES: readonly Role[] = ['manager', 'reviewer', 'head', 'admin'];
/** Who sets the rules and the spot-check share. */
const SETTINGS_ROLES: readonly Role[] = ['head', 'admin'];
/** 抽查 is the post-loan officer's (贷后管理岗) work, and the branch head's and admins'. */
const SPOT_CHECK_ROLES: readonly Role[] = ['reviewer', 'head', 'admin'];

/** 贷后检查: the inspections due per manager, a loan's records and the form, the month's spot checks, and early warnings. */
export function InspectionsPage() {
  const { user } = useSession();
  const [tab, setTab] = useState<TabId>('due');
  const [manager, setManager] = useState('');
  const [villageId, setVillageId] = useState('');
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<PageNotice>(null);
  const [recording, setRecording] = useState<InspectionTarget | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const options = useRpcQuery('worklists.options', {});
  const canRecord = RECORD_ROLES.includes(user.role);
  const tabs = TABS.filter((t) => t.id !== 'spot' || SPOT_CHECK_ROLES.includes(user.role));

  const recordDue = useCallback((row: DueTaskRow) => {
    setRecording({ loanId: row.loanId, loanNo: row.loanNo, borrower: row.borrower, task: { kind: row.kind, dueOn: row.dueOn } });
  }, []);

  function saved(target: InspectionTarget, out: RecordedInspection) {
    setRecording(null);
    setVersion((v) => v + 1);
    const closed = out.closedTask ? `，完成${TASK_KIND_LABELS[out.closedTask.kind]}（应检查日 ${out.closedTask.dueOn}）` : '';
    const next = out.nextTask ? `；下次${TASK_KIND_LABELS[out.nextTask.kind]}应于 ${out.nextTask.dueOn} 前完成` : '';
    setNotice({ kind: 'success', text: `已登记 ${target.loanNo} ${target.borrower} 的贷后检查${closed}${next}。` });
  }

  const filtered = tab === 'due' || tab === 'warnings';

  return (
    <div className="page page-inspections" data-testid="inspections-page">
      <div className="page-header">
        <h1>贷后检查</h1>
        <div className="page-actions worklist-filters">
          {filtered ? (
            <ManagerVillageFilters options={options.state.status === 'ready' ? options.state.data : null} manager={manager} onManager={setManager} villageId={villageId} onVillage={setVillageId} testIdPrefix="inspection" />
          ) : null}
          <button type="button" className="btn" onClick={() => setVersion((v) => v + 1)}>
            刷新
          </button>
        </div>
      </div>
      <div className="worklist-tabs" role="tablist" aria-label="贷后检查">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={t.id === tab}
            className={t.id === tab ? 'worklist-tab worklist-tab-active' : 'worklist-tab'}
            onClick={() => {
              setTab(t.id);
              setNotice(null);
            }}
            data-testid={`inspection-tab-${t.id}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <DismissibleNotice notice={notice} onClose={() => setNotice(null)} testId="inspection-notice" />
      {tab === 'due' ? <DueTab manager={manager} villageId={villageId} version={version} onManager={setManager} onRecord={canRecord ? recordDue : null} /> : null}
      {tab === 'records' ? <RecordsTab version={version} picked={picked} onPick={setPicked} onRecord={canRecord ? setRecording : null} /> : null}
      {tab === 'spot' ? <SpotChecksTab onNotice={setNotice} /> : null}
      {tab === 'warnings' ? (
        <WarningsTab
          manager={manager}
          villageId={villageId}
          version={version}
          onChanged={(text) => {
            setNotice({ kind: 'success', text });
            setVersion((v) => v + 1);
          }}
        />
      ) : null}
      {tab === 'rules' ? <RulesTab canEdit={SETTINGS_ROLES.includes(user.role)} onSaved={(text) => setNotice({ kind: 'success', text })} /> : null}
      {recording ? <InspectionDialog target={recording} onClose={() => setRecording(null)} onSaved={(out) => saved(recording, out)} /> : null}
    </div>
  );
}
