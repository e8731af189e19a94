import { useState } from 'react';
import type { ColDef } from 'ag-grid-community';
import type { ImportRecord } from '../../../../electron/shared/api/imports';
import { useRpcQuery } from '../../api/useRpcQuery';
import { formatLocalDateTime } from '../../../../electron/shared/local-time';
import { countColumn, textColumn } from '../../grid/columns';
import { DataGrid } from '../../grid/DataGrid';
import { LoadStatus } from '../../ui/LoadStatus';
import { ImportIssues } from './ImportIssues';

// Narrow enough to fit the page without a horizontal scrollbar, which would cover the last row.
const columns: ColDef<ImportRecord>[] = [
  { field: 'createdAt', headerName: '导入时间', width: 132, sort: 'desc', valueFormatter: (p) => (typeof p.value === 'number' ? formatLocalDateTime(p.value) : ''), filter: false },
  textColumn({ field: 'fileName', headerName: '文件名', flex: 1, minWidth: 160, tooltipField: 'fileName' }),
  textColumn({ field: 'asOf', headerName: '数据日期', width: 100 }),
  { colId: 'fullExport', headerName: '完整导出', width: 84, filter: false, valueGetter: (p) => (p.data?.fullExport ? '是' : '否') },
  textColumn({ field: 'actorName', headerName: '操作人', width: 84 }),
  countColumn({ field: 'rowsRead', headerName: '读取', width: 64 }),
  countColumn({ field: 'accepted', headerName: '接受', width: 64 }),
  countColumn({ field: 'inserted', headerName: '新增', width: 64 }),
  countColumn({ field: 'updated', headerName: '变更', width: 64 }),
  countColumn({ field: 'unchanged', headerName: '未变', width: 64 }),
  countColumn({ field: 'duplicates', headerName: '重复', width: 64 }),
  countColumn({ field: 'settled', headerName: '结清', width: 64 }),
  countColumn({ field: 'rejected', headerName: '拒绝', width: 64, cellClassRules: { 'cell-danger': (p) => typeof p.value === 'number' && p.value > 0 } }),
  countColumn({ field: 'warnings', headerName: '提示', width: 64 }),
];

/** 导入记录 (imports.list): every committed import, newest first; a click shows its rejected rows and warnings. */
export function ImportHistory({ version }: { version: number }) {
  const { state } = useRpcQuery('imports.list', {}, version);
  const [selected, setSelected] = useState<ImportRecord | null>(null);

  return (
    <section className="panel" aria-labelledby="import-history">
      <h2 id="import-history">导入记录</h2>
      <LoadStatus state={state} />
      {state.status === 'ready' && state.data.length === 0 ? <div className="muted">尚未导入过文件。</div> : null}
      {state.status === 'ready' && state.data.length > 0 ? (
        <div className={state.data.length > 8 ? 'issue-grid issue-grid-tall' : 'issue-grid'}>
          <DataGrid<ImportRecord>
            testId="import-history"
            rowData={state.data}
            columnDefs={columns}
            getRowId={(p) => p.data.id}
            domLayout={state.data.length > 8 ? 'normal' : 'autoHeight'}
            // Staff names run to 32 characters (the demo's 系统管理员 was cut at the fixed width).
            autoSizeStrategy={{ type: 'fitCellContents', colIds: ['actorName'] }}
            tooltipShowDelay={300}
            rowClass="row-clickable"
            onRowClicked={(e) => setSelected(e.data ?? null)}
          />
        </div>
      ) : null}
      {selected ? <RecordIssues record={selected} /> : state.status === 'ready' && state.data.length > 0 ? <div className="muted">点击一条记录，查看该次导入被拒绝的行和提示。</div> : null}
    </section>
  );
}

function RecordIssues({ record }: { record: ImportRecord }) {
  const { state } = useRpcQuery('imports.issues', { importId: record.id });
  return (
    <div className="record-issues" data-testid="import-record-issues">
      <h3>
        {record.fileName}（数据日期 {record.asOf}，{formatLocalDateTime(record.createdAt)} 导入）
      </h3>
      <LoadStatus state={state} />
      {state.status === 'ready' ? <ImportIssues rejected={state.data.rejected} warnings={state.data.warnings} testIdPrefix="record" /> : null}
    </div>
  );
}
