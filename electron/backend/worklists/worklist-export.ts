import { BUCKET_LABELS, WORKLIST_LABELS, type WorklistQuery, type WorklistSortColumn } from '../../shared/api/worklists';
import type { FileDownload } from '../../shared/api/register';
import type { ReadDb } from '../db/read-db';
import { logExport } from '../register/export-log';
import { MAX_EXPORT_ROWS } from '../register/register-export';
import { AppError } from '../rpc/app-error';
import type { Writer } from '../rpc/handler-types';
import { worklistWorkbook } from './worklist-workbook';
import { worklistDates, worklistRows, worklistSums } from './worklist-query';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The manager and village a query is filtered by, by name; an id that is not there is an error. */
export async function filterNames(db: ReadDb, q: WorklistQuery): Promise<string[]> {
  const names: string[] = [];
  if (q.managerId === null) names.push('客户经理：未分配');
  else if (q.managerId !== undefined) {
    const staff = await db.selectFrom('staff').select('display_name').where('id', '=', q.managerId).executeTakeFirst();
    if (!staff) throw new AppError('NOT_FOUND', '找不到该客户经理，请刷新后重试。', `staff ${q.managerId} not found`);
    names.push(`客户经理：${staff.display_name}`);
  }
  if (q.villageId !== undefined) {
    const village = await db.selectFrom('villages').select(['township', 'name']).where('id', '=', q.villageId).executeTakeFirst();
    if (!village) throw new AppError('NOT_FOUND', '找不到该村，可能已被合并或删除。', `village ${q.villageId} not found`);
    names.push(`村：${village.township}${village.name}`);
  }
  return names;
}

/** A whole worklist as .xlsx, logged as an export of personal data (names, phones). */
export async function exportWorklist(
  db: ReadDb,
  write: Writer,
  q: WorklistQuery,
  sort: Array<{ colId: WorklistSortColumn; sort: 'asc' | 'desc' }>,
): Promise<FileDownload & { count: number }> {
  const dates = await worklistDates(db, q.asOf);
  const sums = await worklistSums(db, q, dates);
  if (sums.count > MAX_EXPORT_ROWS) {
    throw new AppError(
      'EXPORT_TOO_LARGE',
      `此清单有 ${sums.count.toLocaleString('en-US')} 笔贷款，一次最多导出 ${MAX_EXPORT_ROWS.toLocaleString('en-US')} 笔。请先按客户经理或村筛选后再导出。`,
      `worklist export of ${sums.count} rows refused (limit ${MAX_EXPORT_ROWS})`,
    );
  }
  const filters = await filterNames(db, q);
  const rows = await worklistRows(db, q, sort, dates);
  const title = q.bucket ? BUCKET_LABELS[q.bucket] : WORKLIST_LABELS[q.list];
  const window = q.list === 'due-soon' ? `到期日 ${dates.dueFrom} 至 ${dates.dueTo}` : null;
  const note = [`数据日期：${dates.dataAsOf ?? '无数据'}`, window, ...filters].filter(Boolean).join('   ');
  const bytes = await worklistWorkbook({ title, note, rows, sums });
  await logExport(write, { kind: 'worklist-xlsx', scope: [title, ...filters].join(' '), idsMasked: true, rows: rows.length });
  return { fileName: `${title}-${dates.asOf}.xlsx`, mimeType: XLSX_MIME, contentBase64: Buffer.from(bytes).toString('base64'), count: rows.length };
}
