import { useEffect, useMemo, useRef, useState } from 'react';
import type { ColDef, GridApi, IDatasource, IGetRowsParams } from 'ag-grid-community';
import type { CustomCellRendererProps } from 'ag-grid-react';
import { REACHED_LABELS, WAY_LABELS, type ContactList, type ContactListPage, type FollowUpRow } from '../../../../electron/shared/api/contacts';
import { formatYuan } from '../../../../electron/shared/money';
import { call } from '../../api/client';
import { useSession } from '../../session/session';
import { errorMessage } from '../../ui/errors';
import { formatCount } from '../../format';
import { countColumn, yuanColumn } from '../../grid/columns';
import { DataGrid } from '../../grid/DataGrid';
import { PAGED_GRID } from '../../grid/paged-grid';
import { useHouseholdPanel } from '../household/household-context';
import { ContactEntryDialog, type ContactTarget } from './ContactEntryDialog';
import { promiseClass, promiseText } from './promise-label';
import { HouseholdLinkCell } from '../../grid/household-link-cell';

interface GridContext {
  enter(row: FollowUpRow): void;
  openHousehold(borrowerId: string): void;
}

function EnterCell(p: CustomCellRendererProps<FollowUpRow, unknown, GridContext>) {
  const row = p.data;
  if (!row) return null;
  return (
    <button type="button" className="cell-link" onClick={() => p.context.enter(row)} title="登记联系（F2）" data-testid="contact-row-enter">
      登记
    </button>
  );
}

function columns(): ColDef<FollowUpRow>[] {
  return [
    { headerName: '', width: 64, pinned: 'left', cellRenderer: EnterCell, sortable: false, filter: false },
    { field: 'dueOn', headerName: '应跟进日', width: 108, pinned: 'left' },
    { field: 'borrower', headerName: '户名', width: 96, pinned: 'left', cellRenderer: HouseholdLinkCell },
    { field: 'loanNo', headerName: '借据号', width: 160, cellClass: 'mono', valueFormatter: (p) => (p.data ? (p.value ?? '全户') : '') },
    { field: 'village', headerName: '村', width: 100 },
    { field: 'manager', headerName: '客户经理', width: 96, valueFormatter: (p) => (p.data ? (p.value ?? '未分配') : '') },
    { field: 'phones', headerName: '电话', width: 180, cellClass: 'mono', tooltipField: 'phones' },
    { field: 'contactedAt', headerName: '上次联系', width: 140, cellClass: 'mono' },
    {
      colId: 'how',
      headerName: '方式 · 对象',
      width: 110,
      valueGetter: (p) => (p.data ? `${WAY_LABELS[p.data.way]} · ${REACHED_LABELS[p.data.reached]}` : ''),
    },
    { field: 'outcome', headerName: '联系结果', width: 180, tooltipField: 'outcome' },
    {
      colId: 'promise',
      headerName: '还款承诺',
      width: 320,
      valueGetter: (p) => (p.data ? promiseText(p.data) : ''),
      tooltipValueGetter: (p) => (p.data ? promiseText(p.data) : ''),
      cellClass: (p) => (p.data ? promiseClass(p.data) : ''),
    },
    { field: 'followUpOn', headerName: '下次跟进', width: 108 },
    yuanColumn({ field: 'balanceFen', headerName: '余额(元)', width: 120 }),
    countColumn({ field: 'overdueDays', headerName: '本金逾期天数', width: 110 }),
    { field: 'staffName', headerName: '登记人', width: 90 },
  ];
}


/** The list keeps its own order (due date, pinyin, loan number): no client-side sort or filter on a paged grid. */
const NO_CLIENT_SORT = { sortable: false, filter: false };

/** The whole list's figures from the last page read. */
type ListSums = Pick<ContactListPage, 'asOf' | 'dataAsOf' | 'count' | 'promisedFen' | 'balanceFen'> & { key: string };

/**
 * 今日跟进 and 违约承诺: rows of the contact log that ask for work today, in the worklists page,
 * paged from the backend (infinite row model) with the whole list's count and sums in the footer;
 * 登记 (or F2 on a row) logs the next contact, which takes the row off once it is done.
 */
export function ContactWorklistGrid({
  list,
  filters,
  version,
  onChanged,
}: {
  list: ContactList;
  filters: { managerId?: string | null; villageId?: string };
  version: number;
  onChanged(): void;
}) {
  const panel = useHouseholdPanel();
  const { handleSessionError } = useSession();
  const [ownVersion, setOwnVersion] = useState(0);
  const [target, setTarget] = useState<ContactTarget | null>(null);
  const [lastSums, setSums] = useState<ListSums | null>(null);
  const [error, setError] = useState<string | null>(null);
  const apiRef = useRef<GridApi<FollowUpRow> | null>(null);
  // The page passes a new filters object on each render: the datasource changes only with its content.
  const filterKey = JSON.stringify(filters);
  const datasource = useMemo<IDatasource>(() => {
    const query = { list, ...(JSON.parse(filterKey) as typeof filters) };
    return {
      getRows(params: IGetRowsParams<FollowUpRow>) {
        call('contacts.worklist', { ...query, offset: params.startRow, limit: params.endRow - params.startRow })
          .then((page) => {
            params.successCallback(page.rows, page.count);
            setSums({ key: `${list}/${filterKey}`, asOf: page.asOf, dataAsOf: page.dataAsOf, count: page.count, promisedFen: page.promisedFen, balanceFen: page.balanceFen });
            setError(null);
          })
          .catch((err: unknown) => {
            params.failCallback();
            if (!handleSessionError(err)) setError(errorMessage(err));
          });
      },
    };
  }, [list, filterKey, handleSessionError]);
  // A new datasource (list or filters) reloads the grid; a saved contact or 刷新 reads it again.
  const firstLoad = useRef(true);
  useEffect(() => {
    if (firstLoad.current) {
      firstLoad.current = false;
      return;
    }
    apiRef.current?.refreshInfiniteCache();
  }, [version, ownVersion]);
  // Another list's or filter's figures are not shown while this one loads.
  const sums = lastSums?.key === `${list}/${filterKey}` ? lastSums : null;
  const columnDefs = useMemo(() => columns(), []);
  const context = useMemo<GridContext>(
    () => ({
      enter: (r) => setTarget({ borrowerId: r.borrowerId, borrower: r.borrower, loanId: r.loanId, loanNo: r.loanNo, balanceFen: r.balanceFen }),
      openHousehold: panel.open,
    }),
    [panel],
  );
  return (
    <div className="grid-box">
      {error !== null ? (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      ) : null}
      <DataGrid<FollowUpRow>
        testId={`contact-grid-${list}`}
        {...PAGED_GRID}
        defaultColDef={NO_CLIENT_SORT}
        datasource={datasource}
        columnDefs={columnDefs}
        context={context}
        getRowId={(p) => p.data.id}
        onGridReady={(e) => {
          apiRef.current = e.api;
        }}
        onCellKeyDown={(e) => {
          if ((e.event as KeyboardEvent | null)?.key === 'F2' && e.data) context.enter(e.data);
        }}
        tooltipShowDelay={400}
      />
      <div className="grid-footer">
        <span data-testid="contact-grid-count">{sums ? `共 ${formatCount(sums.count)} 项` : '正在加载…'}</span>
        {sums ? <span>承诺金额合计 {formatYuan(sums.promisedFen)} 元</span> : null}
        {sums ? <span>余额合计 {formatYuan(sums.balanceFen)} 元</span> : null}
        {sums ? <span>以 {sums.asOf} 为准；还款情况按导入数据（截至 {sums.dataAsOf ?? '—'}）判断。</span> : null}
        <span>选中一行按 F2 登记联系。</span>
      </div>
      {target ? (
        <ContactEntryDialog
          target={target}
          onClose={() => setTarget(null)}
          onSaved={() => {
            setTarget(null);
            setOwnVersion((v) => v + 1);
            onChanged();
          }}
        />
      ) : null}
    </div>
  );
}
