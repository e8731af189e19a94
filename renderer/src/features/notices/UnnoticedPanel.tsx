import { useMemo, useRef, useState } from 'react';
import type { ColDef, GridApi, IDatasource, IGetRowsParams } from 'ag-grid-community';
import { NOTICE_PAGE_MAX, type UnnoticedPage, type UnnoticedRow } from '../../../../electron/shared/api/notices';
import { formatYuan } from '../../../../electron/shared/money';
import { call } from '../../api/client';
import { useRpcQuery } from '../../api/useRpcQuery';
import { formatCount } from '../../format';
import { countColumn, yuanColumn } from '../../grid/columns';
import { DataGrid } from '../../grid/DataGrid';
import { PAGED_GRID } from '../../grid/paged-grid';
import { useSession } from '../../session/session';
import { errorMessage } from '../../ui/errors';
import { WORKLIST_ROW_SELECTION } from '../handover/HandoverActions';
import type { NoticeRequest } from './notice-request';
import { managerFilter, ManagerVillageFilters } from '../../ui/ManagerVillageFilters';


const positive = (v: unknown) => (typeof v === 'number' && v > 0 ? formatCount(v) : '');

const COLUMNS = ([
  { field: 'loanNo', headerName: '借据号', width: 168, cellClass: 'mono', pinned: 'left' },
  { field: 'borrowerName', headerName: '户名', width: 96 },
  { field: 'village', headerName: '村', width: 110 },
  { field: 'manager', headerName: '客户经理', width: 96, valueFormatter: (p) => (p.data ? (p.value ?? '未分配') : '') },
  yuanColumn<UnnoticedRow>({ field: 'balanceFen', headerName: '余额(元)', width: 130 }),
  yuanColumn<UnnoticedRow>({ field: 'interestOwedFen', headerName: '欠息(元)', width: 110 }),
  countColumn<UnnoticedRow>({ field: 'principalOverdueDays', headerName: '本金逾期天数', width: 116, valueFormatter: (p) => positive(p.value) }),
  countColumn<UnnoticedRow>({ field: 'interestOverdueDays', headerName: '欠息天数', width: 96, valueFormatter: (p) => positive(p.value) }),
  { field: 'lastNoticeNo', headerName: '上次催收通知书', width: 230, cellClass: 'mono' },
  { field: 'lastNoticeOn', headerName: '上次出具日', width: 108 },
] satisfies ColDef<UnnoticedRow>[]).map((c): ColDef<UnnoticedRow> => ({ ...c, sortable: false, filter: false }));

/**
 * 本月未发催收: overdue loans with no overdue notice issued this calendar month (每月书面催收),
 * paged from the database with the list's count and balance; 发催收通知书 opens the batch issue
 * on the ticked loans, or on the whole list as filtered.
 */
export function UnnoticedPanel({ onIssue }: { onIssue(request: NoticeRequest): void }) {
  const { handleSessionError } = useSession();
  const options = useRpcQuery('worklists.options', {});
  const optionData = options.state.status === 'ready' ? options.state.data : null;
  const [manager, setManager] = useState('');
  const [villageId, setVillageId] = useState('');
  const [sums, setSums] = useState<Omit<UnnoticedPage, 'rows'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const apiRef = useRef<GridApi<UnnoticedRow> | null>(null);

  const filters = useMemo(
    () => ({ ...managerFilter(manager), ...(villageId ? { villageId } : {}) }),
    [manager, villageId],
  );

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows(params: IGetRowsParams<UnnoticedRow>) {
        call('notices.unnoticed', { ...filters, offset: params.startRow, limit: params.endRow - params.startRow })
          .then(({ rows, ...page }) => {
            params.successCallback(rows, page.count);
            setSums(page);
          })
          .catch((err: unknown) => {
            params.failCallback();
            if (!handleSessionError(err)) setError(errorMessage(err));
          });
      },
    }),
    [filters, handleSessionError],
  );

  /** The ticked loans, else every loan listed (fetched in one page: the backend's limit). */
  async function issue() {
    setError(null);
    const ticked = apiRef.current?.getSelectedRows().map((r) => r.loanId) ?? [];
    if (ticked.length > 0) return onIssue({ scope: { by: 'loans', loanIds: ticked }, label: `本月未发催收中勾选的 ${formatCount(ticked.length)} 笔贷款`, kind: 'overdue' });
    setBusy(true);
    try {
      const all = await call('notices.unnoticed', { ...filters, offset: 0, limit: NOTICE_PAGE_MAX });
      if (all.count === 0) return setError('清单中没有贷款。');
      if (all.count > all.rows.length) return setError(`清单共 ${formatCount(all.count)} 笔，一批最多 ${formatCount(NOTICE_PAGE_MAX)} 笔：请按村或客户经理筛选后再发。`);
      const loanIds = all.rows.map((r) => r.loanId);
      onIssue({ scope: { by: 'loans', loanIds }, label: `本月（${all.month}）未发催收的 ${formatCount(loanIds.length)} 笔贷款`, kind: 'overdue' });
    } catch (err) {
      if (!handleSessionError(err)) setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="notice-unnoticed">
      <div className="notice-register-filters">
        <ManagerVillageFilters options={optionData} manager={manager} onManager={setManager} villageId={villageId} onVillage={setVillageId} testIdPrefix="unnoticed" />
        <button type="button" className="btn btn-primary" onClick={() => void issue()} disabled={busy || sums?.count === 0} data-testid="unnoticed-issue">
          {busy ? '正在准备…' : '发催收通知书（勾选的，未勾选则全部）'}
        </button>
        <button type="button" className="btn" onClick={() => apiRef.current?.refreshInfiniteCache()}>
          刷新
        </button>
      </div>
      <p className="muted">
        {sums ? `${sums.month} ` : ''}本月尚未发出逾期贷款催收通知书的逾期贷款（每笔逾期贷款每月应有一份书面催收）；数据截至 {sums?.asOf ?? '—'}。
      </p>
      {error ? (
        <div className="alert alert-error" role="alert" data-testid="unnoticed-error">
          {error}
        </div>
      ) : null}
      <div className="grid-box">
        <DataGrid<UnnoticedRow>
          testId="unnoticed-grid"
          {...PAGED_GRID}
          datasource={datasource}
          columnDefs={COLUMNS}
          getRowId={(p) => p.data.loanId}
          rowSelection={WORKLIST_ROW_SELECTION}
          selectionColumnDef={{ pinned: 'left' }}
          onGridReady={(e) => {
            apiRef.current = e.api;
          }}
        />
        <div className="grid-footer">
          <span data-testid="unnoticed-count">{sums === null ? '正在加载…' : `共 ${formatCount(sums.count)} 笔`}</span>
          {sums !== null ? <span data-testid="unnoticed-balance">余额 {formatYuan(sums.balanceFen)} 元</span> : null}
        </div>
      </div>
    </div>
  );
}
