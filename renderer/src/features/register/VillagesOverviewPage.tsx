import { useCallback, useMemo, useState } from 'react';
import type { ColumnState, FilterModel, GridApi } from 'ag-grid-community';
import type { VillageOverviewRow, VillagesOverview } from '../../../../electron/shared/api/villages';
import { formatWanYuan, formatYuan } from '../../../../electron/shared/money';
import { DataGrid } from '../../grid/DataGrid';
import { formatCount } from '../../format';
import { navigate, routeHref } from '../../router/hash-router';
import { REGISTER_PATHS } from './paths';
import { useVillagesOverview } from './useVillagesOverview';
import { villageColumns } from './village-columns';
import { LoadStatus } from '../../ui/LoadStatus';

/** The overview's filter and sort, kept while the app runs: back from a village, the list is as it was left. */
let lastView: { filter: FilterModel; columns: ColumnState[] } | null = null;

function rememberView(api: GridApi<VillageOverviewRow>): void {
  lastView = { filter: api.getFilterModel(), columns: api.getColumnState() };
}

/** 台账 → 村级概览: active loans summed per village, with totals above and a 合计 row below. */
export function VillagesOverviewPage() {
  const { state, reload } = useVillagesOverview();

  return (
    <div className="page">
      <div className="page-header">
        <h1>村级概览</h1>
        <span className="muted">按村汇总在贷（未结清）贷款</span>
        <div className="page-actions">
          <a className="btn" href={routeHref(REGISTER_PATHS.all)} data-testid="open-all-loans">
            全部贷款
          </a>
          <a className="btn btn-primary" href={routeHref(REGISTER_PATHS.import)} data-testid="open-import">
            导入核心系统文件
          </a>
          <button type="button" className="btn" onClick={reload} disabled={state.status === 'loading'}>
            刷新
          </button>
        </div>
      </div>
      <LoadStatus state={state} />
      {state.status === 'ready' ? <Overview data={state.data} /> : null}
    </div>
  );
}

function Overview({ data }: { data: VillagesOverview }) {
  const { rows, totals } = data;
  const [shown, setShown] = useState<{ count: number; totals: VillageOverviewRow }>(() => ({
    count: rows.length,
    totals: totalsRow(rows),
  }));

  // The 合计 row and the row count follow the grid's filter.
  const refreshShown = useCallback((api: GridApi<VillageOverviewRow>) => {
    const visible: VillageOverviewRow[] = [];
    api.forEachNodeAfterFilter((node) => {
      if (node.data) visible.push(node.data);
    });
    setShown({ count: visible.length, totals: totalsRow(visible) });
  }, []);

  const pinnedBottomRowData = useMemo(() => [shown.totals], [shown.totals]);

  if (rows.length === 0) {
    return (
      <div className="empty-state" data-testid="empty-state">
        尚无数据。可在 <a href={routeHref('/settings')}>设置</a> 中生成演示数据，或<a href={routeHref(REGISTER_PATHS.import)}>导入核心系统导出文件</a>。
      </div>
    );
  }

  return (
    <>
      <div className="summary-strip" data-testid="summary-strip">
        <SummaryItem label="村数" testId="total-villages" value={formatCount(totals.villages)} unit="个" />
        <SummaryItem label="户数" testId="total-households" value={formatCount(totals.households)} unit="户" />
        <SummaryItem label="贷款笔数" testId="total-loans" value={formatCount(totals.loans)} unit="笔" />
        <SummaryItem label="贷款余额" testId="total-balance" value={formatYuan(totals.balanceFen)} unit="元" />
        <SummaryItem label="贷款余额（万元）" testId="total-balance-wan" value={formatWanYuan(totals.balanceFen)} unit="万元" />
        <SummaryItem label="逾期笔数" testId="total-overdue-loans" value={formatCount(totals.overdueLoans)} unit="笔" warn={totals.overdueLoans > 0} />
        <SummaryItem label="逾期余额" testId="total-overdue-balance" value={formatYuan(totals.overdueBalanceFen)} unit="元" warn={totals.overdueBalanceFen > 0} />
        <SummaryItem
          label="逾期余额占比"
          testId="overdue-share"
          value={totals.balanceFen > 0 ? ((totals.overdueBalanceFen / totals.balanceFen) * 100).toFixed(2) : '0.00'}
          unit="%"
        />
      </div>
      <div className="grid-box">
        <DataGrid<VillageOverviewRow>
          testId="villages-grid"
          rowData={rows}
          columnDefs={villageColumns}
          getRowId={(p) => p.data.villageId}
          pinnedBottomRowData={pinnedBottomRowData}
          onGridReady={(e) => {
            if (!lastView) return;
            e.api.applyColumnState({ state: lastView.columns, applyOrder: true });
            e.api.setFilterModel(lastView.filter);
          }}
          onFilterChanged={(e) => {
            refreshShown(e.api);
            rememberView(e.api);
          }}
          onSortChanged={(e) => rememberView(e.api)}
          onRowClicked={(e) => {
            if (e.data && !e.node.rowPinned) navigate(REGISTER_PATHS.village(e.data.villageId));
          }}
          // The keyboard's way in: Enter on a focused row opens its village, as a click does.
          onCellKeyDown={(e) => {
            if ((e.event as KeyboardEvent | null)?.key === 'Enter' && e.data && !e.node.rowPinned) navigate(REGISTER_PATHS.village(e.data.villageId));
          }}
          rowClass="row-clickable"
          onRowDataUpdated={(e) => refreshShown(e.api)}
        />
        <div className="grid-footer">
          <span data-testid="grid-row-count">
            显示 {formatCount(shown.count)} / {formatCount(rows.length)} 个村
          </span>
          <span>点击村所在行打开该村的贷款清册；点击列标题排序，列标题旁的菜单可筛选；合计行随筛选变化。</span>
        </div>
      </div>
    </>
  );
}

function SummaryItem({ label, value, unit, testId, warn }: { label: string; value: string; unit: string; testId: string; warn?: boolean }) {
  return (
    <div className={warn ? 'summary-item summary-item-warn' : 'summary-item'}>
      <span className="summary-label">{label}</span>
      <span className="summary-value">
        <span data-testid={testId}>{value}</span>
        <span className="summary-unit">{unit}</span>
      </span>
    </div>
  );
}

function totalsRow(rows: VillageOverviewRow[]): VillageOverviewRow {
  const sum = (pick: (r: VillageOverviewRow) => number) => rows.reduce((acc, r) => acc + pick(r), 0);
  return {
    villageId: '__totals__',
    township: '合计',
    village: `${formatCount(rows.length)} 个村`,
    households: sum((r) => r.households),
    loans: sum((r) => r.loans),
    balanceFen: sum((r) => r.balanceFen),
    overdueLoans: sum((r) => r.overdueLoans),
    overdueBalanceFen: sum((r) => r.overdueBalanceFen),
    managerName: null,
  };
}
