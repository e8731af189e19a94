import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { noticesApi } from '../../shared/api/notices';
import { ROLES } from '../../shared/domain';
import { assertMayWorkOnLoans } from '../collection/book-access';
import { deliverPdf } from '../print/deliver-pdf';
import { AppError } from '../rpc/app-error';
import type { HandlersFor } from '../rpc/handler-types';
import { issueBatch } from './issue-batch';
import { noticeRegister, readNotice } from './notice-register';
import { planBatch } from './plan-batch';
import { scanReceipt } from './scan-receipt';
import { unnoticedLoans } from './unnoticed-loans';

/** Who issues notices and records what became of them: every role, and the CLI without --as. */
const NOTICE_ROLES = [...ROLES, 'system'] as const;

export const noticeHandlers: HandlersFor<typeof noticesApi> = {
  'notices.plan': {
    access: 'signed-in',
    roles: NOTICE_ROLES,
    run: (request, { app, user }) => planBatch(app.db, user, request),
  },

  'notices.issue': {
    access: 'signed-in',
    roles: NOTICE_ROLES,
    writes: true,
    run: (request, ctx) => issueBatch(request, ctx),
  },

  'notices.register': {
    access: 'signed-in',
    run: (filter, { app }) => noticeRegister(app.db, filter),
  },

  'notices.reopenPdf': {
    access: 'signed-in',
    run: async ({ batchId, deliver }, { app }) => {
      const batch = await app.db.selectFrom('notice_batches').selectAll().where('id', '=', batchId).executeTakeFirst();
      if (!batch) throw new AppError('NOT_FOUND', '找不到这批通知书。', `notices.reopenPdf: no batch ${batchId}`);
      if (batch.status !== 'printed' || !batch.pdf_path) throw new AppError('NO_PDF', '这批通知书没有打印成功，没有保存的 PDF。', `notices.reopenPdf: batch ${batchId} is ${batch.status}`);
      const pdf = await readFile(batch.pdf_path).catch(() => null);
      if (!pdf || createHash('sha256').update(pdf).digest('hex') !== batch.sha256) {
        throw new AppError('PDF_CHANGED', `保存的通知书 PDF（${batch.pdf_path}）已丢失或被改动，与登记的 SHA-256 不符，请联系管理员。`, `notices.reopenPdf: ${batch.pdf_path} missing or its SHA-256 differs`);
      }
      return deliverPdf(app, new Uint8Array(pdf), `${batch.first_no ?? '通知书'}等${batch.notices}份.pdf`, deliver);
    },
  },

  'notices.scanReceipt': {
    access: 'signed-in',
    roles: NOTICE_ROLES,
    writes: true,
    run: (input, { write, user }) => write((w) => scanReceipt(w, user, input)),
  },

  'notices.setDelivery': {
    access: 'signed-in',
    roles: NOTICE_ROLES,
    writes: true,
    run: async ({ noticeId, delivery, note, expectedUpdatedAt }, { app, write, user }) => {
      await write(async (w) => {
        const before = await w.trx.selectFrom('notices').selectAll().where('id', '=', noticeId).executeTakeFirst();
        if (!before) throw new AppError('NOT_FOUND', '找不到这份通知书。', `notices.setDelivery: no notice ${noticeId}`);
        await assertMayWorkOnLoans(w.trx, user, [before.loan_id]);
        if (before.status !== 'issued') throw new AppError('NOTICE_NOT_ISSUED', `${before.notice_no} ${before.status === 'cancelled' ? '已作废' : '尚未打印完成'}，不能登记送达。`, `notices.setDelivery: ${noticeId} is ${before.status}`);
        if (before.delivery === 'returned') throw new AppError('RECEIPT_ALREADY_RETURNED', `${before.notice_no} 的回执已收回，送达情况不能再改。`, `notices.setDelivery: ${noticeId} receipt returned`);
        await w.update('notices', { ...before, updated_at: expectedUpdatedAt }, { delivery, delivery_note: note });
      });
      return (await readNotice(app.db, noticeId))!;
    },
  },

  'notices.cancel': {
    access: 'signed-in',
    roles: NOTICE_ROLES,
    writes: true,
    run: async ({ noticeId, reason, expectedUpdatedAt }, { app, write, user }) => {
      await write(async (w) => {
        const before = await w.trx.selectFrom('notices').selectAll().where('id', '=', noticeId).executeTakeFirst();
        if (!before) throw new AppError('NOT_FOUND', '找不到这份通知书。', `notices.cancel: no notice ${noticeId}`);
        await assertMayWorkOnLoans(w.trx, user, [before.loan_id]);
        if (before.status === 'cancelled') throw new AppError('NOTICE_CANCELLED', `${before.notice_no} 已作废。`, `notices.cancel: ${noticeId} already cancelled`);
        // Its batch is still being printed: voided now, it would still come out on paper. A batch that never finishes voids its numbers itself.
        if (before.status !== 'issued') throw new AppError('NOTICE_NOT_ISSUED', `${before.notice_no} 尚未打印完成，打印完成后才能作废。`, `notices.cancel: ${noticeId} is ${before.status}`);
        if (before.delivery === 'returned') throw new AppError('RECEIPT_ALREADY_RETURNED', `${before.notice_no} 的回执已收回，不能作废。`, `notices.cancel: ${noticeId} receipt returned`);
        await w.update('notices', { ...before, updated_at: expectedUpdatedAt }, { status: 'cancelled', cancel_reason: reason });
      });
      return (await readNotice(app.db, noticeId))!;
    },
  },

  'notices.unnoticed': {
    access: 'signed-in',
    run: (query, { app }) => unnoticedLoans(app.db, query),
  },
};
