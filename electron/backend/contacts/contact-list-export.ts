import { CONTACT_LIST_LABELS, PROMISE_STATUS_LABELS, REACHED_LABELS, WAY_LABELS, type FollowUpRow } from '../../shared/api/contacts';
import type { FileDownload } from '../../shared/api/register';
import type { ReadDb } from '../db/read-db';
import { logExport } from '../register/export-log';
import type { Writer } from '../rpc/handler-types';
import { listWorkbook, type ListColumn } from '../worklists/list-workbook';
import { contactWorklistAll, type ContactListQuery } from './contact-worklists';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** 今日跟进 or 违约承诺 as .xlsx, logged as an export of personal data (names, phones). */
export async function exportContactList(
  db: ReadDb,
  write: Writer,
  q: ContactListQuery,
): Promise<FileDownload & { count: number }> {
  const page = await contactWorklistAll(db, q);
  const title = CONTACT_LIST_LABELS[q.list];
  const columns: ListColumn<FollowUpRow>[] = [
    { label: '序号', width: 6, kind: 'int', value: (_r, i) => i + 1 },
    { label: '应跟进日', width: 12, kind: 'date', value: (r) => r.dueOn, total: `${page.count} 项` },
    { label: '户名', width: 10, kind: 'text', value: (r) => r.borrower },
    { label: '借据号', width: 18, kind: 'text', value: (r) => r.loanNo ?? '全户' },
    { label: '村', width: 12, kind: 'text', value: (r) => r.village },
    { label: '客户经理', width: 10, kind: 'text', value: (r) => r.manager },
    { label: '联系电话', width: 26, kind: 'text', value: (r) => r.phones },
    { label: '上次联系', width: 17, kind: 'text', value: (r) => r.contactedAt },
    { label: '方式', width: 6, kind: 'text', value: (r) => WAY_LABELS[r.way] },
    { label: '联系对象', width: 9, kind: 'text', value: (r) => REACHED_LABELS[r.reached] },
    { label: '联系结果', width: 24, kind: 'text', value: (r) => r.outcome },
    { label: '承诺日期', width: 12, kind: 'date', value: (r) => r.promiseOn },
    { label: '承诺金额(元)', width: 14, kind: 'money', value: (r) => r.promiseFen, total: page.promisedFen },
    { label: '承诺状态', width: 9, kind: 'text', value: (r) => (r.promise ? PROMISE_STATUS_LABELS[r.promise.status] : null) },
    { label: '下次跟进', width: 12, kind: 'date', value: (r) => r.followUpOn },
    { label: '余额(元)', width: 15, kind: 'money', value: (r) => r.balanceFen, total: page.balanceFen },
    { label: '本金逾期天数', width: 12, kind: 'int', value: (r) => r.overdueDays },
    { label: '登记人', width: 10, kind: 'text', value: (r) => r.staffName },
  ];
  const note = `截至 ${page.asOf}；还款按导入数据（截至 ${page.dataAsOf ?? '无数据'}）判断`;
  const bytes = await listWorkbook(columns, { title, note, rows: page.rows, sheetName: title });
  await logExport(write, { kind: 'contact-list-xlsx', scope: title, idsMasked: true, rows: page.count });
  return { fileName: `${title}-${page.asOf}.xlsx`, mimeType: XLSX_MIME, contentBase64: Buffer.from(bytes).toString('base64'), count: page.count };
}
