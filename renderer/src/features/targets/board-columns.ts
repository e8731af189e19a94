import type { ColDef, ColGroupDef, ValueFormatterParams } from 'ag-grid-community';
import type { BoardRow } from '../../../../electron/shared/api/targets';
import { formatYuan } from '../../../../electron/shared/money';
import { countColumn, textColumn } from '../../grid/columns';

const percent = (p: ValueFormatterParams<BoardRow>) => (typeof p.value === 'number' ? `${(p.value * 100).toFixed(1)}%` : '—');
const money = (p: ValueFormatterParams<BoardRow>) => (typeof p.value === 'number' ? formatYuan(p.value) : '—');
const dashCount = (p: ValueFormatterParams<BoardRow>) => (typeof p.value === 'number' ? String(p.value) : '—');
const group = (headerName: string, children: ColDef<BoardRow>[]): ColGroupDef<BoardRow> => ({ headerName, children });
const num = { type: 'rightAligned', filter: false, width: 110 } as const;

/** The ranking board: rank, then target, result and rate of each of the three, then the score. */
export const boardColumns: Array<ColDef<BoardRow> | ColGroupDef<BoardRow>> = [
  countColumn({ field: 'rank', headerName: '名次', width: 90, pinned: 'left', sort: 'asc', filter: false, valueFormatter: (p) => (p.node?.rowPinned ? '' : String(p.value ?? '')) }),
  textColumn({ field: 'name', headerName: '客户经理', width: 110, pinned: 'left', valueFormatter: (p) => `${p.value ?? ''}${p.data && !p.data.active ? '（停用）' : ''}` }),
  group('收回逾期本金（元）', [
    { ...num, colId: 'tRecovered', headerName: '目标', valueGetter: (p) => p.data?.targets.recoveredPrincipalFen ?? null, valueFormatter: money, width: 120 },
    { ...num, colId: 'rRecovered', headerName: '实际', valueGetter: (p) => p.data?.results.recoveredPrincipalFen, valueFormatter: money, width: 120 },
    { ...num, colId: 'pRecovered', headerName: '完成率', valueGetter: (p) => p.data?.rates.recoveredPrincipal ?? null, valueFormatter: percent, width: 90 },
  ]),
  group('清收逾期贷款（笔）', [
    { ...num, colId: 'tCleared', headerName: '目标', valueGetter: (p) => p.data?.targets.clearedLoans ?? null, valueFormatter: dashCount, width: 80 },
    { ...num, colId: 'rCleared', headerName: '实际', valueGetter: (p) => p.data?.results.clearedLoans, width: 80 },
    { ...num, colId: 'pCleared', headerName: '完成率', valueGetter: (p) => p.data?.rates.clearedLoans ?? null, valueFormatter: percent, width: 90 },
  ]),
  group('联系次数', [
    { ...num, colId: 'tContacts', headerName: '目标', valueGetter: (p) => p.data?.targets.contacts ?? null, valueFormatter: dashCount, width: 80 },
    { ...num, colId: 'rContacts', headerName: '实际', valueGetter: (p) => p.data?.results.contacts, width: 80 },
    { ...num, colId: 'pContacts', headerName: '完成率', valueGetter: (p) => p.data?.rates.contacts ?? null, valueFormatter: percent, width: 90 },
  ]),
  { ...num, colId: 'score', headerName: '综合得分', valueGetter: (p) => p.data?.score ?? null, valueFormatter: percent, flex: 1, minWidth: 100 },
];
