import type { ColDef } from 'ag-grid-community';
import { VERDICT_LABELS, type NplRow } from '../../../../electron/shared/api/recoverability';
import { countColumn, textColumn, yuanColumn } from '../../grid/columns';

export const nplColumns: ColDef<NplRow>[] = [
  textColumn({ field: 'loanNo', headerName: '借据号', width: 150, pinned: 'left' }),
  textColumn({ field: 'borrower', headerName: '户名', width: 100 }),
  textColumn({ field: 'village', headerName: '村', width: 110 }),
  textColumn({ field: 'manager', headerName: '客户经理', width: 100, valueFormatter: (p) => (p.value ? String(p.value) : '未分配') }),
  textColumn({ field: 'riskClass', headerName: '五级分类', width: 90 }),
  yuanColumn({ field: 'balanceFen', headerName: '余额(元)', width: 130 }),
  countColumn({ field: 'overdueDays', headerName: '逾期天数', width: 100 }),
  textColumn({
    field: 'verdict',
    headerName: '可回收性',
    width: 150,
    valueGetter: (p) => (p.data?.verdict ? VERDICT_LABELS[p.data.verdict] : '未评估'),
  }),
  textColumn({ field: 'reason', headerName: '理由', width: 220 }),
  textColumn({ field: 'assessedOn', headerName: '评估日期', width: 110 }),
  textColumn({ field: 'assessedBy', headerName: '评估人', width: 100, flex: 1 }),
];
