import type { ColDef } from 'ag-grid-community';
import type { CustomCellRendererProps } from 'ag-grid-react';
import { INTERRUPTION_LABELS, START_LABELS, type LastInterruption, type LimitationRow } from '../../../../electron/shared/api/limitation';
import { countColumn, yuanColumn } from '../../grid/columns';
import { HouseholdLinkCell } from '../../grid/household-link-cell';

/** What the grid's cells can reach (AG Grid's `context`). */
export interface LimitationGridContext {
  openHousehold(borrowerId: string): void;
  openClock(row: LimitationRow): void;
}

function LoanNoCell(p: CustomCellRendererProps<LimitationRow, string, LimitationGridContext>) {
  const data = p.data;
  if (!data) return null;
  return (
    <button type="button" className="cell-link mono" onClick={() => p.context.openClock(data)} title="查看时效明细、登记提前到期或书面确认">
      {p.value}
    </button>
  );
}

/** `2024-02-10 催收通知回执 林家坪支行催字〔2026〕第0001号`: the evidence the clock runs from. */
export function interruptionText(i: LastInterruption | null): string {
  return i === null ? '' : `${i.date} ${INTERRUPTION_LABELS[i.kind]} ${i.ref}`;
}

/**
 * The limitation list: ordered by the end in the database, so no column sorts or filters on its
 * own. The end and its evidence come first, where a narrow window still renders them.
 */
export function limitationColumns(): ColDef<LimitationRow>[] {
  return [
    { field: 'loanNo', headerName: '借据号', width: 168, cellRenderer: LoanNoCell },
    { field: 'borrowerName', headerName: '户名', width: 96, cellRenderer: HouseholdLinkCell },
    {
      field: 'expiresOn',
      headerName: '时效届满日',
      width: 116,
      cellClass: 'mono',
      cellClassRules: { 'cell-danger': (p) => (p.data?.daysLeft ?? 1) < 0 },
    },
    countColumn({
      field: 'daysLeft',
      headerName: '剩余天数',
      width: 96,
      filter: false,
      cellClassRules: { 'cell-danger': (p) => typeof p.value === 'number' && p.value < 0 },
      valueFormatter: (p) => (typeof p.value !== 'number' ? '' : p.value < 0 ? `已过 ${-p.value}` : String(p.value)),
    }),
    {
      colId: 'lastInterruption',
      headerName: '最近中断（证据）',
      width: 340,
      valueGetter: (p) => (p.data ? interruptionText(p.data.lastInterruption) || '无' : ''),
      tooltipValueGetter: (p) => (p.data ? interruptionText(p.data.lastInterruption) : ''),
    },
    {
      field: 'startOn',
      headerName: '时效起算',
      width: 200,
      valueFormatter: (p) => (p.data ? `${p.data.startOn}（${START_LABELS[p.data.startKind]}）` : ''),
    },
    { field: 'maturityOn', headerName: '到期日', width: 108 },
    yuanColumn({ field: 'balanceFen', headerName: '余额(元)', width: 120, filter: false }),
    { field: 'village', headerName: '村', width: 110 },
    { field: 'manager', headerName: '客户经理', width: 96, valueFormatter: (p) => (p.data ? (p.value ?? '未分配') : '') },
  ];
}
