import type { ColDef } from 'ag-grid-community';
import type { NotVisitedRow } from '../../../../electron/shared/api/village-work';
import { countColumn, textColumn, wanYuanColumn } from '../../grid/columns';

/** 半年未走访的村: never visited first, then the longest unvisited. */
export const notVisitedColumns: ColDef<NotVisitedRow>[] = [
  textColumn({ field: 'township', headerName: '乡镇', width: 110 }),
  textColumn({ field: 'village', headerName: '村', width: 130 }),
  textColumn({ field: 'manager', headerName: '客户经理', width: 110, valueFormatter: (p) => (p.value ? String(p.value) : '未分配') }),
  countColumn({ field: 'loans', headerName: '在贷笔数' }),
  wanYuanColumn({ field: 'balanceFen', headerName: '余额(万元)' }),
  textColumn({ field: 'lastVisitOn', headerName: '最近走访', width: 120, valueFormatter: (p) => (p.value ? String(p.value) : '从未走访') }),
  countColumn({ field: 'daysSince', headerName: '距今天数', flex: 1, valueFormatter: (p) => (typeof p.value === 'number' ? String(p.value) : '—') }),
];
