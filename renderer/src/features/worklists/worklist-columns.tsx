import type { ColDef } from 'ag-grid-community';
import type { CustomCellRendererProps } from 'ag-grid-react';
import { WORKLIST_SORT_COLUMNS, type WorklistRow, type WorklistSortColumn } from '../../../../electron/shared/api/worklists';
import { NON_PERFORMING, type RiskClass } from '../../../../electron/shared/domain';
import { formatYuan } from '../../../../electron/shared/money';
import { countColumn, yuanColumn } from '../../grid/columns';
import { HouseholdLinkCell } from '../../grid/household-link-cell';

/** What the worklist grid's cells can reach (AG Grid's `context`). */
export interface WorklistGridContext {
  openHousehold(borrowerId: string): void;
  /** 登记联系 for the row's loan. */
  enterContact(row: WorklistRow): void;
}

function EnterContactCell(p: CustomCellRendererProps<WorklistRow, unknown, WorklistGridContext>) {
  const data = p.data;
  if (!data) return null;
  return (
    <button type="button" className="cell-link" onClick={() => p.context.enterContact(data)} title="登记联系（F2）" data-testid="worklist-row-contact">
      登记
    </button>
  );
}

const positive = (v: unknown) => (typeof v === 'number' && v > 0 ? String(v) : '');

/** Column ids the backend sorts by; the others do not sort. */
export function isSortColumn(colId: string): colId is WorklistSortColumn {
  return (WORKLIST_SORT_COLUMNS as readonly string[]).includes(colId);
}

/** The worklist grid: sorted in the database (a click on a header), filtered by the page's manager and village. */
export function worklistColumns(): ColDef<WorklistRow>[] {
  const columns: ColDef<WorklistRow>[] = [
    { colId: 'contact', headerName: '', width: 60, pinned: 'left', cellRenderer: EnterContactCell },
    { field: 'loanNo', headerName: '借据号', width: 168, cellClass: 'mono', pinned: 'left' },
    { field: 'borrower', headerName: '户名', width: 96, pinned: 'left', cellRenderer: HouseholdLinkCell },
    { field: 'phones', headerName: '电话', width: 236, cellClass: 'mono', tooltipField: 'phones' },
    { field: 'village', headerName: '村', width: 110, tooltipValueGetter: (p) => (p.data ? `${p.data.township ?? ''}${p.data.village ?? ''}` : '') },
    { field: 'manager', headerName: '客户经理', width: 96, valueFormatter: (p) => (p.data ? (p.value ?? '未分配') : '') },
    { field: 'maturityOn', headerName: '到期日', width: 112 },
    yuanColumn({ field: 'balanceFen', headerName: '余额(元)', width: 130 }),
    countColumn({
      field: 'overdueDays',
      headerName: '本金逾期天数',
      width: 116,
      cellClassRules: { 'cell-danger': (p) => typeof p.value === 'number' && p.value > 0 },
      valueFormatter: (p) => positive(p.value),
    }),
    countColumn({ field: 'interestOverdueDays', headerName: '欠息天数', width: 96, valueFormatter: (p) => positive(p.value) }),
    yuanColumn({ field: 'interestOwedFen', headerName: '欠息(元)', width: 110, valueFormatter: (p) => (typeof p.value === 'number' && p.value > 0 ? formatYuan(p.value) : '') }),
    {
      field: 'riskClass',
      headerName: '五级分类',
      width: 92,
      cellClassRules: { 'cell-danger': (p) => NON_PERFORMING.includes(p.value as RiskClass) },
    },
  ];
  return columns.map((c) => ({ ...c, filter: false, sortable: isSortColumn(String(c.field)) }));
}
