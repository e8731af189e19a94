/** A loan worklist as .xlsx: one row per loan, the list's count and sums in the 合计 row. */
import type { WorklistRow, WorklistSums } from '../../shared/api/worklists';
import { listWorkbook, type ListColumn } from './list-workbook';

export interface WorklistSheet {
  title: string;
  /** Under the title: the dates and filters the list is for. */
  note: string;
  rows: WorklistRow[];
  sums: WorklistSums;
}

export function worklistWorkbook(sheet: WorklistSheet): Promise<Uint8Array> {
  const columns: ListColumn<WorklistRow>[] = [
    { label: '序号', width: 6, kind: 'int', value: (_r, i) => i + 1 },
    { label: '借据号', width: 18, kind: 'text', value: (r) => r.loanNo, total: `${sheet.sums.count} 笔` },
    { label: '户名', width: 10, kind: 'text', value: (r) => r.borrower },
    { label: '联系电话', width: 26, kind: 'text', value: (r) => r.phones },
    { label: '乡镇', width: 10, kind: 'text', value: (r) => r.township },
    { label: '村', width: 12, kind: 'text', value: (r) => r.village },
    { label: '客户经理', width: 10, kind: 'text', value: (r) => r.manager },
    { label: '到期日', width: 12, kind: 'date', value: (r) => r.maturityOn },
    { label: '余额(元)', width: 15, kind: 'money', value: (r) => r.balanceFen, total: sheet.sums.balanceFen },
    { label: '本金逾期天数', width: 12, kind: 'int', value: (r) => r.overdueDays },
    { label: '欠息天数', width: 9, kind: 'int', value: (r) => r.interestOverdueDays },
    { label: '欠息(元)', width: 12, kind: 'money', value: (r) => r.interestOwedFen, total: sheet.sums.interestOwedFen },
    { label: '五级分类', width: 9, kind: 'text', value: (r) => r.riskClass },
  ];
  return listWorkbook(columns, { title: sheet.title, note: sheet.note, rows: sheet.rows, sheetName: '工作清单' });
}
