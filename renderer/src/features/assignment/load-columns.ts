import type { ColDef } from 'ag-grid-community';
import type { LoadRow } from '../../../../electron/shared/api/assignment';
import { countColumn, textColumn, wanYuanColumn } from '../../grid/columns';

/** 客户经理工作量: one row per manager, 合计 pinned below. Money in 万元, as summaries show it. */
export const loadColumns: ColDef<LoadRow>[] = [
  textColumn({
    field: 'name',
    headerName: '客户经理',
    width: 130,
    pinned: 'left',
    valueFormatter: (p) => (p.data && !p.data.active ? `${p.value}（停用）` : String(p.value ?? '')),
  }),
  countColumn({ field: 'households', headerName: '户数' }),
  countColumn({ field: 'loans', headerName: '笔数' }),
  wanYuanColumn({ field: 'balanceFen', headerName: '余额(万元)', width: 130 }),
  wanYuanColumn({ field: 'overdueBalanceFen', headerName: '逾期余额(万元)', width: 140 }),
  wanYuanColumn({ field: 'nonPerformingBalanceFen', headerName: '不良余额(万元)', width: 140 }),
  {
    field: 'balanceShare',
    headerName: '余额占全行',
    type: 'rightAligned',
    width: 120,
    filter: false,
    valueFormatter: (p) => (typeof p.value === 'number' ? `${(p.value * 100).toFixed(1)}%` : ''),
  },
  {
    colId: 'overdueShare',
    headerName: '逾期率',
    type: 'rightAligned',
    flex: 1,
    minWidth: 100,
    filter: false,
    valueGetter: (p) => (p.data && p.data.balanceFen > 0 ? p.data.overdueBalanceFen / p.data.balanceFen : null),
    valueFormatter: (p) => (typeof p.value === 'number' ? `${(p.value * 100).toFixed(1)}%` : '—'),
  },
];
