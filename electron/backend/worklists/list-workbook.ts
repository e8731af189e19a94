/**
 * A list as an .xlsx workbook (SheetJS, as the register's export): a title, what it is as of,
 * one row per item under a filterable header and a 合计 row. The loan worklists and the contact
 * lists differ only in their columns.
 */
import * as XLSX from '@e965/xlsx';
import { fenToYuanNumber } from '../../shared/money';

const MONEY = '#,##0.00';

export type CellKind = 'text' | 'int' | 'money';

export interface ListColumn<R> {
  label: string;
  width: number;
  kind: CellKind;
  value: (r: R, i: number) => string | number | null;
  /** This column's cell in the 合计 row. */
  total?: string | number;
}

export interface ListSheet<R> {
  title: string;
  /** Under the title: the dates and filters the list is for. */
  note: string;
  rows: R[];
  sheetName: string;
}

export function listWorkbook<R>(columns: ReadonlyArray<ListColumn<R>>, sheet: ListSheet<R>): Uint8Array {
  const ws: XLSX.WorkSheet = {};
  const ncol = columns.length;
  const put = (r: number, c: number, v: string | number | null | undefined, kind: CellKind = 'text') => {
    if (v === null || v === undefined || v === '') return;
    const ref = XLSX.utils.encode_cell({ r, c });
    if (kind === 'text') ws[ref] = { t: 's', v: String(v) };
    else if (kind === 'money') ws[ref] = { t: 'n', v: fenToYuanNumber(Number(v)), z: MONEY };
    else ws[ref] = { t: 'n', v: Number(v) };
  };

  put(0, 0, sheet.title);
  put(1, 0, sheet.note);
  columns.forEach((c, i) => put(2, i, c.label));
  sheet.rows.forEach((row, i) => columns.forEach((c, ci) => put(3 + i, ci, c.value(row, i), c.kind)));
  const r = 3 + sheet.rows.length;
  put(r, 0, '合计');
  columns.forEach((c, ci) => {
    if (ci > 0 && c.total !== undefined) put(r, ci, c.total, typeof c.total === 'number' ? c.kind : 'text');
  });

  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r, c: ncol - 1 } });
  ws['!cols'] = columns.map((c) => ({ wch: c.width }));
  ws['!rows'] = [{ hpt: 24 }];
  ws['!merges'] = [
    { s: { r: 0, c: 0 }, e: { r: 0, c: ncol - 1 } },
    { s: { r: 1, c: 0 }, e: { r: 1, c: ncol - 1 } },
  ];
  if (sheet.rows.length > 0) ws['!autofilter'] = { ref: XLSX.utils.encode_range({ s: { r: 2, c: 0 }, e: { r: r - 1, c: ncol - 1 } }) };

  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, sheet.sheetName);
  const out = XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer;
  return new Uint8Array(out);
}
