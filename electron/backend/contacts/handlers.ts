import type { contactsApi } from '../../shared/api/contacts';
import { ROLES } from '../../shared/domain';
import type { HandlersFor } from '../rpc/handler-types';
import { exportContactList } from './contact-list-export';
import { printContactList } from './contact-list-print';
import { listContacts } from './contact-views';
import { contactWorklist } from './contact-worklists';
import { recordContact } from './record-contact';

/** Everyone reads the contact log; who may log for which loan is checked in recordContact (book access). */
export const contactHandlers: HandlersFor<typeof contactsApi> = {
  'contacts.record': {
    access: 'signed-in',
    writes: true,
    run: async (input, { user, write }) => write((w) => recordContact(w, user, input)),
  },
  'contacts.list': {
    access: 'signed-in',
    run: async (target, { app }) => listContacts(app.db, target),
  },
  'contacts.worklist': {
    access: 'signed-in',
    roles: [...ROLES, 'system'],
    run: async (query, { app }) => contactWorklist(app.db, query),
  },
  'contacts.print': {
    access: 'signed-in',
    writes: true,
    run: async ({ deliver, ...query }, { app, user, write, signal }) => printContactList(app, write, user, query, deliver, signal),
  },
  'contacts.exportXlsx': {
    access: 'signed-in',
    writes: true,
    run: async (query, { app, write }) => exportContactList(app.db, write, query),
  },
};
