import type { reportsApi } from '../../shared/api/reports';
import type { HandlersFor } from '../rpc/handler-types';
import { portfolioReport } from './portfolio';

export const reportHandlers: HandlersFor<typeof reportsApi> = {
  'reports.portfolio': {
    access: 'signed-in',
    run: async (_args, { app }) => portfolioReport(app.db),
  },
};
