import type { monthEndApi } from '../../shared/api/month-end';
import { ROLES, type StaffRole } from '../../shared/domain';
import type { HandlersFor } from '../rpc/handler-types';
import { printManagerReport, printPack } from './print-pack';

/** Every role may print the pack and any manager's report (the branch meeting reads them all); each print is recorded. */
const PRINT_ROLES: readonly StaffRole[] = [...ROLES, 'system'];

export const monthEndHandlers: HandlersFor<typeof monthEndApi> = {
  'monthEnd.pack': {
    access: 'signed-in',
    roles: PRINT_ROLES,
    writes: true,
    run: async ({ month, format, deliver }, { app, user, write, signal }) => printPack(app, write, user, month, format, deliver, signal),
  },
  'monthEnd.managerReport': {
    access: 'signed-in',
    roles: PRINT_ROLES,
    writes: true,
    run: async ({ month, managerId, deliver }, { app, user, write, signal }) => printManagerReport(app, write, user, month, managerId, deliver, signal),
  },
};
