import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { CellDoubleClickedEvent, CellKeyDownEvent, CellValueChangedEvent, FilterChangedEvent, FullWidthCellKeyDownEvent, GetRowIdParams, GridApi, GridReadyEvent, RowSelectionOptions, SelectionChangedEvent, SortChangedEvent } from 'ag-grid-community';
import { WRITE_WAITING_EVENT } from '../../../../electron/shared/api/calls';
import {
  CONTACT_FIELDS,
  CONTACT_LABELS,
  type ContactField,
  type HouseholdDetail,
  type RegisterExportProgress,
  type RegisterLoanRow,
  type RegisterPageResult,
  type RegisterQuery,
  type RegisterSums,
} from '../../../../electron/shared/api/register';
import type { VillageOverviewRow } from '../../../../electron/shared/api/villages';
import { FULL_ID_ROLES } from '../../../../electron/shared/domain';
import { formatWanYuan, formatYuan } from '../../../../electron/shared/money';
import { call } from '../../api/client';
import { downloadFile, saveBlob } from '../../files';
import { formatCount } from '../../format';
import { DataGrid } from '../../grid/DataGrid';
import { PAGED_GRID } from '../../grid/paged-grid';
import { routeHref } from '../../router/hash-router';
import { useSession } from '../../session/session';
import { REGISTER_PATHS } from './paths';
import { errorMessage } from '../../ui/errors';
import { useHouseholdPanel } from '../household/household-context';
import { NoticeIssueButton } from '../notices/NoticeIssueButton';
import { villageNoticesPath } from '../notices/notice-request';
import { navigate } from '../../router/hash-router';
import { registerColumns, type RegisterGridContext } from './register-columns';
import { useVillagesOverview } from './useVillagesOverview';
import { fetchStoredDownload } from './stored-download';
import { RegisterAssignBar } from './RegisterAssignBar';
import { registerDatasource } from './register-datasource';
import { DismissibleNotice, type PageNotice } from '../../ui/DismissibleNotice';
import { WRITE_WAITING_TEXT } from '../../ui/write-waiting';

/** Who may tick rows and assign them a manager (as ASSIGNING_ROLES in the backend, which enforces it). */
const ASSIGNING_ROLES = ['head', 'admin'];
const rowSelection: RowSelectionOptions = { mode: 'multiRow', checkboxes: true, headerCheckbox: false, enableClickSelection: false };
// The grid's options stay the same objects from one render to the next: AG Grid applies a changed
// one again (a new selection column definition rebuilds the column and its cells) on every
// render, and the page renders with every block of rows (its count and sums).
const selectionColumnDef = { pinned: 'left' } as const;
const loanRowId = (p: GetRowIdParams<RegisterLoanRow>) => p.data.loanId;
/** A new order or filter starts at its first row, not where the old one was scrolled to. */
const toFirstRow = (e: FilterChangedEvent<RegisterLoanRow> | SortChangedEvent<RegisterLoanRow>) => e.api.ensureIndexVisible(0, 'top');

type ViewTotals = { loans: number } & RegisterSums;
const sameTotals = (a: ViewTotals | null, b: ViewTotals) =>
  a !== null && a.loans === b.loans && a.balanceFen === b.balanceFen && a.contractAmountFen === b.contractAmountFen && a.interestOwedFen === b.interestOwedFen;


type Notice = PageNotice;

/**
 * 分村贷款清册 (one village, `villageId`) or 全部贷款 (`villageId` null): one row per active loan,
 * paged, sorted and filtered in the database (AG Grid's Infinite Row Model → register.loans).
 */
export function RegisterPage({ villageId }: { villageId: string | null }) {
  const { handleSessionError, user } = useSession();
  const panel = useHouseholdPanel();
  const overview = useVillagesOverview();
  const canAssign = ASSIGNING_ROLES.includes(user.role);
  const [selected, setSelected] = useState<RegisterLoanRow[]>([]);
  const apiRef = useRef<GridApi<RegisterLoanRow> | null>(null);
  const [total, setTotal] = useState<ViewTotals | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [filtered, setFiltered] = useState(false);
  const [includeSettled, setIncludeSettled] = useState(false);

  const village: VillageOverviewRow | null | undefined =
    overview.state.status === 'ready' && villageId ? (overview.state.data.rows.find((r) => r.villageId === villageId) ?? null) : undefined;

  const datasource = useMemo(
    () =>
      registerDatasource(
        { villageId, includeSettled },
        {
          onPage: ({ total: loans, balanceFen, contractAmountFen, interestOwedFen }: RegisterPageResult) => {
            const next = { loans, balanceFen, contractAmountFen, interestOwedFen };
            setTotal((old) => (sameTotals(old, next) ? old : next));
          },
          onError: (err) => {
            if (!handleSessionError(err)) setNotice({ kind: 'error', text: errorMessage(err) });
          },
        },
      ),
    [villageId, includeSettled, handleSessionError],
  );
  // Before the page's other calls go out (their effects run after this one).
  useLayoutEffect(() => datasource.prefetch(), [datasource]);

  const columnDefs = useMemo(() => registerColumns(villageId === null), [villageId]);
  // Text over a field's limit: the editor stays open (invalidEditValueMode 'block') and this says why.
  const [editProblem, setEditProblem] = useState<string | null>(null);
  const context = useMemo<RegisterGridContext>(() => ({ openHousehold: panel.open, reportEditProblem: setEditProblem }), [panel]);

  // A household saved in the panel (or another row of the same household) shows at once.
  const applyHousehold = useCallback((detail: HouseholdDetail) => {
    const api = apiRef.current;
    if (!api || api.isDestroyed()) return;
    api.forEachNode((node) => {
      if (node.data?.borrowerId !== detail.borrowerId) return;
      node.setData({
        ...node.data,
        whereabouts: detail.whereabouts,
        contactName: detail.contactName,
        contactPhone: detail.contactPhone,
        notes: detail.notes,
        phones: detail.phones.map((p) => p.phone).join(' / '),
      });
    });
  }, []);
  useEffect(() => panel.onChanged(applyHousehold), [panel, applyHousehold]);

  const onCellValueChanged = useCallback(
    async (e: CellValueChangedEvent<RegisterLoanRow>) => {
      const field = e.colDef.field as ContactField | undefined;
      if (e.source === 'revert' || !e.data || !field || !CONTACT_FIELDS.includes(field)) return;
      const before = String(e.oldValue ?? '');
      const after = String(e.newValue ?? '').trim();
      if (after === before.trim()) return;
      const { borrowerId, name } = e.data;
      try {
        const detail = await call('register.updateContact', { borrowerId, [field]: after, was: { [field]: before } });
        applyHousehold(detail);
        panel.notifyChanged(detail);
        setNotice({ kind: 'success', text: `已保存 ${name} 的${CONTACT_LABELS[field]}。` });
      } catch (err) {
        e.node.setDataValue(field, e.oldValue ?? '', 'revert');
        if (!handleSessionError(err)) setNotice({ kind: 'error', text: `${name} 的${CONTACT_LABELS[field]}未保存：${errorMessage(err)}` });
      }
    },
    [applyHousehold, panel, handleSessionError],
  );

  const onGridReady = useCallback((e: GridReadyEvent<RegisterLoanRow>) => {
    apiRef.current = e.api;
  }, []);
  const onSelectionChanged = useCallback((e: SelectionChangedEvent<RegisterLoanRow>) => setSelected(e.api.getSelectedRows()), []);
  const onFilterChanged = useCallback((e: FilterChangedEvent<RegisterLoanRow>) => {
    setFiltered(e.api.isAnyFilterPresent());
    toFirstRow(e);
  }, []);
  const onCellValueChangedInGrid = useCallback((e: CellValueChangedEvent<RegisterLoanRow>) => void onCellValueChanged(e), [onCellValueChanged]);
  // Enter on a cell that does not edit (户名, 借据号 …) opens the household, as a double click does.
  const onCellKeyDown = useCallback(
    (e: CellKeyDownEvent<RegisterLoanRow> | FullWidthCellKeyDownEvent<RegisterLoanRow>) => {
      if ((e.event as KeyboardEvent | null)?.key === 'Enter' && e.data && 'colDef' in e && !e.colDef.editable) panel.open(e.data.borrowerId);
    },
    [panel],
  );
  const onCellEditingStopped = useCallback(() => setEditProblem(null), []);

  const onCellDoubleClicked = useCallback(
    (e: CellDoubleClickedEvent<RegisterLoanRow>) => {
      if (e.data && !e.colDef.editable) panel.open(e.data.borrowerId);
    },
    [panel],
  );

  function refresh() {
    apiRef.current?.refreshInfiniteCache();
    overview.reload();
  }

  const title = villageId === null ? '全部贷款' : village ? `${village.township} ${village.village}` : '分村贷款清册';

  return (
    <div className="page page-register">
      <div className="page-header">
        <a className="back-link" href={routeHref(REGISTER_PATHS.overview)}>
          ‹ 村级概览
        </a>
        <h1 data-testid="register-title">
          {villageId === null ? '全部贷款' : '分村贷款清册'}
          {villageId !== null && village ? <span className="title-village">{title}</span> : null}
        </h1>
        <div className="page-actions">
          <label className="check" title="已结清的贷款（不再出现在核心系统导出中）默认不显示。">
            <input type="checkbox" checked={includeSettled} onChange={(e) => setIncludeSettled(e.target.checked)} data-testid="include-settled" />
            含已结清
          </label>
          <RegisterFileActions villageId={villageId} view={datasource.view} disabled={village === null} onNotice={setNotice} />
          {villageId !== null && village !== null ? (
            <NoticeIssueButton
              picked={() => selected.map((r) => r.loanId)}
              source="贷款清册"
              fallback={() => navigate(villageNoticesPath(villageId))}
              onNotice={(text) => setNotice({ kind: 'error', text })}
            />
          ) : null}
          <button type="button" className="btn" onClick={refresh}>
            刷新
          </button>
        </div>
      </div>

      {village === null ? (
        <div className="alert alert-error" role="alert">
          找不到该村，可能已被合并或删除。<a href={routeHref(REGISTER_PATHS.overview)}>返回村级概览</a>
        </div>
      ) : null}
      {overview.state.status === 'error' ? (
        <div className="alert alert-error" role="alert">
          {overview.state.message}
        </div>
      ) : null}

      <RegisterSummary village={village ?? null} all={villageId === null && overview.state.status === 'ready' ? overview.state.data.totals : null} />

      {editProblem ? (
        <div className="alert alert-error alert-row" role="alert" data-testid="register-edit-problem">
          <span>{editProblem}。请删减后按回车保存，或按 Esc 放弃修改。</span>
        </div>
      ) : notice ? (
        <DismissibleNotice notice={notice} onClose={() => setNotice(null)} testId="register-notice" />
      ) : null}

      {canAssign && village !== null ? (
        <RegisterAssignBar
          selected={selected}
          onAssigned={() => {
            apiRef.current?.deselectAll();
            refresh();
          }}
        />
      ) : null}

      {village !== null ? (
        <div className="grid-box">
          <DataGrid<RegisterLoanRow>
            testId="register-grid"
            {...PAGED_GRID}
            // One blank row until the first rows arrive, not a screenful: AG Grid draws the blank
            // rows, then draws every row again when its data comes (cells are React components).
            infiniteInitialRowCount={1}
            datasource={datasource}
            columnDefs={columnDefs}
            context={context}
            getRowId={loanRowId}
            onGridReady={onGridReady}
            rowSelection={canAssign ? rowSelection : undefined}
            selectionColumnDef={selectionColumnDef}
            onSelectionChanged={onSelectionChanged}
            onFilterChanged={onFilterChanged}
            onSortChanged={toFirstRow}
            onCellValueChanged={onCellValueChangedInGrid}
            onCellDoubleClicked={onCellDoubleClicked}
            onCellKeyDown={onCellKeyDown}
            stopEditingWhenCellsLoseFocus
            // Text over a field's limit keeps the editor open with the message (see register-columns).
            invalidEditValueMode="block"
            onCellEditingStopped={onCellEditingStopped}
            // ~20 columns: render them all, so the header and find-in-page reach every column.
            suppressColumnVirtualisation
            tooltipShowDelay={400}
          />
          <div className="grid-footer">
            <span data-testid="register-row-count">{total === null ? '正在加载…' : `${filtered ? '筛选后' : '共'} ${formatCount(total.loans)} 笔贷款`}</span>
            {total !== null ? (
              <>
                <span data-testid="register-row-contract">合同金额 {formatYuan(total.contractAmountFen)} 元</span>
                <span data-testid="register-row-balance">余额 {formatYuan(total.balanceFen)} 元</span>
                <span data-testid="register-row-interest">欠息 {formatYuan(total.interestOwedFen)} 元</span>
              </>
            ) : null}
            {filtered ? (
              <button type="button" className="btn-link" onClick={() => apiRef.current?.setFilterModel(null)}>
                清除筛选
              </button>
            ) : null}
            <span>点击户名查看借款户详情；现住地址、联系人、联系人电话、备注可双击修改。排序和筛选在数据库中进行。</span>
          </div>
        </div>
      ) : null}
    </div>
  );
}

function RegisterSummary({ village, all }: { village: VillageOverviewRow | null; all: { households: number; loans: number; balanceFen: number; overdueLoans: number; overdueBalanceFen: number } | null }) {
  const t = village ?? all;
  if (!t) return null;
  return (
    <div className="summary-strip summary-strip-compact" data-testid="register-summary">
      <Item label="户数" value={formatCount(t.households)} unit="户" />
      <Item label="在贷笔数" value={formatCount(t.loans)} unit="笔" />
      <Item label="贷款余额" value={formatYuan(t.balanceFen)} unit="元" testId="register-balance" />
      <Item label="余额（万元）" value={formatWanYuan(t.balanceFen)} unit="万元" />
      <Item label="逾期笔数" value={formatCount(t.overdueLoans)} unit="笔" warn={t.overdueLoans > 0} />
      <Item label="逾期余额" value={formatYuan(t.overdueBalanceFen)} unit="元" warn={t.overdueBalanceFen > 0} />
      {village ? <Item label="客户经理" value={village.managerName ?? '未分配'} unit="" /> : null}
    </div>
  );
}

function Item({ label, value, unit, warn, testId }: { label: string; value: string; unit: string; warn?: boolean; testId?: string }) {
  return (
    <div className={warn ? 'summary-item summary-item-warn' : 'summary-item'}>
      <span className="summary-label">{label}</span>
      <span className="summary-value">
        <span data-testid={testId}>{value}</span>
        {unit ? <span className="summary-unit">{unit}</span> : null}
      </span>
    </div>
  );
}

/**
 * 导出 Excel (the grid's current view: filter and sort included) and, for one village, 打印清册
 * (the whole village register on paper). Exports are logged by the backend (PIPL).
 */
function RegisterFileActions({
  villageId,
  view,
  disabled,
  onNotice,
}: {
  villageId: string | null;
  view(): RegisterQuery;
  disabled: boolean;
  onNotice(n: Notice): void;
}) {
  const { handleSessionError, user } = useSession();
  const mayUnmask = FULL_ID_ROLES.includes(user.role);
  const [fullIds, setFullIds] = useState(false);
  const [busy, setBusy] = useState<'xlsx' | 'pdf' | null>(null);
  /** Of a large export: how far the file is written (or fetched), in percent. */
  const [percent, setPercent] = useState<number | null>(null);
  const running = useRef<AbortController | null>(null);

  /** 取消 while the file is made: the backend stops (a PDF's page closes, an export's rows stop); the buttons are back at once. */
  function cancel() {
    const kind = busy;
    running.current?.abort();
    running.current = null;
    setBusy(null);
    setPercent(null);
    onNotice({ kind: 'info', text: kind === 'xlsx' ? '已取消导出。' : '已取消打印。' });
  }

  /** Both write to the export log: while another program writes, they wait for it, and say so. */
  const sayWhileWaiting = (event: string) => event === WRITE_WAITING_EVENT && onNotice({ kind: 'info', text: WRITE_WAITING_TEXT });

  /** The view written by the backend into a file kept for us, then fetched in parts: any size, a county's too. */
  async function exportXlsx(signal: AbortSignal) {
    const onEvent = (event: string, payload: unknown) => {
      sayWhileWaiting(event);
      if (event !== 'register.exportProgress') return;
      const { done, total } = payload as RegisterExportProgress;
      // Writing is most of the work; fetching the file the last tenth.
      if (total > 0) setPercent(Math.floor((done / total) * 90));
    };
    const file = await call('register.exportXlsxFile', { ...view(), maskIds: !fullIds }, { signal, onEvent });
    const blob = await fetchStoredDownload(file, signal, (bytes) => setPercent(90 + Math.floor((bytes / Math.max(file.size, 1)) * 10)));
    if (signal.aborted) return;
    saveBlob(blob, file.fileName);
    onNotice({ kind: 'success', text: `已导出 ${file.fileName}（按表格当前的筛选和排序）。` });
  }

  async function run(kind: 'xlsx' | 'pdf') {
    setBusy(kind);
    setPercent(null);
    onNotice(null);
    const controller = new AbortController();
    running.current = controller;
    try {
      if (kind === 'xlsx') {
        await exportXlsx(controller.signal);
        return;
      }
      if (villageId === null) return;
      // The desktop app opens its print preview; the browser build gets the PDF to print.
      const outcome = await call('register.printVillage', { villageId, maskIds: !fullIds, deliver: 'preview' }, { signal: controller.signal, onEvent: sayWhileWaiting });
      if (controller.signal.aborted) return;
      if (outcome.kind === 'preview') {
        onNotice({ kind: 'success', text: `已在打印预览窗口中打开 ${outcome.fileName}，点击其中的打印按钮（A4 横向）。` });
      } else {
        downloadFile(outcome.file);
        onNotice({ kind: 'success', text: `已生成 ${outcome.file.fileName}，请在 PDF 阅读器中打开并打印（A4 横向）。` });
      }
    } catch (err) {
      if (controller.signal.aborted) return;
      if (!handleSessionError(err)) onNotice({ kind: 'error', text: errorMessage(err) });
    } finally {
      if (!controller.signal.aborted) {
        setBusy(null);
        setPercent(null);
      }
      if (running.current === controller) running.current = null;
    }
  }

  return (
    <>
      {mayUnmask ? (
        <label className="check" title="导出和打印默认隐藏身份证号中间 8 位；显示完整号码会记入导出日志。屏幕上始终隐藏。">
          <input type="checkbox" checked={fullIds} onChange={(e) => setFullIds(e.target.checked)} data-testid="show-full-ids" />
          导出/打印含完整身份证号
        </label>
      ) : null}
      <button type="button" className="btn" onClick={() => void run('xlsx')} disabled={disabled || busy !== null} data-testid="export-xlsx">
        {busy === 'xlsx' ? (percent === null ? '正在导出…' : `正在导出 ${percent}%…`) : '导出 Excel'}
      </button>
      {villageId !== null ? (
        <button type="button" className="btn btn-primary" onClick={() => void run('pdf')} disabled={disabled || busy !== null} data-testid="print-village">
          {busy === 'pdf' ? '正在生成…' : '打印清册'}
        </button>
      ) : null}
      {busy !== null ? (
        <button type="button" className="btn" onClick={cancel} data-testid={busy === 'pdf' ? 'print-cancel' : 'export-cancel'}>
          取消
        </button>
      ) : null}
    </>
  );
}
