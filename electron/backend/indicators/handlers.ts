import type { indicatorsApi } from '../../shared/api/indicators';
import { ROLES } from '../../shared/domain';
import type { HandlersFor } from '../rpc/handler-types';
import { indicatorDrill } from './drill';
import { indicatorMonth, indicatorsByManager, indicatorTrend } from './indicator-month';

/** The indicators are everyone's to read: each manager sees the branch's figures beside their own. */
const READERS = [...ROLES, 'system' as const];

export const indicatorHandlers: HandlersFor<typeof indicatorsApi> = {
  'indicators.month': {
    access: 'signed-in',
    roles: READERS,
    run: async ({ month, managerId, villageId }, { app }) => indicatorMonth(app.db, month, managerId, villageId),
  },
  'indicators.drill': {
    access: 'signed-in',
    roles: READERS,
    run: async (q, { app }) => indicatorDrill(app.db, q),
  },
  'indicators.byManager': {
    access: 'signed-in',
    roles: READERS,
    run: async ({ month, villageId }, { app }) => indicatorsByManager(app.db, month, villageId),
  },
  'indicators.trend': {
    access: 'signed-in',
    roles: READERS,
    run: async ({ from, to, managerId, villageId }, { app }) => indicatorTrend(app.db, from, to, managerId, villageId),
  },
};
