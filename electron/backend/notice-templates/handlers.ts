import type { noticeTemplatesApi } from '../../shared/api/notice-templates';
import { ROLES } from '../../shared/domain';
import { NOTICE_KIND_LABELS } from '../../shared/notices';
import { assertMayWorkOnVillage } from '../collection/book-access';
import { deliverPdf } from '../print/deliver-pdf';
import { recordPrint } from '../print/printed-document';
import { AppError } from '../rpc/app-error';
import type { HandlersFor } from '../rpc/handler-types';
import { contactCardsDocument } from './contact-cards-html';
import { villageContactCards } from './contact-cards-query';
import { DEFAULT_BANK_NAME, readLetterhead, writeLetterhead } from './letterhead';
import { previewTemplate } from './preview';
import { listTemplates, readTemplate, resetTemplate, saveTemplate } from './templates';

export const CONTACT_CARDS_KIND = 'contact-cards';

export const noticeTemplateHandlers: HandlersFor<typeof noticeTemplatesApi> = {
  'noticeTemplates.list': {
    access: 'signed-in',
    run: async (_args, { app }) => listTemplates(app.db),
  },

  'noticeTemplates.save': {
    access: 'signed-in',
    roles: ['admin'],
    writes: true,
    run: async (input, { write }) => write((w) => saveTemplate(w, input)),
  },

  'noticeTemplates.reset': {
    access: 'signed-in',
    roles: ['admin'],
    writes: true,
    run: async ({ kind }, { write }) => write((w) => resetTemplate(w, kind)),
  },

  'noticeTemplates.preview': {
    access: 'signed-in',
    run: async ({ kind, wording }, { app }) => previewTemplate(await readLetterhead(app.db), kind, wording),
  },

  'noticeTemplates.letterhead': {
    access: 'signed-in',
    run: async (_args, { app }) => ({ ...(await readLetterhead(app.db)), defaultBankName: DEFAULT_BANK_NAME }),
  },

  'noticeTemplates.setLetterhead': {
    access: 'signed-in',
    roles: ['admin'],
    writes: true,
    run: async (letterhead, { write }) =>
      write(async (w) => {
        await writeLetterhead(w, letterhead);
        return { ...(await readLetterhead(w.trx)), defaultBankName: DEFAULT_BANK_NAME };
      }),
  },

  'noticeTemplates.printContactCards': {
    access: 'signed-in',
    roles: [...ROLES, 'system'],
    writes: true,
    run: async ({ villageId, deliver }, { app, user, signal, write }) => {
      await assertMayWorkOnVillage(app.db, user, villageId);
      const [data, letterhead, wording] = await Promise.all([villageContactCards(app.db, villageId), readLetterhead(app.db), readTemplate(app.db, 'contact-card')]);
      if (data.cards.length === 0) {
        throw new AppError('NOTHING_TO_PRINT', `${data.village}还没有登记农户，没有联系卡可打印。`, `contact cards: village ${villageId} has no households`);
      }
      signal.throwIfAborted();
      const { html, options } = contactCardsDocument(letterhead, wording, data.cards);
      const pdf = await app.pdf().renderPdf(html, options, signal);
      const title = `${data.township}${data.village} ${NOTICE_KIND_LABELS['contact-card']}`;
      await write((w) => recordPrint(w, { kind: CONTACT_CARDS_KIND, docNo: null, title, figures: { villageId, village: data.village, cards: data.cards }, pdf }));
      return { ...(await deliverPdf(app, pdf, `${data.village}客户经理联系卡.pdf`, deliver)), cards: data.cards.length };
    },
  },
};
