import type { warningsApi } from '../../shared/api/warnings';
import type { HandlersFor } from '../rpc/handler-types';

export const warningHandlers: HandlersFor<typeof warningsApi> = {};
