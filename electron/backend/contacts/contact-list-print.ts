import { CONTACT_LIST_LABELS, REACHED_LABELS, WAY_LABELS, type FollowUpRow } from '../../shared/api/contacts';
import type { PrintOutcome } from '../../shared/api/register';
import { formatLocalDateTime } from '../../shared/local-time';
import { formatYuan } from '../../shared/money';
import type { Caller } from '../auth/caller';
import { readSettings } from '../auth/settings';
import { deliverPdf } from '../print/deliver-pdf';
import { listPrintHtml, type PrintColumn } from '../print/list-print-html';
import { recordPrint } from '../print/printed-document';
import { logExport } from '../register/export-log';
import type { HandlerApp, Writer } from '../rpc/handler-types';
import { contactWorklistAll, type ContactListQuery } from './contact-worklists';
import { promiseWords } from '../../shared/promise-words';

/** 今日跟进 or 违约承诺 on paper, recorded as a printed document (count and promised sum as printed) and as an export of personal data. */
export async function printContactList(
  app: HandlerApp,
  write: Writer,
  user: Caller,
  q: ContactListQuery,
  deliver: 'file' | 'preview',
  signal: AbortSignal,
): Promise<PrintOutcome & { count: number }> {
  const page = await contactWorklistAll(app.db, q);
  const title = CONTACT_LIST_LABELS[q.list];
  const balance = page.balanceFen;
  const columns: PrintColumn<FollowUpRow>[] = [
    { label: '序号', kind: 'num', value: (_r, i) => i + 1 },
    { label: '应跟进日', kind: 'mono', value: (r) => r.dueOn, total: `${page.count} 项` },
    { label: '户名', value: (r) => r.borrower },
    { label: '借据号', kind: 'mono', value: (r) => r.loanNo ?? '全户' },
    { label: '村', value: (r) => r.village },
    { label: '客户经理', value: (r) => r.manager ?? '未分配' },
    { label: '电话', kind: 'mono', value: (r) => r.phones },
    { label: '上次联系', kind: 'mono', value: (r) => `${r.contactedAt} ${WAY_LABELS[r.way]}·${REACHED_LABELS[r.reached]}` },
    { label: '联系结果', value: (r) => r.outcome },
    { label: '还款承诺', value: (r) => promiseWords(r), total: `承诺合计 ${formatYuan(page.promisedFen)} 元` },
    { label: '余额(元)', kind: 'num', value: (r) => formatYuan(r.balanceFen), total: formatYuan(balance) },
    { label: '逾期天数', kind: 'num', value: (r) => (r.overdueDays > 0 ? r.overdueDays : '') },
  ];
  const settings = await readSettings(app.db);
  const { html, options } = listPrintHtml(columns, {
    branchName: settings.branch_name ?? '',
    title,
    note: `截至 ${page.asOf}；还款按导入数据（截至 ${page.dataAsOf ?? '无数据'}）判断`,
    printedBy: user.displayName,
    printedAt: formatLocalDateTime(new Date()),
    rows: page.rows,
  });
  signal.throwIfAborted();
  const pdf = await app.pdf().renderPdf(html, options, signal);
  await write(async (w) => {
    await recordPrint(w, { kind: 'contact-list', docNo: null, title, figures: { asOf: page.asOf, count: page.count, promisedFen: page.promisedFen, balanceFen: balance }, pdf });
  });
  await logExport(write, { kind: 'contact-list-pdf', scope: title, idsMasked: true, rows: page.count });
  return { ...(await deliverPdf(app, pdf, `${title}-${page.asOf}.pdf`, deliver)), count: page.count };
}
