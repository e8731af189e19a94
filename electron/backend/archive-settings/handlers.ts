import type { archiveSettingsApi } from '../../shared/api/archive-settings';
import { AppError } from '../rpc/app-error';
import type { HandlersFor } from '../rpc/handler-types';

// Placeholder while the archive settings are built (session 7).
function notYet(): never {
  throw new AppError('NOT_IMPLEMENTED', '此功能尚未完成。', 'not implemented yet');
}

export const archiveSettingsHandlers: HandlersFor<typeof archiveSettingsApi> = {
  'archiveSettings.get': { access: 'signed-in', run: async () => notYet() },
  'archiveSettings.saveDocType': { access: 'signed-in', run: async () => notYet() },
  'archiveSettings.saveRule': { access: 'signed-in', run: async () => notYet() },
  'archiveSettings.setDeadlineDays': { access: 'signed-in', run: async () => notYet() },
  'archiveSettings.saveCalendarDay': { access: 'signed-in', run: async () => notYet() },
  'archiveSettings.setCutover': { access: 'signed-in', run: async () => notYet() },
};
