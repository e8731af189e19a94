import type { ColDef } from 'ag-grid-community';
import type { CustomCellRendererProps } from 'ag-grid-react';
import type { ArchiveCell, ArchiveDocTypeView, ArchiveFileRow } from '../../../../electron/shared/api/archives';
import { ARCHIVE_DOC_STATE_LABELS, ARCHIVE_STATUS_LABELS } from '../../../../electron/shared/archive';
import { countColumn } from '../../grid/columns';
import { HouseholdLinkCell, type HouseholdLinkContext } from '../../grid/household-link-cell';

/** What the archive grid's cells can reach (AG Grid's `context`). */
export interface ArchiveGridContext extends HouseholdLinkContext {
  openFile(fileId: string): void;
}

/** A checklist column's id: `doc:` and the document type's id. */
const DOC_PREFIX = 'doc:';
export const docColId = (docTypeId: string) => `${DOC_PREFIX}${docTypeId}`;
/** The document type of a checklist column, or null for the other columns. */
export function docTypeOfCol(colId: string): string | null {
  return colId.startsWith(DOC_PREFIX) ? colId.slice(DOC_PREFIX.length) : null;
}

/** A cell as the grid shows it: `有 3`, `缺`, `不适用`; 待填 when required and nothing entered; blank when not needed. */
export function cellText(cell: ArchiveCell | undefined): string {
  if (!cell) return '';
  if (cell.state === null) return cell.required ? '待填' : '';
  const label = ARCHIVE_DOC_STATE_LABELS[cell.state];
  return cell.pages !== null && cell.state === 'present' ? `${label} ${cell.pages}` : label;
}

function LoanNoCell(p: CustomCellRendererProps<ArchiveFileRow, string, ArchiveGridContext>) {
  const row = p.data;
  if (!row) return null;
  return (
    <button type="button" className="cell-link mono" onClick={() => p.context.openFile(row.fileId)} title="打开档案清单" data-testid="archive-open-file">
      {p.value}
    </button>
  );
}

function docColumn(t: ArchiveDocTypeView): ColDef<ArchiveFileRow> {
  return {
    colId: docColId(t.id),
    headerName: t.name,
    headerTooltip: `${t.name}：Y 有，N 缺，X 不适用；输入数字后回车为页数`,
    width: 92,
    valueGetter: (p) => cellText(p.data?.cells[t.id]),
    tooltipValueGetter: (p) => {
      const cell = p.data?.cells[t.id];
      if (!cell) return '本档案不需要此资料';
      return `${t.name}${cell.required ? '（必需）' : '（非必需）'}`;
    },
    cellClassRules: {
      'archive-cell-unneeded': (p) => !p.data?.cells[t.id] || (p.data.cells[t.id].state === null && !p.data.cells[t.id].required),
      'archive-cell-todo': (p) => {
        const c = p.data?.cells[t.id];
        return !!c && c.required && (c.state === null || c.state === 'missing');
      },
      'archive-cell-present': (p) => p.data?.cells[t.id]?.state === 'present',
    },
  };
}

/** The checklist grid: the file's facts, then a column per document type of the catalogue (in its order). */
export function archiveColumns(docTypes: readonly ArchiveDocTypeView[]): ColDef<ArchiveFileRow>[] {
  const columns: ColDef<ArchiveFileRow>[] = [
    { field: 'loanNo', headerName: '借据号', width: 150, pinned: 'left', cellRenderer: LoanNoCell },
    { field: 'borrower', headerName: '借款人', width: 90, pinned: 'left', cellRenderer: HouseholdLinkCell },
    { field: 'village', headerName: '村', width: 96 },
    { field: 'manager', headerName: '客户经理', width: 90, valueFormatter: (p) => (p.data ? (p.value ?? '未分配') : '') },
    { field: 'product', headerName: '产品', width: 130, tooltipField: 'product' },
    { field: 'guaranteeType', headerName: '担保', width: 80 },
    { field: 'disbursedOn', headerName: '放款日', width: 104 },
    {
      field: 'dueOn',
      headerName: '移交期限',
      width: 104,
      cellClassRules: { 'cell-danger': (p) => !!p.data?.overdue },
      tooltipValueGetter: (p) => (p.data?.overdue ? '已过移交期限，尚未移交' : ''),
    },
    {
      field: 'status',
      headerName: '状态',
      width: 86,
      valueFormatter: (p) => (p.data ? ARCHIVE_STATUS_LABELS[p.data.status] + (p.data.backlog ? '（存量）' : '') : ''),
      tooltipValueGetter: (p) => p.data?.statusNote || '',
      cellClassRules: { 'cell-danger': (p) => p.data?.status === 'returned' || p.data?.status === 'discrepancy' },
    },
    countColumn({
      field: 'missing',
      headerName: '缺',
      width: 60,
      valueFormatter: (p) => (typeof p.value === 'number' && p.value > 0 ? String(p.value) : ''),
      cellClassRules: { 'cell-danger': (p) => typeof p.value === 'number' && p.value > 0 },
    }),
    countColumn({ field: 'pages', headerName: '页数', width: 66 }),
    ...docTypes.map(docColumn),
  ];
  // Paged, sorted and filtered in the database: the grid itself neither sorts nor filters.
  return columns.map((c) => ({ ...c, sortable: false, filter: false }));
}
