import type { SmsBatchInput, SmsBatchView, SmsConfirmOutcome, SmsExportOutcome, SmsFormat } from '../../shared/api/sms';
import { todayLocal } from '../../shared/dates';
import type { Caller } from '../auth/caller';
import type { WriteContext } from '../changelog/write-context';
import { assertMayWorkOnLoans } from '../collection/book-access';
import type { ReadDb } from '../db/read-db';
import { logExport } from '../register/export-log';
import { AppError } from '../rpc/app-error';
import { smsUploadFile } from './sms-file';
import { draftSmsBatch } from './sms-messages';

/** What a confirmed SMS is logged as in the contact log. */
export const SMS_CONTACT_OUTCOME = '已发送短信';

/**
 * Stores the batch (template, scope, counts, who) and its messages, logs the export of personal
 * data (names and phones) and returns the upload file, in one transaction. Refused while the
 * template has a problem (an unknown placeholder, no manager's phone) or no message at all.
 */
export async function exportSmsBatch(w: WriteContext, user: Caller, input: SmsBatchInput & { format: SmsFormat }): Promise<SmsExportOutcome> {
  const draft = await draftSmsBatch(w.trx, user, input);
  if (draft.problems.length > 0) {
    throw new AppError('INVALID_INPUT', draft.problems.join('；'), `sms export refused: ${draft.problems.join('; ')}`);
  }
  if (draft.messages.length === 0) {
    throw new AppError('NOTHING_TO_SEND', '没有可以发送的短信：所选贷款的借款人都没有有效的手机号。', 'sms export with no message');
  }
  const batch = await w.insert('sms_batches', {
    template: input.template,
    scope: draft.scope,
    messages: draft.messages.length,
    skipped: draft.skipped.length,
    staff_id: user.id,
    confirmed_at: null,
  });
  await w.insertMany(
    'sms_messages',
    draft.messages.map((m) => ({ batch_id: batch.id, loan_id: m.loanId, borrower_id: m.borrowerId, phone: m.phone, text: m.text, segments: m.segments })),
  );
  // The export log in the same transaction: a batch is never stored without its record, nor the reverse.
  await logExport((fn) => fn(w), { kind: `sms-${input.format}`, scope: `短信批量提醒 ${draft.scope}`, idsMasked: true, rows: draft.messages.length });
  const file = await smsUploadFile(input.format, draft.messages);
  return {
    batchId: batch.id,
    fileName: `短信提醒-${draft.dates.asOf}-${draft.messages.length}条.${input.format}`,
    mimeType: file.mimeType,
    contentBase64: file.bytes.toString('base64'),
    messages: draft.messages.length,
    skipped: draft.skipped.length,
    totalSegments: draft.totalSegments,
  };
}

/** Local date and time 'YYYY-MM-DD HH:MM' (the business day from todayLocal, so tests' fixed day holds). */
function localNow(now = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${todayLocal()} ${two(now.getHours())}:${two(now.getMinutes())}`;
}

/**
 * The clerk confirms the platform accepted the upload: every message of the batch becomes one
 * contact of way 'sms' (staff: the caller; dated now), and the batch is marked confirmed.
 * reached is 'none' and the outcome 已发送短信: the platform accepting a file says nothing about
 * the borrower reading it, and 'self' would count as having reached them. Once only: a second
 * confirmation is refused and writes nothing (checked inside the transaction).
 */
export async function confirmSmsBatch(w: WriteContext, user: Caller, batchId: string): Promise<SmsConfirmOutcome> {
  const batch = await w.trx.selectFrom('sms_batches').selectAll().where('id', '=', batchId).executeTakeFirst();
  if (!batch) throw new AppError('NOT_FOUND', '找不到这批短信，请刷新后重试。', `sms batch ${batchId} not found`);
  if (batch.confirmed_at !== null) {
    throw new AppError('ALREADY_CONFIRMED', '这批短信已确认上传过，不能重复确认（联系记录不会重复登记）。', `sms batch ${batchId} already confirmed at ${batch.confirmed_at}`);
  }
  const messages = await w.trx.selectFrom('sms_messages').select(['id', 'loan_id', 'borrower_id']).where('batch_id', '=', batchId).orderBy('id').execute();
  await assertMayWorkOnLoans(w.trx, user, messages.map((m) => m.loan_id));
  const contactedAt = localNow();
  await w.insertMany(
    'contacts',
    messages.map((m) => ({
      borrower_id: m.borrower_id,
      loan_id: m.loan_id,
      contacted_at: contactedAt,
      way: 'sms' as const,
      reached: 'none' as const,
      outcome: SMS_CONTACT_OUTCOME,
      promise_on: null,
      promise_fen: null,
      follow_up_on: null,
      note: '',
      staff_id: user.id,
      sms_message_id: m.id,
    })),
  );
  const confirmedAt = w.now;
  await w.update('sms_batches', batch, { confirmed_at: confirmedAt });
  return { batchId, contacts: messages.length, contactedAt, confirmedAt };
}

/** Batches newest first, with who exported them and, once confirmed, who confirmed (from the contacts). */
export async function listSmsBatches(db: ReadDb, limit: number): Promise<SmsBatchView[]> {
  const rows = await db
    .selectFrom('sms_batches as b')
    .leftJoin('staff as s', 's.id', 'b.staff_id')
    .select((eb) => [
      'b.id',
      'b.created_at',
      'b.template',
      'b.scope',
      'b.messages',
      'b.skipped',
      'b.confirmed_at',
      's.display_name as staffName',
      eb.selectFrom('sms_messages as m').select((e) => e.fn.coalesce(e.fn.sum<number>('m.segments'), e.val(0)).as('n')).whereRef('m.batch_id', '=', 'b.id').as('segments'),
      eb
        .selectFrom('contacts as c')
        .innerJoin('sms_messages as m', 'm.id', 'c.sms_message_id')
        .innerJoin('staff as cs', 'cs.id', 'c.staff_id')
        .select('cs.display_name')
        .whereRef('m.batch_id', '=', 'b.id')
        .limit(1)
        .as('confirmedBy'),
    ])
    .orderBy('b.created_at', 'desc')
    .orderBy('b.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    template: r.template,
    scope: r.scope,
    messages: r.messages,
    skipped: r.skipped,
    totalSegments: Number(r.segments ?? 0),
    staffName: r.staffName ?? '',
    confirmedAt: r.confirmed_at,
    confirmedBy: r.confirmedBy ?? null,
    status: r.confirmed_at === null ? '待确认' : '已确认',
  }));
}
