import type { legalApi } from '../../shared/api/legal';
import { ROLES } from '../../shared/domain';
import { assertMayWorkOnLoans } from '../collection/book-access';
import type { HandlersFor } from '../rpc/handler-types';
import { legalSteps, recordLegalStep } from './legal-steps';

export const legalHandlers: HandlersFor<typeof legalApi> = {
  'legal.record': {
    access: 'signed-in',
    roles: [...ROLES, 'system'],
    writes: true,
    run: async (input, { app, user, write }) => {
      await assertMayWorkOnLoans(app.db, user, [input.loanId]);
      return write((w) => recordLegalStep(w, input));
    },
  },
  'legal.list': {
    access: 'signed-in',
    roles: [...ROLES, 'system'],
    run: async ({ loanId }, { app }) => legalSteps(app.db, loanId),
  },
};
