/**
 * A plain table as an .xlsx workbook (SheetJS, as the worklists' export): a title row, a note row
 * (what it is as of), a header, the rows and optional closing rows (合计, definitions).
 */
import type * as SheetJs from '@e965/xlsx';
import { fenToYuanNumber } from '../../shared/money';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export type CellKind = 'text' | 'int' | 'money' | 'percent';
export type Cell = string | number | null;

export interface TableColumn {
  label: string;
  width: number;
  kind: CellKind;
}

export interface TableSheet {
  sheetName: string;
  title: string;
  note: string;
  columns: readonly TableColumn[];
  rows: ReadonlyArray<readonly Cell[]>;
  /** Rows after the table (合计), typed as the columns are. */
  footRows?: ReadonlyArray<readonly Cell[]>;
  /** Lines of text below everything (definitions). */
  notes?: readonly string[];
}

/** One table as a worksheet (a workbook may hold several: the month-end pack). */
export function tableWorksheet(XLSX: typeof SheetJs, sheet: TableSheet): SheetJs.WorkSheet {
  const ws: SheetJs.WorkSheet = {};
  const ncol = sheet.columns.length;
  const put = (r: number, c: number, v: Cell, kind: CellKind = 'text') => {
    if (v === null || v === '') return;
    const ref = XLSX.utils.encode_cell({ r, c });
    if (typeof v === 'string' || kind === 'text') ws[ref] = { t: 's', v: String(v) };
    else if (kind === 'money') ws[ref] = { t: 'n', v: fenToYuanNumber(v), z: '#,##0.00' };
    else if (kind === 'percent') ws[ref] = { t: 'n', v, z: '0.0%' };
    else ws[ref] = { t: 'n', v };
  };
  put(0, 0, sheet.title);
  put(1, 0, sheet.note);
  sheet.columns.forEach((c, i) => put(2, i, c.label));
  let r = 3;
  for (const row of [...sheet.rows, ...(sheet.footRows ?? [])]) {
    row.forEach((v, ci) => put(r, ci, v, sheet.columns[ci]?.kind));
    r++;
  }
  for (const line of sheet.notes ?? []) put(r++, 0, line);
  ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(r - 1, 2), c: ncol - 1 } });
  ws['!cols'] = sheet.columns.map((c) => ({ wch: c.width }));
  ws['!merges'] = [
    { s: { r: 0, c: 0 }, e: { r: 0, c: ncol - 1 } },
    { s: { r: 1, c: 0 }, e: { r: 1, c: ncol - 1 } },
  ];
  return ws;
}

/** SheetJS is loaded here, at the first workbook: not by every start of the app or the CLI. */
export async function tableWorkbook(...sheets: TableSheet[]): Promise<Uint8Array> {
  const XLSX = await import('@e965/xlsx');
  const wb = XLSX.utils.book_new();
  for (const sheet of sheets) XLSX.utils.book_append_sheet(wb, tableWorksheet(XLSX, sheet), sheet.sheetName);
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
}
