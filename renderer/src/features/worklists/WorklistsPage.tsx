import { useCallback, useMemo, useRef, useState } from 'react';
import type { GridApi, IDatasource, IGetRowsParams } from 'ag-grid-community';
import type { WorklistQuery, WorklistRow, WorklistSortColumn, WorklistSums } from '../../../../electron/shared/api/worklists';
import { parseBusinessDate } from '../../../../electron/shared/dates';
import { formatYuan } from '../../../../electron/shared/money';
import { call } from '../../api/client';
import { useRpcQuery } from '../../api/useRpcQuery';
import { downloadFile } from '../../files';
import { formatCount } from '../../format';
import { DataGrid } from '../../grid/DataGrid';
import { PAGED_GRID } from '../../grid/paged-grid';
import { useSession } from '../../session/session';
import { DateInput } from '../../ui/DateInput';
import { errorMessage } from '../../ui/errors';
import { CONTACT_LIST_LABELS, CONTACT_LISTS, type ContactList } from '../../../../electron/shared/api/contacts';
import { ContactEntryDialog, type ContactTarget } from '../contacts/ContactEntryDialog';
import { ContactWorklistGrid } from '../contacts/ContactWorklistGrid';
import { HandoverActions, WORKLIST_ROW_SELECTION } from '../handover/HandoverActions';
import { useHouseholdPanel } from '../household/household-context';
import { LegalStepButton } from '../legal/LegalStepDialog';
import { NoticeIssueButton } from '../notices/NoticeIssueButton';
import { RouteSheetButton } from '../route-sheet/RouteSheetButton';
import { SmsBatchDialog } from '../sms/SmsBatchDialog';
import { isSortColumn, worklistColumns, type WorklistGridContext } from './worklist-columns';
import { WORKLIST_TABS, type WorklistTab } from './worklist-tabs';
import './worklists.css';
import { managerFilter, ManagerVillageFilters, UNASSIGNED } from '../../ui/ManagerVillageFilters';
import { DismissibleNotice, type PageNotice } from '../../ui/DismissibleNotice';

type Notice = PageNotice;
type Sort = Array<{ colId: WorklistSortColumn; sort: 'asc' | 'desc' }>;

/**
 * 工作清单: a tab per list (到期提示, 逾期 and its buckets, 待移交风险资产部), filtered by manager
 * and village, each a grid paged from the database with the list's count and sums.
 */
export function WorklistsPage() {
  const { handleSessionError } = useSession();
  const panel = useHouseholdPanel();
  const [tab, setTab] = useState<WorklistTab>(WORKLIST_TABS[0]);
  const [manager, setManager] = useState('');
  const [villageId, setVillageId] = useState('');
  const [asOfText, setAsOfText] = useState('');
  const [version, setVersion] = useState(0);
  const [sums, setSums] = useState<WorklistSums | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [exporting, setExporting] = useState(false);
  const [printing, setPrinting] = useState(false);
  const sortRef = useRef<Sort>([]);
  const apiRef = useRef<GridApi<WorklistRow> | null>(null);
  /** 今日跟进 or 违约承诺 when one of the contact log's tabs is open, instead of a loan list. */
  const [contactList, setContactList] = useState<ContactList | null>(null);
  const [contactTarget, setContactTarget] = useState<ContactTarget | null>(null);
  /** 短信提醒 open: on the loans picked in the grid (if any), else the whole list. */
  const [smsLoanIds, setSmsLoanIds] = useState<string[] | undefined | null>(null);

  const asOf = asOfText.trim() === '' ? undefined : (parseBusinessDate(asOfText) ?? undefined);
  const filters = useMemo(
    () => ({
      ...(asOf ? { asOf } : {}),
      ...managerFilter(manager),
      ...(villageId ? { villageId } : {}),
    }),
    [asOf, manager, villageId],
  );
  const query = useMemo<WorklistQuery>(() => ({ list: tab.list, ...(tab.bucket ? { bucket: tab.bucket } : {}), ...filters }), [tab, filters]);

  const options = useRpcQuery('worklists.options', {}, version);
  const counts = useRpcQuery('worklists.counts', filters, version);
  const { asOf: _dueFrom, ...contactFilters } = filters;
  const followUps = useRpcQuery('contacts.worklist', { list: 'follow-ups', ...contactFilters, limit: 1 }, version);
  const brokenPromises = useRpcQuery('contacts.worklist', { list: 'broken-promises', ...contactFilters, limit: 1 }, version);
  const contactCounts: Record<ContactList, QueryCount> = { 'follow-ups': countOf(followUps.state), 'broken-promises': countOf(brokenPromises.state) };
  const dates = counts.state.status === 'ready' ? counts.state.data : null;

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows(params: IGetRowsParams<WorklistRow>) {
        const sort = params.sortModel.filter((s): s is { colId: WorklistSortColumn; sort: 'asc' | 'desc' } => isSortColumn(s.colId));
        sortRef.current = sort;
        call('worklists.list', { query, sort, offset: params.startRow, limit: params.endRow - params.startRow })
          .then((page) => {
            params.successCallback(page.rows, page.count);
            setSums({ count: page.count, balanceFen: page.balanceFen, interestOwedFen: page.interestOwedFen });
          })
          .catch((err: unknown) => {
            params.failCallback();
            if (!handleSessionError(err)) setNotice({ kind: 'error', text: errorMessage(err) });
          });
      },
    }),
    [query, handleSessionError],
  );

  const columnDefs = useMemo(() => worklistColumns(), []);
  const enterContact = useCallback(
    (r: WorklistRow) => setContactTarget({ borrowerId: r.borrowerId, borrower: r.borrower, loanId: r.loanId, loanNo: r.loanNo, balanceFen: r.balanceFen }),
    [],
  );
  const context = useMemo<WorklistGridContext>(() => ({ openHousehold: panel.open, enterContact }), [panel, enterContact]);

  /** 刷新: the counts, the filters' choices and the grid's rows, from the database again (after an import, say). */
  function refresh() {
    setVersion((v) => v + 1);
    apiRef.current?.refreshInfiniteCache();
  }

  async function exportXlsx() {
    setExporting(true);
    setNotice(null);
    try {
      const file =
        contactList !== null
          ? await call('contacts.exportXlsx', { list: contactList, ...contactFilters })
          : await call('worklists.exportXlsx', { query, sort: sortRef.current });
      downloadFile(file);
      setNotice({ kind: 'success', text: `已导出 ${file.fileName}（${formatCount(file.count)} 笔）。` });
    } catch (err) {
      if (!handleSessionError(err)) setNotice({ kind: 'error', text: errorMessage(err) });
    } finally {
      setExporting(false);
    }
  }

  async function printList() {
    setPrinting(true);
    setNotice(null);
    try {
      const outcome =
        contactList !== null
          ? await call('contacts.print', { list: contactList, ...contactFilters, deliver: 'preview' })
          : await call('worklists.print', { query, sort: sortRef.current, deliver: 'preview' });
      if (outcome.kind === 'preview') setNotice({ kind: 'success', text: `已在打印预览窗口中打开 ${outcome.fileName}（${formatCount(outcome.count)} 笔），点击其中的打印按钮（A4 横向）。` });
      else {
        downloadFile(outcome.file);
        setNotice({ kind: 'success', text: `已生成 ${outcome.file.fileName}（${formatCount(outcome.count)} 笔），请在 PDF 阅读器中打开并打印（A4 横向）。` });
      }
    } catch (err) {
      if (!handleSessionError(err)) setNotice({ kind: 'error', text: errorMessage(err) });
    } finally {
      setPrinting(false);
    }
  }

  const optionData = options.state.status === 'ready' ? options.state.data : null;

  return (
    <div className="page page-worklists">
      <div className="page-header">
        <h1>工作清单</h1>
        <div className="page-actions worklist-filters">
          <ManagerVillageFilters options={optionData} manager={manager} onManager={setManager} villageId={villageId} onVillage={setVillageId} testIdPrefix="worklist" />
          <label className="field-inline" title="到期提示列出从此日起 7 天内到期的贷款；不填时按台账的数据日期（数据截至）。">
            到期提示起算日
            <DateInput value={asOfText} onChange={setAsOfText} placeholder={dates?.dataAsOf ?? 'YYYY-MM-DD'} data-testid="worklist-as-of" />
          </label>
          <button type="button" className="btn" onClick={() => void exportXlsx()} disabled={exporting} data-testid="worklist-export">
            {exporting ? '正在导出…' : '导出 Excel'}
          </button>
          <button type="button" className="btn" onClick={() => void printList()} disabled={printing} data-testid="worklist-print">
            {printing ? '正在生成…' : '打印'}
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => {
              const picked = apiRef.current?.getSelectedRows().map((r) => r.loanId) ?? [];
              setSmsLoanIds(picked.length > 0 ? picked : undefined);
            }}
            disabled={contactList !== null}
            data-testid="worklist-sms"
          >
            短信提醒
          </button>
          {contactList === null ? (
            <NoticeIssueButton
              picked={() => apiRef.current?.getSelectedRows().map((r) => r.loanId) ?? []}
              source="工作清单"
              kind={tab.list === 'due-soon' ? 'reminder' : 'overdue'}
              onNotice={(text) => setNotice({ kind: 'error', text })}
            />
          ) : null}
          {contactList === null && tab.list === 'handover' ? (
            <HandoverActions picked={() => apiRef.current?.getSelectedRows() ?? []} onHandedOver={() => { apiRef.current?.deselectAll(); refresh(); }} onNotice={(text) => setNotice({ kind: 'error', text })} />
          ) : null}
          {contactList === null && tab.list === 'litigation' ? (
            <LegalStepButton picked={() => apiRef.current?.getSelectedRows() ?? []} onSaved={() => { apiRef.current?.deselectAll(); refresh(); }} onNotice={(text) => setNotice({ kind: 'error', text })} />
          ) : null}
          {villageId ? (
            <RouteSheetButton villageId={villageId} managerId={manager && manager !== UNASSIGNED ? manager : undefined} asOf={asOf} onNotice={(kind, text) => setNotice({ kind, text })} />
          ) : null}
          <button type="button" className="btn" onClick={refresh}>
            刷新
          </button>
        </div>
      </div>

      <div className="worklist-tabs" role="tablist" aria-label="清单">
        {WORKLIST_TABS.map((t) => {
          const s = counts.state.status === 'ready' ? t.sums(counts.state.data) : null;
          return (
            <button
              key={t.id}
              type="button"
              role="tab"
              aria-selected={contactList === null && t.id === tab.id}
              className={contactList === null && t.id === tab.id ? 'worklist-tab worklist-tab-active' : 'worklist-tab'}
              onClick={() => {
                setTab(t);
                setContactList(null);
                setSums(null);
              }}
              data-testid={`worklist-tab-${t.id}`}
            >
              {t.label}
              <span className="worklist-tab-count">{s ? formatCount(s.count) : '…'}</span>
            </button>
          );
        })}
        {CONTACT_LISTS.map((l) => (
          <button
            key={l}
            type="button"
            role="tab"
            aria-selected={contactList === l}
            className={contactList === l ? 'worklist-tab worklist-tab-active' : 'worklist-tab'}
            onClick={() => setContactList(l)}
            data-testid={`worklist-tab-${l}`}
          >
            {CONTACT_LIST_LABELS[l]}
            <span className="worklist-tab-count">{contactCounts[l]}</span>
          </button>
        ))}
      </div>

      <p className="muted worklist-hint" data-testid="worklist-hint">
        {contactList !== null ? CONTACT_HINTS[contactList] : tab.hint}
        {contactList !== null ? null : dates ? (
          tab.list === 'due-soon'
            ? ` 到期日 ${dates.dueFrom} 至 ${dates.dueTo}。`
            : ` 逾期天数按核心系统数据（截至 ${dates.dataAsOf ?? '—'}）。`
        ) : null}
      </p>
      {counts.state.status === 'error' ? (
        <div className="alert alert-error" role="alert">
          {counts.state.message}
        </div>
      ) : null}
      <DismissibleNotice notice={notice} onClose={() => setNotice(null)} testId="worklist-notice" />

      {contactList !== null ? (
        <ContactWorklistGrid list={contactList} filters={contactFilters} version={version} onChanged={() => setVersion((v) => v + 1)} />
      ) : (
      <div className="grid-box">
        <DataGrid<WorklistRow>
          testId="worklist-grid"
          {...PAGED_GRID}
          datasource={datasource}
          columnDefs={columnDefs}
          context={context}
          getRowId={(p) => p.data.loanId}
          rowSelection={WORKLIST_ROW_SELECTION}
          selectionColumnDef={{ pinned: 'left' }}
          onGridReady={(e) => {
            apiRef.current = e.api;
          }}
          onSortChanged={(e) => e.api.ensureIndexVisible(0, 'top')}
          onCellDoubleClicked={(e) => {
            if (e.data) panel.open(e.data.borrowerId);
          }}
          onCellKeyDown={(e) => {
            const key = (e.event as KeyboardEvent | null)?.key;
            if (key === 'Enter' && e.data) panel.open(e.data.borrowerId);
            if (key === 'F2' && e.data) enterContact(e.data);
          }}
          tooltipShowDelay={400}
        />
        <div className="grid-footer">
          <span data-testid="worklist-count">{sums === null ? '正在加载…' : `共 ${formatCount(sums.count)} 笔`}</span>
          {sums !== null ? (
            <>
              <span data-testid="worklist-balance">余额 {formatYuan(sums.balanceFen)} 元</span>
              <span data-testid="worklist-interest">欠息 {formatYuan(sums.interestOwedFen)} 元</span>
            </>
          ) : null}
          <span>点击户名或双击行查看借款户详情；选中一行按 F2 登记联系；点击列标题排序（在数据库中进行）。</span>
        </div>
      </div>
      )}
      {smsLoanIds !== null ? (
        <SmsBatchDialog query={query} loanIds={smsLoanIds} onClose={() => setSmsLoanIds(null)} onConfirmed={() => setVersion((v) => v + 1)} />
      ) : null}
      {contactTarget ? (
        <ContactEntryDialog
          target={contactTarget}
          onClose={() => setContactTarget(null)}
          onSaved={() => {
            setContactTarget(null);
            setVersion((v) => v + 1);
          }}
        />
      ) : null}
    </div>
  );
}

const CONTACT_HINTS: Record<ContactList, string> = {
  'follow-ups': '联系记录中下次跟进日期已到（含过期未跟进），或承诺今天还款的贷款和户；再次登记联系后移出本清单。',
  'broken-promises': '承诺日期已过、导入数据未显示逾期金额或余额减少达到承诺金额的还款承诺；承诺日后再次联系即移出本清单。',
};

type QueryCount = string;
function countOf(state: { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; data: { count: number } }): QueryCount {
  return state.status === 'ready' ? formatCount(state.data.count) : state.status === 'error' ? '!' : '…';
}
