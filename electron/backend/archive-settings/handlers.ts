import type { archiveSettingsApi } from '../../shared/api/archive-settings';
import type { HandlersFor } from '../rpc/handler-types';
import { saveCalendarDay, setDeadlineDays } from './calendar';
import { countBacklog, setCutover } from './cutover';
import { saveDocType } from './doc-types';
import { readArchiveSettings } from './read-settings';
import { saveRule } from './rules';

/** Who may change the archive settings: the branch head and the admin (the CLI with --as one of them). */
const EDITORS = ['head', 'admin'] as const;

export const archiveSettingsHandlers: HandlersFor<typeof archiveSettingsApi> = {
  'archiveSettings.get': {
    access: 'signed-in',
    run: async (_args, { app }) => readArchiveSettings(app.db),
  },

  'archiveSettings.saveDocType': {
    access: 'signed-in',
    roles: EDITORS,
    writes: true,
    run: async (input, { write }) =>
      write(async (w) => {
        await saveDocType(w, input);
        return readArchiveSettings(w.trx);
      }),
  },

  'archiveSettings.saveRule': {
    access: 'signed-in',
    roles: EDITORS,
    writes: true,
    run: async (input, { write }) =>
      write(async (w) => {
        await saveRule(w, input);
        return readArchiveSettings(w.trx);
      }),
  },

  'archiveSettings.setDeadlineDays': {
    access: 'signed-in',
    roles: EDITORS,
    writes: true,
    run: async ({ days }, { write }) =>
      write(async (w) => {
        const filesRescheduled = await setDeadlineDays(w, days);
        return { ...(await readArchiveSettings(w.trx)), filesRescheduled };
      }),
  },

  'archiveSettings.saveCalendarDay': {
    access: 'signed-in',
    roles: EDITORS,
    writes: true,
    run: async (input, { write }) =>
      write(async (w) => {
        const filesRescheduled = await saveCalendarDay(w, input);
        return { ...(await readArchiveSettings(w.trx)), filesRescheduled };
      }),
  },

  'archiveSettings.cutoverPreview': {
    access: 'signed-in',
    run: async ({ before }, { app }) => ({ before, files: await countBacklog(app.db, before) }),
  },

  'archiveSettings.setCutover': {
    access: 'signed-in',
    roles: EDITORS,
    writes: true,
    run: async ({ before }, { write }) => write(async (w) => ({ cutoverDate: before, filesReceived: await setCutover(w, before) })),
  },
};
