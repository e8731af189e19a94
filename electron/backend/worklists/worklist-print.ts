import { BUCKET_LABELS, WORKLIST_LABELS, type WorklistQuery, type WorklistSortColumn } from '../../shared/api/worklists';
import type { PrintOutcome } from '../../shared/api/register';
import { formatLocalDateTime } from '../../shared/local-time';
import { readSettings } from '../auth/settings';
import type { Caller } from '../auth/caller';
import { deliverPdf } from '../print/deliver-pdf';
import { recordPrint } from '../print/printed-document';
import { logExport } from '../register/export-log';
import { MAX_EXPORT_ROWS } from '../register/register-export';
import { AppError } from '../rpc/app-error';
import type { HandlerApp, Writer } from '../rpc/handler-types';
import { filterNames } from './worklist-export';
import { worklistPrintHtml } from './worklist-print-html';
import { worklistDates, worklistRows, worklistSums } from './worklist-query';

/**
 * A worklist printed as shown (filters and sort), recorded as a paper (printed_documents: the
 * count and sums as printed, the PDF's hash, who, when) and as an export of personal data.
 */
export async function printWorklist(
  app: HandlerApp,
  write: Writer,
  user: Caller,
  q: WorklistQuery,
  sort: Array<{ colId: WorklistSortColumn; sort: 'asc' | 'desc' }>,
  deliver: 'file' | 'preview',
  signal: AbortSignal,
): Promise<PrintOutcome & { count: number }> {
  const dates = await worklistDates(app.db, q.asOf);
  const sums = await worklistSums(app.db, q, dates);
  if (sums.count > MAX_EXPORT_ROWS) {
    throw new AppError('EXPORT_TOO_LARGE', `此清单有 ${sums.count.toLocaleString('en-US')} 笔贷款，一次最多打印 ${MAX_EXPORT_ROWS.toLocaleString('en-US')} 笔。请先按客户经理或村筛选。`, `worklist print of ${sums.count} rows refused`);
  }
  const filters = await filterNames(app.db, q);
  const rows = await worklistRows(app.db, q, sort, dates);
  const title = q.bucket ? BUCKET_LABELS[q.bucket] : WORKLIST_LABELS[q.list];
  const window = q.list === 'due-soon' ? `到期日 ${dates.dueFrom} 至 ${dates.dueTo}` : null;
  const note = [`数据日期：${dates.dataAsOf ?? '无数据'}`, window, ...filters].filter(Boolean).join('  ');
  const settings = await readSettings(app.db);
  const { html, options } = worklistPrintHtml({
    branchName: settings.branch_name ?? '',
    title,
    note,
    printedBy: user.displayName,
    printedAt: formatLocalDateTime(new Date()),
    rows,
    sums,
  });
  signal.throwIfAborted();
  const pdf = await app.pdf().renderPdf(html, options, signal);
  await write(async (w) => {
    await recordPrint(w, { kind: 'worklist', docNo: null, title: [title, ...filters].join(' '), figures: { asOf: dates.asOf, dataAsOf: dates.dataAsOf, ...sums }, pdf });
  });
  await logExport(write, { kind: 'worklist-pdf', scope: [title, ...filters].join(' '), idsMasked: true, rows: rows.length });
  return { ...(await deliverPdf(app, pdf, `${title}-${dates.asOf}.pdf`, deliver)), count: rows.length };
}
