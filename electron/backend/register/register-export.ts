import type { Writable } from 'node:stream';
import type { FileDownload, RegisterQuery, StoredDownload } from '../../shared/api/register';
import type { Writer } from '../rpc/handler-types';
import type { ReadDb } from '../db/read-db';
import { bufferSink } from '../export/buffer-sink';
import { sameConnectionSnapshot, type ReadSnapshot } from '../export/read-snapshot';
import { keepDownload, newDownloadFile } from '../export/stored-downloads';
import { AppError } from '../rpc/app-error';
import { logExport } from './export-log';
import { exportRowsByIds, viewLoanIds, type ExportRow } from './register-export-rows';
import type { VillageRegisterData } from './village-register-data';
import { registerViewHead, type RegisterViewHead } from './village-register-query';
import { householdCells } from './village-register-data';
import { RegisterSheetWriter, type RegisterHouseholdCells } from './village-register-workbook';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/**
 * The register's export is written as a stream: its memory does not grow with the rows, so
 * only a sheet's own limit is left (Excel's 1,048,576 rows, less title, note, header and 合计).
 */
export const MAX_REGISTER_EXPORT_ROWS = 1_048_576 - 4;
/**
 * Lists still made whole in memory (a worklist's file or PDF, an SMS batch): a branch's book
 * (~10k loans) takes seconds, a county's would take a minute and gigabytes, so they are made
 * by township, village or manager beyond this.
 */
export const MAX_EXPORT_ROWS = 50_000;
/** Loans read per page: a page's rows are in memory while they are written. */
const PAGE_ROWS = 2_000;

export interface ExportOptions {
  /** Where the rows are read, in one transaction; by default the connection `db`. */
  snapshot?: ReadSnapshot;
  /** Stops the export between pages (with the signal's reason); nothing is logged then. */
  signal?: AbortSignal;
  /** Loans written so far, of the view's. */
  onProgress?: (done: number, total: number) => void;
  now?: Date;
}

type Counts = { households: number; loans: number };

/** The grid's current view as .xlsx in the answer (base64), logged as an export of personal data (PIPL). */
export async function exportView(
  db: ReadDb,
  write: Writer,
  view: RegisterQuery,
  maskIds: boolean,
  maxRows = MAX_REGISTER_EXPORT_ROWS,
  opts: ExportOptions = {},
): Promise<FileDownload & Counts> {
  const sink = bufferSink();
  const { head, totals } = await writeViewXlsx(db, view, maskIds, maxRows, sink.stream, opts);
  await logViewExport(write, head, totals, maskIds);
  return { ...fileMeta(head), contentBase64: Buffer.from(sink.bytes()).toString('base64'), households: totals.households, loans: totals.loans };
}

/**
 * The same export into a temporary file, handed over in parts (register.downloadPart) to the
 * session `owner`: no answer carries a county's whole file.
 */
export async function exportViewToFile(
  db: ReadDb,
  write: Writer,
  view: RegisterQuery,
  maskIds: boolean,
  owner: string | null,
  opts: ExportOptions = {},
): Promise<StoredDownload & Counts> {
  const out = newDownloadFile();
  try {
    const { head, totals } = await writeViewXlsx(db, view, maskIds, MAX_REGISTER_EXPORT_ROWS, out.stream, opts);
    const meta = fileMeta(head);
    const kept = await keepDownload(out.file, { ...meta, owner });
    await logViewExport(write, head, totals, maskIds);
    return { ...meta, ...kept, households: totals.households, loans: totals.loans };
  } catch (err) {
    await out.discard();
    throw err;
  }
}

function fileMeta(head: RegisterViewHead): { fileName: string; mimeType: string } {
  return { fileName: `${head.village}贷款清册.xlsx`, mimeType: XLSX_MIME };
}

async function logViewExport(write: Writer, head: RegisterViewHead, totals: Counts, maskIds: boolean): Promise<void> {
  const scope = `${head.township}${head.village}${head.viewNote ? `（${head.viewNote}）` : ''}`;
  await logExport(write, { kind: 'register-xlsx', scope, idsMasked: maskIds, rows: totals.loans });
}

/**
 * Writes the view's sheet to `out`, its rows read a page at a time in one read transaction
 * (one consistent view of the book however long the file takes), in the grid's order.
 */
async function writeViewXlsx(
  db: ReadDb,
  view: RegisterQuery,
  maskIds: boolean,
  maxRows: number,
  out: Writable,
  opts: ExportOptions,
): Promise<{ head: RegisterViewHead; totals: VillageRegisterData['totals'] }> {
  const snapshot = opts.snapshot ?? sameConnectionSnapshot(db);
  // A file that cannot be written (a full disk) ends the export instead of leaving it waiting.
  const failed = new Promise<never>((_resolve, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  return snapshot(async (trx) => {
    const ids = await viewLoanIds(trx, view);
    if (ids.length > maxRows) {
      throw new AppError(
        'EXPORT_TOO_LARGE',
        `当前视图有 ${ids.length.toLocaleString('en-US')} 笔贷款，一次最多导出 ${maxRows.toLocaleString('en-US')} 笔。请先按乡镇、村或客户经理筛选后再导出。`,
        `export of ${ids.length} rows refused (limit ${maxRows})`,
      );
    }
    const head = await registerViewHead(trx, view, maskIds, opts.now);
    const sheet = new RegisterSheetWriter(out, head);
    const totals = new RunningTotals();
    let seq = 0;
    let current: { id: string; cells: RegisterHouseholdCells } | null = null;
    const pageAt = (from: number) => {
      if (from >= ids.length) return null;
      const page = exportRowsByIds(trx, ids.slice(from, from + PAGE_ROWS));
      page.catch(() => undefined); // a page read ahead of an export that stops is not waited for
      return page;
    };
    // The next pages are read (on SQLite's thread) while this one is written (on this one).
    const ahead = [pageAt(0), pageAt(PAGE_ROWS)];
    for (let from = 0; ahead[0]; from += PAGE_ROWS) {
      const rows = await ahead.shift()!;
      opts.signal?.throwIfAborted();
      ahead.push(pageAt(from + 2 * PAGE_ROWS));
      for (const row of rows) {
        if (!current || current.id !== row.borrowerId) {
          seq++;
          current = { id: row.borrowerId, cells: householdCells(row, maskIds) };
        }
        sheet.addLoan(seq, current.cells, row);
        totals.add(row);
      }
      opts.onProgress?.(from + rows.length, ids.length);
      // The zip takes up what the page wrote before the next page adds more.
      await sheet.caughtUp();
    }
    opts.signal?.throwIfAborted();
    await Promise.race([sheet.finish(totals.result()), failed]);
    return { head, totals: totals.result() };
  });
}


/** The 合计 row's figures, summed as the rows go by (unknown amounts count as 0, as in the grid's footer). */
class RunningTotals {
  private readonly households = new Set<string>();
  private loans = 0;
  private balanceFen = 0;
  private contractAmountFen = 0;
  private interestOwedFen = 0;
  private overdueLoans = 0;
  private overdueBalanceFen = 0;

  add(row: ExportRow): void {
    this.households.add(row.borrowerId);
    this.loans++;
    this.balanceFen += row.balanceFen;
    this.contractAmountFen += row.contractAmountFen ?? 0;
    this.interestOwedFen += row.interestOwedFen ?? 0;
    if (row.principalOverdueDays > 0) {
      this.overdueLoans++;
      this.overdueBalanceFen += row.balanceFen;
    }
  }

  result(): VillageRegisterData['totals'] {
    return {
      households: this.households.size,
      loans: this.loans,
      balanceFen: this.balanceFen,
      contractAmountFen: this.contractAmountFen,
      interestOwedFen: this.interestOwedFen,
      overdueLoans: this.overdueLoans,
      overdueBalanceFen: this.overdueBalanceFen,
    };
  }
}
