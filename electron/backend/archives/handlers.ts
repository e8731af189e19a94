import type { archivesApi } from '../../shared/api/archives';
import { AppError } from '../rpc/app-error';
import type { HandlersFor } from '../rpc/handler-types';

// Placeholder while the checklists are built (session 7).
function notYet(): never {
  throw new AppError('NOT_IMPLEMENTED', '此功能尚未完成。', 'not implemented yet');
}

export const archiveHandlers: HandlersFor<typeof archivesApi> = {
  'archives.files': { access: 'signed-in', run: async () => notYet() },
  'archives.summary': { access: 'signed-in', run: async () => notYet() },
  'archives.overdue': { access: 'signed-in', run: async () => notYet() },
  'archives.file': { access: 'signed-in', run: async () => notYet() },
  'archives.findByLoanNo': { access: 'signed-in', run: async () => notYet() },
  'archives.setDocuments': { access: 'signed-in', run: async () => notYet() },
  'archives.fillDocuments': { access: 'signed-in', run: async () => notYet() },
  'archives.submit': { access: 'signed-in', run: async () => notYet() },
  'archives.review': { access: 'signed-in', run: async () => notYet() },
  'archives.reopen': { access: 'signed-in', run: async () => notYet() },
};
