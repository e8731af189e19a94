import { useMemo, useState } from 'react';
import type { IndicatorKey } from '../../../../electron/shared/api/indicators';
import { todayLocal } from '../../../../electron/shared/dates';
import { useRpcQuery } from '../../api/useRpcQuery';
import { DismissibleNotice, type PageNotice } from '../../ui/DismissibleNotice';
import { LoadStatus } from '../../ui/LoadStatus';
import { monthLabel, MonthPicker } from '../../ui/MonthPicker';
import { DrillGrid } from './DrillGrid';
import { IndicatorCards } from './IndicatorCards';
import { IndicatorCharts } from './IndicatorCharts';
import { MonthEndButtons } from './MonthEndButtons';
import '../worklists/worklists.css';
import './indicators.css';

type View = 'cards' | 'charts';

/**
 * 贷后指标: the month's indicators for the branch, a manager or a village, each with its definition
 * and drillable to the loans behind it; the trend and the managers side by side as charts; the
 * month-end pack and each manager's monthly report.
 */
export function IndicatorsPage() {
  const [month, setMonth] = useState(todayLocal().slice(0, 7));
  const [managerId, setManagerId] = useState('');
  const [villageId, setVillageId] = useState('');
  const [view, setView] = useState<View>('cards');
  const [drilled, setDrilled] = useState<IndicatorKey | null>(null);
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<PageNotice>(null);
  const filters = useMemo(() => ({ ...(managerId ? { managerId } : {}), ...(villageId ? { villageId } : {}) }), [managerId, villageId]);
  const options = useRpcQuery('worklists.options', {});
  const figures = useRpcQuery('indicators.month', { month, ...filters }, version);
  const optionData = options.state.status === 'ready' ? options.state.data : null;
  const managerName = optionData?.managers.find((m) => m.id === managerId)?.name ?? null;
  const scope = [managerName, optionData?.villages.find((v) => v.id === villageId)?.name].filter(Boolean).join(' · ') || '全行';

  return (
    <div className="page page-indicators" data-testid="indicators-page">
      <div className="page-header">
        <h1>贷后指标</h1>
        <MonthPicker
          month={month}
          onChange={(m) => {
            setMonth(m);
            setNotice(null);
          }}
          testId="indicator-month"
        />
        <div className="page-actions worklist-filters">
          <label className="field-inline">
            客户经理
            <select value={managerId} onChange={(e) => setManagerId(e.target.value)} data-testid="indicator-manager">
              <option value="">全行</option>
              {optionData?.managers.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field-inline">
            村
            <select value={villageId} onChange={(e) => setVillageId(e.target.value)} data-testid="indicator-village">
              <option value="">全部</option>
              {optionData?.villages.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.township} {v.name}
                </option>
              ))}
            </select>
          </label>
          <MonthEndButtons month={month} managerId={managerId} managerName={managerName} onNotice={setNotice} />
          <button type="button" className="btn" onClick={() => setVersion((v) => v + 1)}>
            刷新
          </button>
        </div>
      </div>
      <div className="worklist-tabs" role="tablist" aria-label="指标">
        {(
          [
            ['cards', '指标'],
            ['charts', '图表'],
          ] as const
        ).map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={view === id}
            className={view === id ? 'worklist-tab worklist-tab-active' : 'worklist-tab'}
            onClick={() => setView(id)}
            data-testid={`indicator-view-${id}`}
          >
            {label}
          </button>
        ))}
      </div>
      <DismissibleNotice notice={notice} onClose={() => setNotice(null)} testId="indicator-notice" />
      {view === 'cards' ? (
        <>
          <section className="panel" aria-labelledby="indicator-title">
            <h2 id="indicator-title" data-testid="indicator-title">
              {monthLabel(month)}贷后指标（{scope}）
            </h2>
            <LoadStatus state={figures.state} />
            {figures.state.status === 'ready' ? <IndicatorCards data={figures.state.data} drilled={drilled} onDrill={setDrilled} /> : null}
          </section>
          {drilled ? <DrillGrid key={`${drilled}:${month}:${managerId}:${villageId}:${version}`} month={month} indicator={drilled} filters={filters} onClose={() => setDrilled(null)} /> : null}
        </>
      ) : (
        <IndicatorCharts key={version} month={month} filters={filters} villageId={villageId} onManager={setManagerId} />
      )}
    </div>
  );
}
