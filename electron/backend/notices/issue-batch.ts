import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { NoticeBatchRequest, NoticeIssueOutcome, NoticeProgress } from '../../shared/api/notices';
import type { NoticeFigures, NoticeKind } from '../../shared/notices';
import type { Caller } from '../auth/caller';
import type { WriteContext } from '../changelog/write-context';
import { readSettings } from '../auth/settings';
import type { Row } from '../db/schema';
import { registerDataAsOf } from '../import/data-as-of';
import { log } from '../log';
import { deliverPdf } from '../print/deliver-pdf';
import { AppError } from '../rpc/app-error';
import type { SignedInWritingContext } from '../rpc/handler-types';
import { batchDocument } from './batch-document';
import { planNotices, readScopeLoans, type PlannedNotice } from './candidates';
import { noticeFigures } from './figures';
import { checkIssueDate } from './issue-date';
import { nextSeq, noticeNumber, scanCode } from './numbering';
import { scopeLabel } from './scope-label';
import { thisProcess, voidStalePrints } from './stale-prints';
import { voidBatch } from './void-batch';

export type IssueRequest = NoticeBatchRequest & { deliver: 'file' | 'preview' };

/** The numbered notices of a batch as stored, in print order. */
interface NumberedBatch {
  batch: Row<'notice_batches'>;
  figures: NoticeFigures[];
}

/**
 * Issues a batch in three steps, each with its own write transaction:
 * 1. numbers: the scope read and every notice stored with its number and figures as 打印中, in
 *    one transaction (numbers per kind and year, max + 1: concurrent batches queue at the write lock);
 * 2. the PDF rendered, kept in the data folder (notices/<year>/<batch id>.pdf) with its SHA-256;
 * 3. the batch marked printed and its notices 已发出.
 * A failed or cancelled render voids the batch (its notices 已作废 with the reason): a number is
 * never reused and never missing from the register. A process killed between 1 and 3 leaves
 * 打印中 rows that the next issue voids (stale-prints.ts).
 */
export async function issueBatch(request: IssueRequest, ctx: SignedInWritingContext): Promise<NoticeIssueOutcome> {
  const { app, user, write, signal } = ctx;
  const issuedOn = checkIssueDate(request.asOf, await registerDataAsOf(app.db));
  const progress = (p: NoticeProgress) => ctx.emit('notices.progress', p);
  signal.throwIfAborted();

  const numbered = await write((w) => numberBatch(w, user, request, issuedOn));
  const total = numbered.figures.length;
  progress({ stage: 'numbering', done: total, total });

  let pdf: Uint8Array;
  let pdfPath: string;
  try {
    signal.throwIfAborted();
    const { html, options } = await batchDocument(app.db, request.kind, numbered.figures);
    // One render: Chromium reports no progress within it, and rendering in parts and merging them costs far more than it shows.
    progress({ stage: 'rendering', done: 0, total });
    pdf = await app.pdf().renderPdf(html, options, signal);
    progress({ stage: 'saving', done: total, total });
    pdfPath = await keepPdf(app.dbPath, numbered.batch, pdf);
  } catch (err) {
    const reason = signal.aborted ? '打印已取消' : `打印失败：${err instanceof AppError ? err.userMessage : '生成 PDF 出错'}`;
    await write((w) => voidBatch(w, numbered.batch.id, reason)).catch((voidErr) => log.error(`could not void notice batch ${numbered.batch.id}`, voidErr));
    throw err;
  }

  const sha256 = createHash('sha256').update(pdf).digest('hex');
  await write(async (w) => {
    await w.updateById('notice_batches', numbered.batch.id, { status: 'printed', printing_process: '', pdf_path: pdfPath, sha256 });
    const printing = await w.trx.selectFrom('notices').selectAll().where('batch_id', '=', numbered.batch.id).where('status', '=', 'printing').execute();
    await w.updateMany(
      'notices',
      printing.map((before) => ({ before, patch: { status: 'issued' as const } })),
    );
  });

  const mainKind = numbered.figures.filter((f) => f.kind === request.kind);
  const fileName = `${numbered.batch.first_no ?? '通知书'}等${total}份.pdf`;
  return {
    batchId: numbered.batch.id,
    issued: total,
    numbers: mainKind.length > 0 ? [mainKind[0].noticeNo, mainKind[mainKind.length - 1].noticeNo] : null,
    pdfPath,
    sha256,
    print: await deliverPdf(app, pdf, fileName, request.deliver),
  };
}

async function numberBatch(w: WriteContext, user: Caller, request: IssueRequest, issuedOn: string): Promise<NumberedBatch> {
  await voidStalePrints(w);
  const { loans, missing } = await readScopeLoans(w.trx, user, request.scope);
  const { notices } = planNotices(request, loans, missing, issuedOn);
  if (notices.length === 0) {
    throw new AppError('NOTHING_TO_ISSUE', '所选范围内没有需要发放这种通知书的贷款。', `notices: nothing to issue for ${request.kind} in ${JSON.stringify(request.scope).slice(0, 120)}`);
  }
  const [settings, dataAsOf] = await Promise.all([readSettings(w.trx), registerDataAsOf(w.trx)]);
  const year = Number(issuedOn.slice(0, 4));
  const next = new Map<NoticeKind, number>();
  const figures: NoticeFigures[] = [];
  const seqs: number[] = [];
  for (const n of notices) {
    const seq = next.get(n.kind) ?? (await nextSeq(w, n.kind, year));
    next.set(n.kind, seq + 1);
    seqs.push(seq);
    figures.push(noticeFigures(n, { noticeNo: noticeNumber(settings.branch_name, n.kind, year, seq), scanCode: scanCode(n.kind, year, seq) }, dataAsOf ?? issuedOn, issuedOn));
  }
  const main = figures.filter((f) => f.kind === request.kind);
  const batch = await w.insert('notice_batches', {
    kind: request.kind,
    year,
    scope: await scopeLabel(w.trx, request.scope),
    as_of: dataAsOf ?? issuedOn,
    notices: figures.length,
    first_no: main[0]?.noticeNo ?? null,
    last_no: main[main.length - 1]?.noticeNo ?? null,
    status: 'printing',
    printing_process: thisProcess(),
    pdf_path: null,
    sha256: null,
    staff_id: user.id,
  });
  await w.insertMany(
    'notices',
    notices.map((n: PlannedNotice, i: number) => {
      const f = figures[i];
      return {
        batch_id: batch.id,
        kind: n.kind,
        year,
        seq: seqs[i],
        notice_no: f.noticeNo,
        scan_code: f.scanCode,
        loan_id: n.loan.id,
        borrower_id: n.loan.borrower_id,
        addressee: n.addressee,
        addressee_role: n.addresseeRole,
        as_of: f.asOf,
        issued_on: issuedOn,
        figures_json: JSON.stringify(f),
        status: 'printing' as const,
        receipt_on: null,
        receipt_by: null,
        staff_id: user.id,
      };
    }),
  );
  return { batch, figures };
}

/** The batch's PDF in the data folder, beside the database: notices/<year>/<batch id>.pdf. */
async function keepPdf(dbPath: string, batch: Row<'notice_batches'>, pdf: Uint8Array): Promise<string> {
  const dir = path.join(path.dirname(path.resolve(dbPath)), 'notices', String(batch.year));
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, `${batch.id}.pdf`);
  await writeFile(file, pdf);
  return file;
}
