import { useMemo } from 'react';
import type { DueTaskRow } from '../../../../electron/shared/api/inspections';
import { useRpcQuery } from '../../api/useRpcQuery';
import { formatCount } from '../../format';
import { DataGrid } from '../../grid/DataGrid';
import { LoadStatus } from '../../ui/LoadStatus';
import { managerFilter, UNASSIGNED } from '../../ui/ManagerVillageFilters';
import { dueColumns, type DueGridContext } from './due-columns';

/** The most rows the page lists at once; the count above the grid says how many there are. */
const DUE_ROWS = 2000;

/** 待检查: open tasks due within the window and every overdue one, per manager, overdue highlighted; a row opens 登记检查. */
export function DueTab(props: { manager: string; villageId: string; version: number; onManager(manager: string): void; onRecord: ((row: DueTaskRow) => void) | null }) {
  const { manager, villageId, version, onRecord } = props;
  const due = useRpcQuery('inspections.due', { ...managerFilter(manager), ...(villageId ? { villageId } : {}), limit: DUE_ROWS }, version);
  const data = due.state.status === 'ready' ? due.state.data : null;
  const context = useMemo<DueGridContext>(() => ({ record: (row) => onRecord?.(row) }), [onRecord]);
  const columns = useMemo(() => (onRecord ? dueColumns : dueColumns.filter((c) => c.colId !== 'record')), [onRecord]);

  return (
    <>
      <LoadStatus state={due.state} />
      {data ? (
        <>
          <p className="muted inspection-hint" data-testid="due-summary">
            截至 {data.asOf}：待检查 <strong>{formatCount(data.count)}</strong> 笔（应检查日至 {data.windowEnd}），其中已逾期{' '}
            <strong className={data.overdueCount > 0 ? 'text-danger' : undefined} data-testid="due-overdue-count">
              {formatCount(data.overdueCount)}
            </strong>{' '}
            笔。
          </p>
          {data.byManager.length > 0 ? (
            <div className="inspection-managers" data-testid="due-by-manager">
              {data.byManager.map((m) => (
                <button
                  key={m.managerId ?? 'none'}
                  type="button"
                  className="btn-link"
                  onClick={() => props.onManager(m.managerId ?? UNASSIGNED)}
                  title="只看此客户经理的待检查贷款"
                >
                  {m.manager ?? '未分配'} {formatCount(m.due)} 笔
                  {m.overdue > 0 ? <span className="text-danger">（逾期 {formatCount(m.overdue)}）</span> : null}
                </button>
              ))}
            </div>
          ) : null}
        </>
      ) : null}
      <div className="grid-box">
        <DataGrid<DueTaskRow>
          testId="due-grid"
          className="due-grid"
          rowData={data?.rows ?? null}
          columnDefs={columns}
          context={context}
          getRowId={(p) => p.data.taskId}
          rowClassRules={{ 'inspection-row-overdue': (p) => !!p.data?.overdue }}
          onCellDoubleClicked={(e) => {
            if (e.data) onRecord?.(e.data);
          }}
          onCellKeyDown={(e) => {
            if ((e.event as KeyboardEvent | null)?.key === 'Enter' && e.data) onRecord?.(e.data);
          }}
          tooltipShowDelay={400}
          overlayNoRowsTemplate="没有待检查的贷款"
        />
        <div className="grid-footer">
          <span data-testid="due-count">{data ? `共 ${formatCount(data.count)} 笔${data.count > data.rows.length ? `，显示前 ${formatCount(data.rows.length)} 笔` : ''}` : '正在加载…'}</span>
          <span>{onRecord ? '点击“登记检查”、双击行或按回车登记检查；' : ''}已逾期的标红。</span>
        </div>
      </div>
    </>
  );
}
