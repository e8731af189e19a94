import type { assignmentApi } from '../../shared/api/assignment';
import type { StaffRole } from '../../shared/domain';
import { ROLES } from '../../shared/domain';
import type { HandlersFor } from '../rpc/handler-types';
import { applyProposal } from './apply-proposal';
import { assignTo } from './assign';
import { assignmentHistory } from './history';
import { loadTable } from './load-table';
import { managerNameMappings, remapManagerName } from './manager-names';
import { workOutProposal } from './proposal';
import { takeOver } from './takeover';

/** Who divides the book: the branch head and admins (and the CLI's system actor). Everyone else sees the load read-only. */
export const ASSIGNING_ROLES: readonly StaffRole[] = ['head', 'admin', 'system'];

const OVERWRITE_SETTING = 'import_overwrites_assignment';

export const assignmentHandlers: HandlersFor<typeof assignmentApi> = {
  'assignment.load': {
    access: 'signed-in',
    roles: [...ROLES, 'system'],
    run: async (_args, { app, user }) => loadTable(app.db, ASSIGNING_ROLES.includes(user.role)),
  },

  'assignment.assign': {
    access: 'signed-in',
    roles: ASSIGNING_ROLES,
    writes: true,
    run: async (input, { write }) => write((w) => assignTo(w, input)),
  },

  'assignment.takeover': {
    access: 'signed-in',
    roles: ASSIGNING_ROLES,
    writes: true,
    run: async (input, { write }) => write((w) => takeOver(w, input)),
  },

  'assignment.history': {
    access: 'signed-in',
    run: async (input, { app }) => assignmentHistory(app.db, input),
  },

  'assignment.propose': {
    access: 'signed-in',
    roles: ASSIGNING_ROLES,
    run: async ({ managerIds, overrides }, { app }) => (await workOutProposal(app.db, managerIds, overrides)).view,
  },

  'assignment.applyProposal': {
    access: 'signed-in',
    roles: ASSIGNING_ROLES,
    writes: true,
    run: async (input, { write }) => write((w) => applyProposal(w, input)),
  },

  'assignment.settings': {
    access: 'signed-in',
    run: async (_args, { app }) => {
      const row = await app.db.selectFrom('settings').select('value').where('key', '=', OVERWRITE_SETTING).executeTakeFirst();
      return { importOverwritesAssignment: row?.value === '1' };
    },
  },

  'assignment.nameMappings': {
    access: 'signed-in',
    run: async (_args, { app }) => managerNameMappings(app.db),
  },

  'assignment.remapName': {
    access: 'signed-in',
    roles: ASSIGNING_ROLES,
    writes: true,
    run: async (input, { write }) => write((w) => remapManagerName(w, input)),
  },

  'assignment.setSettings': {
    access: 'signed-in',
    roles: ['head', 'admin'],
    writes: true,
    run: async ({ importOverwritesAssignment }, { write }) => {
      await write((w) => w.setSetting(OVERWRITE_SETTING, importOverwritesAssignment ? '1' : '0'));
      return { importOverwritesAssignment };
    },
  },
};
