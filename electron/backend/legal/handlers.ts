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
    // Checked inside the write, so that a reassignment committed meanwhile is seen.
    run: async (input, { user, write }) =>
      write(async (w) => {
        await assertMayWorkOnLoans(w.trx, user, [input.loanId]);
        return recordLegalStep(w, input);
      }),
  },
  'legal.list': {
    access: 'signed-in',
    roles: [...ROLES, 'system'],
    run: async ({ loanId }, { app }) => legalSteps(app.db, loanId),
  },
};
