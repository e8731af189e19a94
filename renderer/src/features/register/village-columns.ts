import type { ColDef } from 'ag-grid-community';
import type { VillageOverviewRow } from '../../../../electron/shared/api/villages';
import { countColumn, textColumn, wanYuanColumn, yuanColumn } from '../../grid/columns';
import { VillageLinkCell } from './VillageLinkCell';

/** Columns of the villages overview (村级概览). Money is fen in the data, 元/万元 on screen. */
export const villageColumns: ColDef<VillageOverviewRow>[] = [
  textColumn({ field: 'township', headerName: '乡镇', width: 130, pinned: 'left' }),
  textColumn({ field: 'village', headerName: '村', width: 140, pinned: 'left', cellRenderer: VillageLinkCell }),
  countColumn({ field: 'households', headerName: '户数' }),
  countColumn({ field: 'loans', headerName: '笔数' }),
  yuanColumn({ colId: 'balanceYuan', field: 'balanceFen', headerName: '余额(元)', width: 160 }),
  wanYuanColumn({ colId: 'balanceWanYuan', field: 'balanceFen', headerName: '余额(万元)' }),
  countColumn({ field: 'overdueLoans', headerName: '逾期笔数' }),
  yuanColumn({ field: 'overdueBalanceFen', headerName: '逾期余额(元)', width: 150 }),
  textColumn({
    field: 'managerName',
    headerName: '客户经理',
    flex: 1,
    minWidth: 110,
    valueFormatter: (p) => (p.node?.rowPinned ? '' : (p.value ?? '未分配')),
  }),
];
