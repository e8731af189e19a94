import { SMS_PREVIEW_ROWS, type smsApi } from '../../shared/api/sms';
import type { HandlersFor } from '../rpc/handler-types';
import { confirmSmsBatch, exportSmsBatch, listSmsBatches } from './sms-batch';
import { draftSmsBatch } from './sms-messages';

/**
 * SMS batches: everyone signed in may send reminders (clerks for anyone); an account manager only
 * for loans of their own book, checked in draftSmsBatch and confirmSmsBatch (book access).
 */
export const smsHandlers: HandlersFor<typeof smsApi> = {
  'sms.preview': {
    access: 'signed-in',
    run: async (input, { app, user }) => {
      const { dates: _dates, ...preview } = await draftSmsBatch(app.db, user, input);
      return { ...preview, messages: preview.messages.slice(0, SMS_PREVIEW_ROWS), skipped: preview.skipped.slice(0, SMS_PREVIEW_ROWS) };
    },
  },
  'sms.export': {
    access: 'signed-in',
    writes: true,
    run: async (input, { user, write }) => write((w) => exportSmsBatch(w, user, input)),
  },
  'sms.confirm': {
    access: 'signed-in',
    writes: true,
    run: async ({ batchId }, { user, write }) => write((w) => confirmSmsBatch(w, user, batchId)),
  },
  'sms.batches': {
    access: 'signed-in',
    run: async ({ limit }, { app }) => listSmsBatches(app.db, limit),
  },
};
