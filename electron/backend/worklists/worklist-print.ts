import { BUCKET_LABELS, WORKLIST_LABELS, type WorklistQuery, type WorklistSortColumn } from '../../shared/api/worklists';
import type { PrintOutcome } from '../../shared/api/register';
import { formatLocalDateTime } from '../../shared/local-time';
import { readSettings } from '../auth/settings';
import type { Caller } from '../auth/caller';
import { besideWritesSnapshot } from '../export/read-snapshot';
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
  // Rows and totals from one state of the register: a write between two reads would print rows that do not add up to the 合计.
  const { dates, sums, filters, rows, settings } = await besideWritesSnapshot(app.db)(async (db) => {
    const dates = await worklistDates(db, q.asOf);
    const sums = await worklistSums(db, q, dates);
    if (sums.count > MAX_EXPORT_ROWS) {
      throw new AppError('EXPORT_TOO_LARGE', `此清单有 ${sums.count.toLocaleString('en-US')} 笔贷款，一次最多打印 ${MAX_EXPORT_ROWS.toLocaleString('en-US')} 笔。请先按客户经理或村筛选。`, `worklist print of ${sums.count} rows refused`);
    }
    return { dates, sums, filters: await filterNames(db, q), rows: await worklistRows(db, q, sort, dates), settings: await readSettings(db) };
  });
  const title = q.bucket ? BUCKET_LABELS[q.bucket] : WORKLIST_LABELS[q.list];
  const window = q.list === 'due-soon' ? `到期日 ${dates.dueFrom} 至 ${dates.dueTo}` : null;
  const note = [`数据日期：${dates.dataAsOf ?? '无数据'}`, window, ...filters].filter(Boolean).join('  ');
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
