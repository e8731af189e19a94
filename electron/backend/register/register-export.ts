import type { FileDownload, RegisterQuery } from '../../shared/api/register';
import type { Writer } from '../rpc/handler-types';
import type { ReadDb } from '../db/read-db';
import { AppError } from '../rpc/app-error';
import { logExport } from './export-log';
import { viewTotals } from './loan-query';
import { registerViewData } from './village-register-query';
import { villageRegisterWorkbook } from './village-register-workbook';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/**
 * A branch's whole book (~10k loans) exports in a few seconds. A county's (200k) would take
 * ~40 s and 2 GB in the app's main process, so it is exported by township or village.
 */
export const MAX_EXPORT_ROWS = 50_000;

/** The grid's current view as .xlsx, logged as an export of personal data (PIPL). */
export async function exportView(
  db: ReadDb,
  write: Writer,
  view: RegisterQuery,
  maskIds: boolean,
  maxRows = MAX_EXPORT_ROWS,
): Promise<FileDownload & { households: number; loans: number }> {
  const { loans } = await viewTotals(db, view);
  if (loans > maxRows) {
    throw new AppError(
      'EXPORT_TOO_LARGE',
      `当前视图有 ${loans.toLocaleString('en-US')} 笔贷款，一次最多导出 ${maxRows.toLocaleString('en-US')} 笔。请先按乡镇、村或客户经理筛选后再导出。`,
      `export of ${loans} rows refused (limit ${maxRows})`,
    );
  }
  const data = await registerViewData(db, view, maskIds);
  const bytes = villageRegisterWorkbook(data);
  const scope = `${data.township}${data.village}${data.viewNote ? `（${data.viewNote}）` : ''}`;
  await logExport(write, { kind: 'register-xlsx', scope, idsMasked: maskIds, rows: data.totals.loans });
  return {
    fileName: `${data.village}贷款清册.xlsx`,
    mimeType: XLSX_MIME,
    contentBase64: Buffer.from(bytes).toString('base64'),
    households: data.totals.households,
    loans: data.totals.loans,
  };
}
