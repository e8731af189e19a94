import type { indicatorsApi } from '../../shared/api/indicators';
import type { HandlersFor } from '../rpc/handler-types';

export const indicatorHandlers: HandlersFor<typeof indicatorsApi> = {};
