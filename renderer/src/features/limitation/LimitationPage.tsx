import { useEffect, useMemo, useRef, useState } from 'react';
import type { GridApi, IDatasource, IGetRowsParams } from 'ag-grid-community';
import { LIMITATION_SHOW_LABELS, LIMITATION_SHOWS, LIMITATION_WITHIN_DAYS, type LimitationRow, type LimitationShow } from '../../../../electron/shared/api/limitation';
import { parseBusinessDate } from '../../../../electron/shared/dates';
import { call } from '../../api/client';
import { useRpcQuery } from '../../api/useRpcQuery';
import { formatCount } from '../../format';
import { DataGrid } from '../../grid/DataGrid';
import { PAGED_GRID } from '../../grid/paged-grid';
import { useSession } from '../../session/session';
import { DateInput } from '../../ui/DateInput';
import { errorMessage } from '../../ui/errors';
import { useHouseholdPanel } from '../household/household-context';
import { limitationColumns, type LimitationGridContext } from './limitation-columns';
import { LoanClockPanel } from './LoanClockPanel';
import '../worklists/worklists.css';
import './limitation.css';
import { managerFilter, ManagerVillageFilters } from '../../ui/ManagerVillageFilters';

/** Typing in the search box asks the database once the typing pauses. */
const SEARCH_PAUSE_MS = 250;

const HINTS: Record<LimitationShow, string> = {
  expiring: '诉讼时效将在所设天数内届满的贷款，最早届满的在前：请在届满前取得回执、余额确认或书面还款承诺，或采取法律措施。',
  expired: '诉讼时效已经届满的贷款（届满日早于截至日）。',
  all: '有到期日的全部未结清贷款及其诉讼时效。',
};

/**
 * 诉讼时效: loans whose limitation ends within N days, those ended, or all, filtered by manager,
 * village and a loan number or name, paged from the database; a loan's events and the form to
 * record an acceleration or an acknowledgement open beside the grid.
 */
export function LimitationPage() {
  const { handleSessionError } = useSession();
  const panel = useHouseholdPanel();
  const [show, setShow] = useState<LimitationShow>('expiring');
  const [manager, setManager] = useState('');
  const [villageId, setVillageId] = useState('');
  const [asOfText, setAsOfText] = useState('');
  const [withinText, setWithinText] = useState(String(LIMITATION_WITHIN_DAYS));
  const [searchText, setSearchText] = useState('');
  const [text, setText] = useState('');
  const [version, setVersion] = useState(0);
  const [count, setCount] = useState<number | null>(null);
  const [usedAsOf, setUsedAsOf] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [openLoanId, setOpenLoanId] = useState<string | null>(null);
  const apiRef = useRef<GridApi<LimitationRow> | null>(null);

  useEffect(() => {
    const t = setTimeout(() => setText(searchText.trim()), SEARCH_PAUSE_MS);
    return () => clearTimeout(t);
  }, [searchText]);

  /** A search looks for a loan wherever its clock stands: it starts on 全部 (a tab still narrows it). */
  function search(value: string) {
    if (searchText.trim() === '' && value.trim() !== '') {
      setShow('all');
      setCount(null);
    }
    setSearchText(value);
  }

  const asOf = asOfText.trim() === '' ? undefined : (parseBusinessDate(asOfText) ?? undefined);
  const within = /^\d{1,4}$/.test(withinText.trim()) ? Number(withinText.trim()) : LIMITATION_WITHIN_DAYS;
  const filters = useMemo(
    () => ({
      ...(asOf ? { asOf } : {}),
      withinDays: within,
      ...managerFilter(manager),
      ...(villageId ? { villageId } : {}),
      ...(text ? { text } : {}),
    }),
    [asOf, within, manager, villageId, text],
  );

  const options = useRpcQuery('worklists.options', {});
  const expiringCount = useRpcQuery('limitation.list', { ...filters, show: 'expiring', limit: 1 }, version);
  const expiredCount = useRpcQuery('limitation.list', { ...filters, show: 'expired', limit: 1 }, version);
  const tabCounts: Partial<Record<LimitationShow, string>> = {
    expiring: expiringCount.state.status === 'ready' ? formatCount(expiringCount.state.data.count) : '…',
    expired: expiredCount.state.status === 'ready' ? formatCount(expiredCount.state.data.count) : '…',
  };

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows(params: IGetRowsParams<LimitationRow>) {
        call('limitation.list', { ...filters, show, offset: params.startRow, limit: params.endRow - params.startRow })
          .then((page) => {
            params.successCallback(page.rows, page.count);
            setCount(page.count);
            setUsedAsOf(page.asOf);
            setError(null);
          })
          .catch((err: unknown) => {
            params.failCallback();
            if (!handleSessionError(err)) setError(errorMessage(err));
          });
      },
    }),
    [filters, show, handleSessionError],
  );

  /** 刷新, and after an event is recorded: the counts, the grid's rows and the open clock, from the database again. */
  function refresh() {
    setVersion((v) => v + 1);
    apiRef.current?.refreshInfiniteCache();
  }

  const columnDefs = useMemo(() => limitationColumns(), []);
  const context = useMemo<LimitationGridContext>(() => ({ openHousehold: panel.open, openClock: (r) => setOpenLoanId(r.loanId) }), [panel]);
  const optionData = options.state.status === 'ready' ? options.state.data : null;

  return (
    <div className="page page-limitation">
      <div className="page-header">
        <h1>诉讼时效</h1>
        <div className="page-actions worklist-filters">
          <label className="field-inline">
            借据号或姓名
            <input type="search" value={searchText} onChange={(e) => search(e.target.value)} placeholder="借据号开头或姓名" data-testid="limitation-search" />
          </label>
          <ManagerVillageFilters options={optionData} manager={manager} onManager={setManager} villageId={villageId} onVillage={setVillageId} testIdPrefix="limitation" />
          <label className="field-inline" title="按此日计算时效；此日之后的回执、还款不影响。不填为今天。">
            截至日
            <DateInput value={asOfText} onChange={setAsOfText} placeholder={usedAsOf ?? 'YYYY-MM-DD'} data-testid="limitation-as-of" />
          </label>
          <label className="field-inline">
            届满天数
            <input className="limitation-days" inputMode="numeric" value={withinText} onChange={(e) => setWithinText(e.target.value)} data-testid="limitation-within" />
          </label>
          <button type="button" className="btn" onClick={refresh}>
            刷新
          </button>
        </div>
      </div>

      <div className="worklist-tabs" role="radiogroup" aria-label="时效">
        {LIMITATION_SHOWS.map((s) => (
          <label key={s} className={s === show ? 'worklist-tab worklist-tab-active' : 'worklist-tab'} data-testid={`limitation-tab-${s}`}>
            <input
              type="radio"
              name="limitation-show"
              checked={s === show}
              onChange={() => {
                setShow(s);
                setCount(null);
              }}
            />
            {s === 'expiring' ? `${within} 天内${LIMITATION_SHOW_LABELS[s]}` : LIMITATION_SHOW_LABELS[s]}
            {tabCounts[s] !== undefined ? <span className="worklist-tab-count">{tabCounts[s]}</span> : null}
          </label>
        ))}
      </div>
      <p className="muted worklist-hint">
        {HINTS[show]} 时效自到期日（或宣布提前到期之日）起算三年；回执收回的催收或担保通知、签回的余额确认书、还款、书面确认和起诉、支付令、仲裁使其重新起算。
      </p>
      {error ? (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      ) : null}

      <div className={openLoanId ? 'limitation-body limitation-body-open' : 'limitation-body'}>
        <div className="grid-box">
          <DataGrid<LimitationRow>
            testId="limitation-grid"
            {...PAGED_GRID}
            defaultColDef={{ sortable: false, filter: false }}
            datasource={datasource}
            columnDefs={columnDefs}
            context={context}
            getRowId={(p) => p.data.loanId}
            onGridReady={(e) => {
              apiRef.current = e.api;
            }}
            onRowClicked={(e) => {
              if (e.data) setOpenLoanId(e.data.loanId);
            }}
            onCellKeyDown={(e) => {
              const key = (e.event as KeyboardEvent | null)?.key;
              if (key === 'Enter' && e.data) setOpenLoanId(e.data.loanId);
            }}
            tooltipShowDelay={400}
          />
          <div className="grid-footer">
            <span data-testid="limitation-count">{count === null ? '正在加载…' : `共 ${formatCount(count)} 笔`}</span>
            {usedAsOf ? <span>截至 {usedAsOf}</span> : null}
            <span>点击一行查看时效明细、登记宣布提前到期或书面确认；点击户名查看借款户详情。</span>
          </div>
        </div>
        {openLoanId ? (
          <LoanClockPanel
            loanId={openLoanId}
            asOf={asOf}
            version={version}
            onClose={() => setOpenLoanId(null)}
            onSaved={refresh}
          />
        ) : null}
      </div>
    </div>
  );
}
