import { useEffect, useMemo, useRef, useState } from 'react';
import type { GridApi, IDatasource, IGetRowsParams } from 'ag-grid-community';
import type { NoticeView } from '../../../../electron/shared/api/notices';
import { DELIVERY_LABELS, NOTICE_KIND_LABELS, NOTICE_KINDS, NOTICE_STATUS_LABELS, type NoticeDelivery, type NoticeKind } from '../../../../electron/shared/notices';
import { call } from '../../api/client';
import { formatCount } from '../../format';
import { DataGrid } from '../../grid/DataGrid';
import { PAGED_GRID } from '../../grid/paged-grid';
import { useSession } from '../../session/session';
import { errorMessage } from '../../ui/errors';
import { deliverNotices } from './deliver-notices';
import { NoticeActionDialog } from './NoticeActionDialog';
import { noticeColumns, type NoticeAction, type NoticeGridContext } from './notice-columns';
import { ReceiptScan } from './ReceiptScan';
import { DismissibleNotice, type PageNotice } from '../../ui/DismissibleNotice';

type Status = 'printing' | 'issued' | 'cancelled';
type Notice = PageNotice;

/** How long typing in the search box pauses before the grid asks again. */
const SEARCH_DELAY_MS = 300;

/**
 * 通知书登记簿: the receipt scan field on top, then every notice issued (newest first, paged
 * from the database) filtered by kind, delivery, status and a number, code, loan or name; a row's
 * 已送达 / 无法送达 / 作废 and its batch's PDF again.
 */
export function NoticeRegisterPanel() {
  const { handleSessionError } = useSession();
  const [kind, setKind] = useState<NoticeKind | ''>('');
  const [delivery, setDelivery] = useState<NoticeDelivery | ''>('');
  const [status, setStatus] = useState<Status | ''>('');
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  const [count, setCount] = useState<number | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [acting, setActing] = useState<{ row: NoticeView; action: NoticeAction } | null>(null);
  const apiRef = useRef<GridApi<NoticeView> | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows(params: IGetRowsParams<NoticeView>) {
        const query = { ...(kind ? { kind } : {}), ...(delivery ? { delivery } : {}), ...(status ? { status } : {}), ...(search ? { text: search } : {}) };
        call('notices.register', { ...query, offset: params.startRow, limit: params.endRow - params.startRow })
          .then((page) => {
            params.successCallback(page.rows, page.count);
            setCount(page.count);
          })
          .catch((err: unknown) => {
            params.failCallback();
            if (!handleSessionError(err)) setNotice({ kind: 'error', text: errorMessage(err) });
          });
      },
    }),
    [kind, delivery, status, search, handleSessionError],
  );

  const refresh = () => apiRef.current?.refreshInfiniteCache();

  const context = useMemo<NoticeGridContext>(
    () => ({
      act: (row, action) => setActing({ row, action }),
      reopenPdf: (row) => {
        setNotice(null);
        call('notices.reopenPdf', { batchId: row.batchId, deliver: 'preview' })
          .then((print) => setNotice({ kind: 'success', text: deliverNotices(print) }))
          .catch((err: unknown) => {
            if (!handleSessionError(err)) setNotice({ kind: 'error', text: errorMessage(err) });
          });
      },
    }),
    [handleSessionError],
  );
  const columnDefs = useMemo(() => noticeColumns(), []);

  return (
    <div className="notice-register">
      <ReceiptScan onScanned={refresh} />
      <div className="notice-register-filters">
        <label className="field-inline">
          种类
          <select value={kind} onChange={(e) => setKind(e.target.value as NoticeKind | '')} data-testid="notice-filter-kind">
            <option value="">全部</option>
            {NOTICE_KINDS.map((k) => (
              <option key={k} value={k}>
                {NOTICE_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          送达
          <select value={delivery} onChange={(e) => setDelivery(e.target.value as NoticeDelivery | '')} data-testid="notice-filter-delivery">
            <option value="">全部</option>
            {(Object.keys(DELIVERY_LABELS) as NoticeDelivery[]).map((d) => (
              <option key={d} value={d}>
                {DELIVERY_LABELS[d]}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          状态
          <select value={status} onChange={(e) => setStatus(e.target.value as Status | '')} data-testid="notice-filter-status">
            <option value="">全部</option>
            {(Object.keys(NOTICE_STATUS_LABELS) as Status[]).map((s) => (
              <option key={s} value={s}>
                {NOTICE_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          查找
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} maxLength={60} placeholder="编号、借据号或姓名" data-testid="notice-filter-text" />
        </label>
        <button type="button" className="btn" onClick={refresh}>
          刷新
        </button>
      </div>
      <DismissibleNotice notice={notice} onClose={() => setNotice(null)} testId="notice-register-notice" />
      <div className="grid-box notice-register-grid">
        <DataGrid<NoticeView>
          testId="notice-register-grid"
          {...PAGED_GRID}
          datasource={datasource}
          columnDefs={columnDefs}
          context={context}
          getRowId={(p) => p.data.id}
          onGridReady={(e) => {
            apiRef.current = e.api;
          }}
          // 17 columns: render them all, so find-in-page and the tests reach every one.
          suppressColumnVirtualisation
          tooltipShowDelay={400}
        />
        <div className="grid-footer">
          <span data-testid="notice-register-count">{count === null ? '正在加载…' : `共 ${formatCount(count)} 份`}</span>
          <span>最新的在前；送达状态可在行末标记，回执收回请扫描条码。</span>
        </div>
      </div>
      {acting ? (
        <NoticeActionDialog
          notice={acting.row}
          action={acting.action}
          onClose={() => setActing(null)}
          onDone={(updated, doneText) => {
            apiRef.current?.getRowNode(updated.id)?.setData(updated);
            setNotice({ kind: 'success', text: doneText });
          }}
        />
      ) : null}
    </div>
  );
}
