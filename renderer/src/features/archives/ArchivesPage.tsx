import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { GridApi, IDatasource, IGetRowsParams, RowSelectionOptions } from 'ag-grid-community';
import type { ArchiveDocTypeView, ArchiveFileDetail, ArchiveFileRow, ArchiveQuery } from '../../../../electron/shared/api/archives';
import { call } from '../../api/client';
import { useRpcQuery } from '../../api/useRpcQuery';
import { formatCount } from '../../format';
import { DataGrid } from '../../grid/DataGrid';
import { PAGED_GRID } from '../../grid/paged-grid';
import { useSession } from '../../session/session';
import { DismissibleNotice, type PageNotice } from '../../ui/DismissibleNotice';
import { errorMessage } from '../../ui/errors';
import { managerFilter, ManagerVillageFilters, UNASSIGNED } from '../../ui/ManagerVillageFilters';
import { useScanBurst } from '../../ui/useScanBurst';
import { useHouseholdPanel } from '../household/household-context';
import { archiveColumns, type ArchiveGridContext } from './archive-columns';
import { isStale, readOnlyReason } from './archive-messages';
import { ARCHIVE_TABS, type ArchiveTab } from './archive-tabs';
import { ArchiveBatchesSection } from './ArchiveBatchesSection';
import { ArchiveBulkActions } from './ArchiveBulkActions';
import { ArchiveFilePanel } from './ArchiveFilePanel';
import { useChecklistKeys, type CellChange } from './useChecklistKeys';
import '../worklists/worklists.css';
import './archives.css';

/** How long typing in the search box pauses before the grid asks again. */
const SEARCH_DELAY_MS = 300;
const ROW_SELECTION: RowSelectionOptions = { mode: 'multiRow', checkboxes: true, headerCheckbox: true, enableClickSelection: false };

/**
 * 信贷档案: a tab per status with its count (and 逾期, and the hand-over batches), the overdue
 * files per manager, filters, and the checklist grid (a row per loan file, a column per document
 * type) paged from the database and filled with the keyboard. A file's panel opens from its loan
 * number, Enter on its row, or by scanning its folder label anywhere on the page.
 */
export function ArchivesPage() {
  const { handleSessionError } = useSession();
  const household = useHouseholdPanel();
  const [tab, setTab] = useState<ArchiveTab>(ARCHIVE_TABS[0]);
  const [manager, setManager] = useState('');
  const [villageId, setVillageId] = useState('');
  const [month, setMonth] = useState('');
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [version, setVersion] = useState(0);
  const [count, setCount] = useState<number | null>(null);
  const [docTypes, setDocTypes] = useState<ArchiveDocTypeView[]>([]);
  const [notice, setNotice] = useState<PageNotice>(null);
  const [panelFile, setPanelFile] = useState<string | null>(null);
  const [latest, setLatest] = useState<ArchiveFileDetail | null>(null);
  const apiRef = useRef<GridApi<ArchiveFileRow> | null>(null);
  const docTypesKey = useRef('');
  const queue = useRef<Promise<void>>(Promise.resolve());

  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const options = useRpcQuery('worklists.options', {}, version);
  const summary = useRpcQuery('archives.summary', {}, version);
  const sums = summary.state.status === 'ready' ? summary.state.data : null;

  const query = useMemo<ArchiveQuery>(
    () => ({
      ...(tab.status ? { status: tab.status } : {}),
      ...managerFilter(manager),
      ...(villageId ? { villageId } : {}),
      ...(/^\d{4}-\d{2}$/.test(month) ? { disbursedMonth: month } : {}),
      ...(search ? { search } : {}),
    }),
    [tab, manager, villageId, month, search],
  );

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows(params: IGetRowsParams<ArchiveFileRow>) {
        call('archives.files', { ...query, offset: params.startRow, limit: params.endRow - params.startRow })
          .then((page) => {
            params.successCallback(page.rows, page.total);
            setCount(page.total);
            const key = JSON.stringify(page.docTypes);
            if (key !== docTypesKey.current) {
              docTypesKey.current = key;
              setDocTypes(page.docTypes);
            }
          })
          .catch((err: unknown) => {
            params.failCallback();
            if (!handleSessionError(err)) setNotice({ kind: 'error', text: errorMessage(err) });
          });
      },
    }),
    [query, handleSessionError],
  );

  /** 刷新: the counts and the grid's rows from the database again. */
  const refresh = useCallback(() => {
    setVersion((v) => v + 1);
    apiRef.current?.refreshInfiniteCache();
  }, []);

  /** A file as the backend now has it: its row in the grid and its open panel show it. */
  const showDetail = useCallback((detail: ArchiveFileDetail) => {
    apiRef.current?.getRowNode(detail.row.fileId)?.setData(detail.row);
    setLatest(detail);
    setVersion((v) => v + 1);
  }, []);

  const applyCell = useCallback(
    (change: CellChange) => {
      // One change at a time: each goes with the version the previous one left.
      queue.current = queue.current.then(async () => {
        const row = apiRef.current?.getRowNode(change.fileId)?.data;
        if (!row) return;
        try {
          showDetail(await call('archives.setDocuments', { fileId: row.fileId, updatedAt: row.updatedAt, cells: [{ docTypeId: change.docTypeId, state: change.state, pages: change.pages }] }));
        } catch (err) {
          if (handleSessionError(err)) return;
          if (isStale(err)) {
            setNotice({ kind: 'error', text: `借据号 ${row.loanNo} 的档案已被其他人修改，本次修改未保存；已重新加载，请核对后再录入。` });
            refresh();
          } else setNotice({ kind: 'error', text: `借据号 ${row.loanNo}：${errorMessage(err)}` });
        }
      });
    },
    [handleSessionError, refresh, showDetail],
  );

  const keys = useChecklistKeys({
    apply: applyCell,
    readOnly: (row) => setNotice({ kind: 'info', text: `借据号 ${row.loanNo}：${readOnlyReason(row.status)}` }),
    openFile: (row) => setPanelFile(row.fileId),
  });

  useScanBurst(
    useCallback(
      (code: string) => {
        keys.clear();
        call('archives.findByLoanNo', { loanNo: code })
          .then((found) => {
            setPanelFile(found.fileId);
            setNotice({ kind: 'success', text: `已扫描借据号 ${found.loanNo}。` });
          })
          .catch((err: unknown) => {
            if (!handleSessionError(err)) setNotice({ kind: 'error', text: `扫描到 ${code}：${errorMessage(err)}` });
          });
      },
      [keys, handleSessionError],
    ),
  );

  const columnDefs = useMemo(() => archiveColumns(docTypes), [docTypes]);
  const context = useMemo<ArchiveGridContext>(() => ({ openHousehold: household.open, openFile: setPanelFile }), [household]);
  const pendingName = keys.pending ? docTypes.find((t) => t.id === keys.pending?.docTypeId)?.name : null;

  return (
    <div className="page page-archives" data-testid="archives-page">
      <div className="page-header">
        <h1>信贷档案</h1>
        <div className="page-actions worklist-filters">
          <ManagerVillageFilters options={options.state.status === 'ready' ? options.state.data : null} manager={manager} onManager={setManager} villageId={villageId} onVillage={setVillageId} testIdPrefix="archive" />
          <label className="field-inline">
            放款月份
            <input type="month" value={month} onChange={(e) => setMonth(e.target.value)} data-testid="archive-month" />
          </label>
          <label className="field-inline">
            查找
            <input type="search" value={text} onChange={(e) => setText(e.target.value)} maxLength={50} placeholder="借据号或借款人" data-testid="archive-search" />
          </label>
          <button type="button" className="btn" onClick={refresh}>
            刷新
          </button>
        </div>
      </div>

      <div className="worklist-tabs" role="tablist" aria-label="档案状态">
        {ARCHIVE_TABS.map((t) => {
          const n = sums ? t.count(sums) : null;
          return (
            <button
              key={t.id}
              type="button"
              role="tab"
              aria-selected={t.id === tab.id}
              className={t.id === tab.id ? 'worklist-tab worklist-tab-active' : 'worklist-tab'}
              onClick={() => {
                setTab(t);
                setCount(null);
              }}
              data-testid={`archive-tab-${t.id}`}
            >
              {t.label}
              {t.batches ? null : <span className={t.id === 'overdue' && n ? 'worklist-tab-count text-danger' : 'worklist-tab-count'}>{n === null ? '…' : formatCount(n)}</span>}
            </button>
          );
        })}
      </div>

      {summary.state.status === 'error' ? (
        <div className="alert alert-error" role="alert">
          {summary.state.message}
        </div>
      ) : null}
      {sums && sums.overdueByManager.length > 0 ? (
        <div className="archive-overdue" data-testid="archive-overdue-managers">
          <span className="text-danger">逾期未移交：</span>
          {sums.overdueByManager.map((m) => (
            <button
              key={m.managerId ?? 'none'}
              type="button"
              className="btn-link"
              onClick={() => {
                setManager(m.managerId ?? UNASSIGNED);
                setTab(ARCHIVE_TABS.find((t) => t.id === 'overdue')!);
              }}
              title="只看此客户经理的逾期档案"
            >
              {m.manager ?? '未分配'} {formatCount(m.files)} 份
            </button>
          ))}
        </div>
      ) : null}
      <DismissibleNotice notice={notice} onClose={() => setNotice(null)} testId="archive-notice" />

      {tab.batches ? (
        <ArchiveBatchesSection version={version} onReceipt={refresh} />
      ) : (
        <>
          <ArchiveBulkActions
            picked={() => apiRef.current?.getSelectedRows() ?? []}
            docTypes={docTypes}
            onNotice={(kind, t) => setNotice({ kind, text: t })}
            onChanged={() => {
              apiRef.current?.deselectAll();
              refresh();
            }}
          />
          <div className="grid-box">
            <DataGrid<ArchiveFileRow>
              testId="archive-grid"
              className="archive-grid"
              {...PAGED_GRID}
              datasource={datasource}
              columnDefs={columnDefs}
              context={context}
              getRowId={(p) => p.data.fileId}
              rowSelection={ROW_SELECTION}
              selectionColumnDef={{ pinned: 'left' }}
              rowClassRules={{ 'archive-row-overdue': (p) => !!p.data?.overdue }}
              onGridReady={(e) => {
                apiRef.current = e.api;
              }}
              onGridPreDestroyed={() => {
                apiRef.current = null;
              }}
              onCellKeyDown={keys.onCellKeyDown}
              onCellFocused={() => {
                if (keys.pending) keys.clear();
              }}
              onCellDoubleClicked={(e) => {
                if (e.data) setPanelFile(e.data.fileId);
              }}
              // A column per document type: render them all, so arrow keys and find-in-page reach every one.
              suppressColumnVirtualisation
              tooltipShowDelay={400}
            />
            <div className="grid-footer">
              <span data-testid="archive-count">{count === null ? '正在加载…' : `共 ${formatCount(count)} 份`}</span>
              {keys.pending ? (
                <span className="archive-pending" data-testid="archive-pending">
                  {keys.pending.loanNo} {pendingName} 页数：{keys.pending.digits}（回车确认，Esc 取消）
                </span>
              ) : (
                <span>资料格中按 Y 有、N 缺、X 不适用，输入数字后回车为页数（即为“有”）；方向键移动；回车或点击借据号打开档案清单；扫描档案标签直接打开。</span>
              )}
            </div>
          </div>
        </>
      )}
      {panelFile ? <ArchiveFilePanel fileId={panelFile} latest={latest} onClose={() => setPanelFile(null)} onChanged={showDetail} /> : null}
    </div>
  );
}
