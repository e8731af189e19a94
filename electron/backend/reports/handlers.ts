import type { reportsApi } from '../../shared/api/reports';
import { ROLES } from '../../shared/domain';
import type { HandlersFor } from '../rpc/handler-types';
import { portfolioReport } from './portfolio';

export const reportHandlers: HandlersFor<typeof reportsApi> = {
  'reports.portfolio': {
    access: 'signed-in',
    // The CLI's `report portfolio` runs as the system actor unless `--as` names someone.
    roles: [...ROLES, 'system'],
    run: async (_args, { app }) => portfolioReport(app.db),
  },
};
