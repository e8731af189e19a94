import type { PrintOutcome } from '../../shared/api/register';
import { formatLocalDateTime } from '../../shared/local-time';
import type { Caller } from '../auth/caller';
import { deliverPdf } from '../print/deliver-pdf';
import { recordPrint } from '../print/printed-document';
import type { HandlerApp, Writer } from '../rpc/handler-types';
import { managerReport, monthEndPack } from './pack-figures';
import { packHtml, packTitle } from './pack-html';
import { packWorkbook } from './pack-workbook';
import { reportHtml, reportTitle } from './report-html';

type App = Pick<HandlerApp, 'db' | 'pdf' | 'viewDocument'>;

/** The pack as PDF (recorded with its figures; a render that fails records nothing) or .xlsx. */
export async function printPack(app: App, write: Writer, user: Caller, month: string, format: 'pdf' | 'xlsx', deliver: 'file' | 'preview', signal: AbortSignal): Promise<PrintOutcome> {
  const pack = await monthEndPack(app.db, month);
  signal.throwIfAborted();
  if (format === 'xlsx') return { kind: 'file', file: await packWorkbook(pack) };
  const { html, options } = packHtml(pack, user.displayName, formatLocalDateTime(Date.now()));
  const pdf = await app.pdf().renderPdf(html, options, signal);
  const title = packTitle(month);
  await write((w) => recordPrint(w, { kind: 'month-end-pack', docNo: null, title, figures: pack, pdf }));
  return deliverPdf(app, pdf, `${title}.pdf`, deliver);
}

export async function printManagerReport(app: App, write: Writer, user: Caller, month: string, managerId: string, deliver: 'file' | 'preview', signal: AbortSignal): Promise<PrintOutcome> {
  const report = await managerReport(app.db, month, managerId);
  signal.throwIfAborted();
  const { html, options } = reportHtml(report, user.displayName, formatLocalDateTime(Date.now()));
  const pdf = await app.pdf().renderPdf(html, options, signal);
  const title = reportTitle(report);
  await write((w) => recordPrint(w, { kind: 'manager-month-report', docNo: null, title, figures: report, pdf }));
  return deliverPdf(app, pdf, `${title}.pdf`, deliver);
}
