import type { settingsApi } from '../../shared/api/settings';
import { maxLoanFen } from '../import/loan-limit';
import type { HandlersFor } from '../rpc/handler-types';

export const settingsHandlers: HandlersFor<typeof settingsApi> = {
  'settings.importLimits': {
    access: 'signed-in',
    run: async (_args, { app }) => ({ maxLoanYuan: (await maxLoanFen(app.db)) / 100 }),
  },

  'settings.setImportLimits': {
    access: 'signed-in',
    roles: ['admin'],
    writes: true,
    run: async ({ maxLoanYuan }, { write }) => {
      await write((w) => w.setSetting('max_loan_yuan', String(maxLoanYuan)));
      return { maxLoanYuan };
    },
  },
};
