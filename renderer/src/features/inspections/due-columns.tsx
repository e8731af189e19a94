import type { ColDef } from 'ag-grid-community';
import type { CustomCellRendererProps } from 'ag-grid-react';
import { TASK_KIND_LABELS, type DueTaskRow } from '../../../../electron/shared/api/inspections';
import { textColumn } from '../../grid/columns';

/** What the due grid's cells can reach (AG Grid's `context`). */
export interface DueGridContext {
  record(row: DueTaskRow): void;
}

function RecordCell(p: CustomCellRendererProps<DueTaskRow, unknown, DueGridContext>) {
  const data = p.data;
  if (!data) return null;
  return (
    <button type="button" className="cell-link" onClick={() => p.context.record(data)} title="登记检查（回车）" data-testid="due-row-record">
      登记检查
    </button>
  );
}

/** Open inspection tasks: overdue ones first (the backend's order), each with 登记检查. */
export const dueColumns: ColDef<DueTaskRow>[] = [
  { colId: 'record', headerName: '', width: 84, pinned: 'left', cellRenderer: RecordCell, sortable: false, filter: false },
  textColumn({ field: 'loanNo', headerName: '借据号', width: 168, cellClass: 'mono', pinned: 'left' }),
  textColumn({ field: 'borrower', headerName: '户名', width: 96 }),
  textColumn({ field: 'village', headerName: '村', width: 110 }),
  textColumn({ field: 'manager', headerName: '客户经理', width: 96, valueFormatter: (p) => (p.data ? (p.value ?? '未分配') : '') }),
  textColumn({ colId: 'kind', headerName: '检查类型', width: 100, valueGetter: (p) => (p.data ? TASK_KIND_LABELS[p.data.kind] : '') }),
  { field: 'dueOn', headerName: '应检查日', width: 112, cellClassRules: { 'cell-danger': (p) => !!p.data?.overdue } },
  textColumn({ colId: 'state', headerName: '状态', width: 90, valueGetter: (p) => (p.data ? (p.data.overdue ? '已逾期' : '待检查') : ''), cellClassRules: { 'cell-danger': (p) => !!p.data?.overdue } }),
  textColumn({ field: 'reason', headerName: '原因', flex: 1, minWidth: 200, tooltipField: 'reason' }),
];
