import type { limitationApi } from '../../shared/api/limitation';
import { ROLES } from '../../shared/domain';
import { assertMayWorkOnLoans } from '../collection/book-access';
import type { HandlersFor } from '../rpc/handler-types';
import { limitationPage } from './limitation-list';
import { loanClock } from './loan-clock';
import { recordLimitationEvent } from './record-event';

/** Everyone reads the clocks; 'system': the CLI's `limitation` runs as the system actor unless `--as` names someone. */
const EVERYONE = [...ROLES, 'system'] as const;

export const limitationHandlers: HandlersFor<typeof limitationApi> = {
  'limitation.list': {
    access: 'signed-in',
    roles: EVERYONE,
    run: async (query, { app }) => limitationPage(app.db, query),
  },
  'limitation.loan': {
    access: 'signed-in',
    roles: EVERYONE,
    run: async ({ loanId, asOf }, { app }) => loanClock(app.db, loanId, asOf),
  },
  'limitation.record': {
    access: 'signed-in',
    roles: EVERYONE,
    writes: true,
    // Checked inside the write, so that a reassignment committed meanwhile is seen.
    run: async (input, { user, write }) =>
      write(async (w) => {
        await assertMayWorkOnLoans(w.trx, user, [input.loanId]);
        return recordLimitationEvent(w, input);
      }),
  },
};
