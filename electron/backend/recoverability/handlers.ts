import type { recoverabilityApi } from '../../shared/api/recoverability';
import { ROLES } from '../../shared/domain';
import type { HandlersFor } from '../rpc/handler-types';
import { assess, assessmentHistory, nplList, recoverabilitySummary } from './recoverability';

/** Everyone reads; an account manager assesses only their own book's loans (checked in assess). */
export const recoverabilityHandlers: HandlersFor<typeof recoverabilityApi> = {
  'recoverability.assess': {
    access: 'signed-in',
    roles: [...ROLES, 'system'],
    writes: true,
    run: async (input, { user, write }) => write((w) => assess(w, user, input)),
  },
  'recoverability.list': {
    access: 'signed-in',
    roles: [...ROLES, 'system'],
    run: async ({ managerId }, { app, user }) => nplList(app.db, user, managerId),
  },
  'recoverability.history': {
    access: 'signed-in',
    roles: [...ROLES, 'system'],
    run: async ({ loanId }, { app }) => assessmentHistory(app.db, loanId),
  },
  'recoverability.summary': {
    access: 'signed-in',
    roles: [...ROLES, 'system'],
    run: async (_args, { app }) => recoverabilitySummary(app.db),
  },
};
