import type { targetsApi } from '../../shared/api/targets';
import { ROLES } from '../../shared/domain';
import { ASSIGNING_ROLES } from '../assignment/handlers';
import type { HandlersFor } from '../rpc/handler-types';
import { rankingBoard } from './board';
import { boardWorkbook, branchName, printBoard, setTargets } from './targets';

/** Targets are set by the branch head and admins (as assignments are); the board is everyone's to read, print and export. */
export const targetsHandlers: HandlersFor<typeof targetsApi> = {
  'targets.set': {
    access: 'signed-in',
    roles: ASSIGNING_ROLES,
    writes: true,
    run: async ({ month, targets }, { write }) => write((w) => setTargets(w, month, targets)),
  },
  'targets.board': {
    access: 'signed-in',
    roles: [...ROLES, 'system'],
    run: async ({ month }, { app, user }) => rankingBoard(app.db, month, ASSIGNING_ROLES.includes(user.role)),
  },
  'targets.print': {
    access: 'signed-in',
    roles: [...ROLES, 'system'],
    writes: true,
    run: async ({ month, deliver }, { app, user, write, signal }) => {
      const board = await rankingBoard(app.db, month, ASSIGNING_ROLES.includes(user.role));
      signal.throwIfAborted();
      return printBoard(app, write, board, await branchName(app.db), deliver, signal);
    },
  },
  'targets.exportXlsx': {
    access: 'signed-in',
    roles: [...ROLES, 'system'],
    run: async ({ month }, { app, user }) => boardWorkbook(await rankingBoard(app.db, month, ASSIGNING_ROLES.includes(user.role)), await branchName(app.db)),
  },
};
