import type { warningsApi } from '../../shared/api/warnings';
import { ROLES, type StaffRole } from '../../shared/domain';
import { isLimitedToOwnBook } from '../collection/book-access';
import type { HandlersFor } from '../rpc/handler-types';
import { clearWarning } from './clear-warning';
import { warningPage } from './warning-list';

/** Everyone signed in reads the warnings; the CLI without --as too. */
const READ_ROLES: readonly StaffRole[] = [...ROLES, 'system'];
/** A clearance names the person who made it: never the system actor (CLI: --as). */
const CLEAR_ROLES: readonly StaffRole[] = ['clerk', 'manager', 'reviewer', 'head', 'admin'];

export const warningHandlers: HandlersFor<typeof warningsApi> = {
  'warnings.list': {
    access: 'signed-in',
    roles: READ_ROLES,
    run: async (q, { app, user }) => ({ ...(await warningPage(app.db, q)), canClearAny: !isLimitedToOwnBook(user) }),
  },
  'warnings.clear': {
    access: 'signed-in',
    roles: CLEAR_ROLES,
    writes: true,
    run: async (input, { user, write }) => write((w) => clearWarning(w, user, input)),
  },
};
