import { useMemo } from 'react';
import type { LoadRow, LoadTable } from '../../../../electron/shared/api/assignment';
import { DataGrid } from '../../grid/DataGrid';
import { loadColumns } from './load-columns';

const colDefaults = { filter: false };

/** The live load table: each manager's book, and 合计 (the branch's totals) pinned below. */
export function LoadTableGrid({ load }: { load: LoadTable }) {
  const totals = useMemo<LoadRow[]>(() => [{ managerId: '__totals__', name: '合计', active: true, ...load.totals, balanceShare: load.totals.balanceFen > 0 ? 1 : 0 }], [load.totals]);
  return (
    <DataGrid<LoadRow>
      testId="load-grid"
      rowData={load.rows}
      columnDefs={loadColumns}
      getRowId={(p) => p.data.managerId ?? '__nobody__'}
      pinnedBottomRowData={totals}
      domLayout="autoHeight"
      defaultColDef={colDefaults}
    />
  );
}
