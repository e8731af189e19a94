import type { villagesApi } from '../../shared/api/villages';
import type { HandlersFor } from '../rpc/handler-types';
import { villagesOverview } from './overview-query';

export const villagesHandlers: HandlersFor<typeof villagesApi> = {
  'villages.overview': {
    access: 'signed-in',
    run: async (_args, { app }) => villagesOverview(app.db),
  },
};
