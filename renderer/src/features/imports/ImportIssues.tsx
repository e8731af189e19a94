import type { ColDef } from 'ag-grid-community';
import type { ImportRowIssue, ImportWarning } from '../../../../electron/shared/api/imports';
import { IMPORT_FIELD_LABELS } from '../../../../electron/shared/import-fields';
import { DataGrid } from '../../grid/DataGrid';

const rejectedColumns: ColDef<ImportRowIssue>[] = [
  { field: 'row', headerName: '行号', width: 80, type: 'rightAligned', filter: 'agNumberColumnFilter' },
  { field: 'reason', headerName: '原因', flex: 1, minWidth: 200, filter: 'agTextColumnFilter', tooltipField: 'reason' },
];

const warningColumns: ColDef<ImportWarning>[] = [
  { field: 'row', headerName: '行号', width: 80, type: 'rightAligned', filter: 'agNumberColumnFilter' },
  {
    colId: 'field',
    headerName: '项目',
    width: 120,
    valueGetter: (p) => (p.data ? (IMPORT_FIELD_LABELS[p.data.field as keyof typeof IMPORT_FIELD_LABELS] ?? p.data.field) : ''),
  },
  { field: 'message', headerName: '说明', flex: 1, minWidth: 200, filter: 'agTextColumnFilter', tooltipField: 'message' },
];

/** A file's rejected rows and warnings side by side: in the preview, and for an import in the history. */
export function ImportIssues({ rejected, warnings, testIdPrefix }: { rejected: ImportRowIssue[]; warnings: ImportWarning[]; testIdPrefix: string }) {
  return (
    <div className="preview-issues">
      <div className="issue-box">
        <h3>
          拒绝的行 <span className={rejected.length > 0 ? 'badge badge-danger' : 'badge'} data-testid={`${testIdPrefix}-rejected-count`}>{rejected.length}</span>
        </h3>
        {rejected.length === 0 ? (
          <div className="muted issue-empty">没有被拒绝的行。</div>
        ) : (
          <IssueGrid rows={rejected} columns={rejectedColumns} testId={`${testIdPrefix}-rejected`} />
        )}
      </div>
      <div className="issue-box">
        <h3>
          提示 <span className={warnings.length > 0 ? 'badge badge-warn' : 'badge'} data-testid={`${testIdPrefix}-warning-count`}>{warnings.length}</span>
        </h3>
        {warnings.length === 0 ? (
          <div className="muted issue-empty">没有提示。</div>
        ) : (
          <IssueGrid rows={warnings} columns={warningColumns} testId={`${testIdPrefix}-warnings`} />
        )}
      </div>
    </div>
  );
}

function IssueGrid<T>({ rows, columns, testId }: { rows: T[]; columns: ColDef<T>[]; testId: string }) {
  const small = rows.length <= 8;
  return (
    <div className={small ? 'issue-grid' : 'issue-grid issue-grid-tall'}>
      <DataGrid<T> testId={testId} rowData={rows} columnDefs={columns} domLayout={small ? 'autoHeight' : 'normal'} tooltipShowDelay={300} />
    </div>
  );
}
