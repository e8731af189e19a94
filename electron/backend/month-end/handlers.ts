import type { monthEndApi } from '../../shared/api/month-end';
import type { HandlersFor } from '../rpc/handler-types';

export const monthEndHandlers: HandlersFor<typeof monthEndApi> = {};
