import type { syncApi } from '../../shared/api/sync';
import { ROLES } from '../../shared/domain';
import type { HandlersFor } from '../rpc/handler-types';
import { pair } from './branch-identity';
import { applyPackage } from './apply-package';
import { buildOutbound } from './outbound-package';
import { syncStatus } from './sync-status';

export const syncHandlers: HandlersFor<typeof syncApi> = {
  'sync.status': {
    access: 'signed-in',
    roles: [...ROLES, 'system'],
    run: async (_input, { app }) => syncStatus(app.db, app.dbPath),
  },

  // Pinning head office's key decides whom the branch trusts: the administrator's act (or the
  // system's, for the CLI without --as: whoever runs it holds the database file).
  'sync.pair': {
    access: 'signed-in',
    roles: ['admin', 'system'],
    writes: true,
    run: async ({ hqIdentity }, { write }) => write((w) => pair(w, hqIdentity)),
  },

  'sync.buildPackage': {
    access: 'signed-in',
    roles: ['clerk', 'head', 'admin', 'system'],
    writes: true,
    run: async (_input, { write }) => write((w) => buildOutbound(w)),
  },

  'sync.applyPackage': {
    access: 'signed-in',
    roles: ['clerk', 'head', 'admin', 'system'],
    writes: true,
    run: async ({ fileName, contentBase64 }, { app, write }) => applyPackage(app.db, app.dbPath, write, { fileName, bytes: Buffer.from(contentBase64, 'base64') }),
  },
};
