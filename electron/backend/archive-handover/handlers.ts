import type { archiveHandoverApi } from '../../shared/api/archive-handover';
import { AppError } from '../rpc/app-error';
import type { HandlersFor } from '../rpc/handler-types';

// Placeholder while the hand-over to head office is built (session 7).
function notYet(): never {
  throw new AppError('NOT_IMPLEMENTED', '此功能尚未完成。', 'not implemented yet');
}

export const archiveHandoverHandlers: HandlersFor<typeof archiveHandoverApi> = {
  'archiveBatches.list': { access: 'signed-in', run: async () => notYet() },
  'archiveBatches.lines': { access: 'signed-in', run: async () => notYet() },
  'archiveBatches.create': { access: 'signed-in', run: async () => notYet() },
  'archiveBatches.printTransmittal': { access: 'signed-in', run: async () => notYet() },
  'archiveBatches.manifest': { access: 'signed-in', run: async () => notYet() },
  'archiveBatches.applyReceipt': { access: 'signed-in', run: async () => notYet() },
  'archiveBatches.receiptByHand': { access: 'signed-in', run: async () => notYet() },
  'archives.printLabels': { access: 'signed-in', run: async () => notYet() },
};
