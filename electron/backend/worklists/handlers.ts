import type { worklistsApi } from '../../shared/api/worklists';
import { ROLES } from '../../shared/domain';
import type { HandlersFor } from '../rpc/handler-types';
import { exportWorklist } from './worklist-export';
import { worklistOptions } from './worklist-options';
import { printWorklist } from './worklist-print';
import { worklistCounts, worklistPage } from './worklist-query';

/** Everyone reads the branch's worklists; 'system': the CLI's `worklist` runs as the system actor unless `--as` names someone. */
const READERS = [...ROLES, 'system'] as const;

export const worklistHandlers: HandlersFor<typeof worklistsApi> = {
  'worklists.list': {
    access: 'signed-in',
    roles: READERS,
    run: async ({ query, sort, offset, limit }, { app }) => worklistPage(app.db, query, sort, offset, limit),
  },
  'worklists.counts': {
    access: 'signed-in',
    roles: READERS,
    run: async (filters, { app }) => worklistCounts(app.db, filters),
  },
  'worklists.options': {
    access: 'signed-in',
    roles: READERS,
    run: async (_args, { app }) => worklistOptions(app.db),
  },
  'worklists.exportXlsx': {
    access: 'signed-in',
    roles: READERS,
    writes: true,
    run: async ({ query, sort }, { app, write }) => exportWorklist(app.db, write, query, sort),
  },
  'worklists.print': {
    access: 'signed-in',
    roles: READERS,
    writes: true,
    run: async ({ query, sort, deliver }, { app, user, write, signal }) => printWorklist(app, write, user, query, sort, deliver, signal),
  },
};
