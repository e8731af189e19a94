/**
 * A worklist as an .xlsx workbook (SheetJS, as the register's export): a title, what it is as of,
 * one row per loan and a 合计 row.
 */
import * as XLSX from '@e965/xlsx';
import type { WorklistRow, WorklistSums } from '../../shared/api/worklists';
import { fenToYuanNumber } from '../../shared/money';

const MONEY = '#,##0.00';

type Kind = 'text' | 'int' | 'money';
const COLUMNS: Array<{ label: string; width: number; kind: Kind; value: (r: WorklistRow, i: number) => string | number | null }> = [
  { label: '序号', width: 6, kind: 'int', value: (_r, i) => i + 1 },
  { label: '借据号', width: 18, kind: 'text', value: (r) => r.loanNo },
  { label: '户名', width: 10, kind: 'text', value: (r) => r.borrower },
  { label: '联系电话', width: 26, kind: 'text', value: (r) => r.phones },
  { label: '乡镇', width: 10, kind: 'text', value: (r) => r.township },
  { label: '村', width: 12, kind: 'text', value: (r) => r.village },
  { label: '客户经理', width: 10, kind: 'text', value: (r) => r.manager },
  { label: '到期日', width: 12, kind: 'text', value: (r) => r.maturityOn },
  { label: '余额(元)', width: 15, kind: 'money', value: (r) => r.balanceFen },
  { label: '本金逾期天数', width: 12, kind: 'int', value: (r) => r.overdueDays },
  { label: '欠息天数', width: 9, kind: 'int', value: (r) => r.interestOverdueDays },
  { label: '欠息(元)', width: 12, kind: 'money', value: (r) => r.interestOwedFen },
  { label: '五级分类', width: 9, kind: 'text', value: (r) => r.riskClass },
];
const COL = Object.fromEntries(COLUMNS.map((c, i) => [c.label, i])) as Record<string, number>;

export interface WorklistSheet {
  title: string;
  /** Under the title: the dates and filters the list is for. */
  note: string;
  rows: WorklistRow[];
  sums: WorklistSums;
}

export function worklistWorkbook(sheet: WorklistSheet): Uint8Array {
  const ws: XLSX.WorkSheet = {};
  const ncol = COLUMNS.length;
  const put = (r: number, c: number, v: string | number | null, kind: Kind = 'text') => {
    if (v === null || v === '') return;
    const ref = XLSX.utils.encode_cell({ r, c });
    if (kind === 'text') ws[ref] = { t: 's', v: String(v) };
    else if (kind === 'money') ws[ref] = { t: 'n', v: fenToYuanNumber(Number(v)), z: MONEY };
    else ws[ref] = { t: 'n', v: Number(v) };
  };

  put(0, 0, sheet.title);
  put(1, 0, sheet.note);
  COLUMNS.forEach((c, i) => put(2, i, c.label));
  sheet.rows.forEach((row, i) => COLUMNS.forEach((c, ci) => put(3 + i, ci, c.value(row, i), c.kind)));
  const r = 3 + sheet.rows.length;
  put(r, 0, '合计');
  put(r, COL['借据号'], `${sheet.sums.count} 笔`);
  put(r, COL['余额(元)'], sheet.sums.balanceFen, 'money');
  put(r, COL['欠息(元)'], sheet.sums.interestOwedFen, 'money');

  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r, c: ncol - 1 } });
  ws['!cols'] = COLUMNS.map((c) => ({ wch: c.width }));
  ws['!rows'] = [{ hpt: 24 }];
  ws['!merges'] = [
    { s: { r: 0, c: 0 }, e: { r: 0, c: ncol - 1 } },
    { s: { r: 1, c: 0 }, e: { r: 1, c: ncol - 1 } },
  ];
  if (sheet.rows.length > 0) ws['!autofilter'] = { ref: XLSX.utils.encode_range({ s: { r: 2, c: 0 }, e: { r: r - 1, c: ncol - 1 } }) };

  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '工作清单');
  const out = XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer;
  return new Uint8Array(out);
}
