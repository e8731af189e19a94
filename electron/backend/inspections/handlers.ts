import type { inspectionsApi } from '../../shared/api/inspections';
import type { HandlersFor } from '../rpc/handler-types';

export const inspectionHandlers: HandlersFor<typeof inspectionsApi> = {};
