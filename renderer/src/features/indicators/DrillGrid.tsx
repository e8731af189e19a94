import { useMemo } from 'react';
import type { ColDef } from 'ag-grid-community';
import { DRILL_PAGE_MAX, INDICATOR_DEFINITIONS, type IndicatorDrillRow, type IndicatorKey } from '../../../../electron/shared/api/indicators';
import { useRpcQuery } from '../../api/useRpcQuery';
import { formatCount } from '../../format';
import { DataGrid } from '../../grid/DataGrid';
import { textColumn } from '../../grid/columns';
import { LoadStatus } from '../../ui/LoadStatus';
import { formatAmount, formatParts, formatPercent } from './indicator-format';

/** The loans (for 流失客户 the households) behind one indicator's figure for the month and filter. */
export function DrillGrid({ month, indicator, filters, onClose }: { month: string; indicator: IndicatorKey; filters: { managerId?: string; villageId?: string }; onClose(): void }) {
  const drill = useRpcQuery('indicators.drill', { month, indicator, ...filters, limit: DRILL_PAGE_MAX });
  const data = drill.state.status === 'ready' ? drill.state.data : null;
  const def = INDICATOR_DEFINITIONS[indicator];
  const columns = useMemo<ColDef<IndicatorDrillRow>[]>(
    () => [
      textColumn({ field: 'loanNo', headerName: '借据号', width: 168, cellClass: 'mono', pinned: 'left', valueFormatter: (p) => p.value ?? '—' }),
      textColumn({ field: 'borrower', headerName: '户名', width: 96 }),
      textColumn({ field: 'village', headerName: '村', width: 110 }),
      textColumn({ field: 'manager', headerName: '客户经理', width: 96, valueFormatter: (p) => (p.data ? (p.value ?? '未分配') : '') }),
      textColumn({ colId: 'counted', headerName: '计入分子', width: 96, valueGetter: (p) => (p.data ? (p.data.counted ? '是' : '否') : ''), cellClassRules: { 'cell-danger': (p) => p.data?.counted === false } }),
      { field: 'numerator', headerName: '分子', type: 'rightAligned', width: 140, filter: false, valueFormatter: (p) => (typeof p.value === 'number' ? formatAmount(p.value, def.unit) : '') },
      { field: 'denominator', headerName: '分母', type: 'rightAligned', width: 140, filter: false, valueFormatter: (p) => (typeof p.value === 'number' ? formatAmount(p.value, def.unit) : '') },
      textColumn({ field: 'detail', headerName: '依据', flex: 1, minWidth: 280, tooltipField: 'detail' }),
    ],
    [def.unit],
  );

  return (
    <section className="panel indicator-drill" aria-labelledby="indicator-drill-title" data-testid="indicator-drill">
      <div className="panel-title-row">
        <h2 id="indicator-drill-title">明细：{def.name}</h2>
        <button type="button" className="btn btn-small" onClick={onClose} aria-label="关闭明细">
          关闭
        </button>
      </div>
      <LoadStatus state={drill.state} />
      {data ? (
        <p className="muted" data-testid="indicator-drill-figure">
          {def.name} {formatPercent(def.key, data.figure.value)}（{formatParts(data.figure, def.unit)}）；共 {formatCount(data.count)} {def.unit === 'households' ? '户' : '笔'}
          {data.count > data.rows.length ? `，显示前 ${formatCount(data.rows.length)} 笔` : ''}。
        </p>
      ) : null}
      <div className="grid-box indicator-drill-grid">
        <DataGrid<IndicatorDrillRow>
          testId="indicator-drill-grid"
          rowData={data?.rows ?? null}
          columnDefs={columns}
          rowClassRules={{ 'indicator-row-missed': (p) => p.data?.counted === false }}
          tooltipShowDelay={400}
          overlayNoRowsTemplate="没有相关贷款"
        />
      </div>
    </section>
  );
}
