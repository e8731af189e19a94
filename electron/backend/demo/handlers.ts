import type { demoApi } from '../../shared/api/demo';
import { actorOf } from '../auth/handlers';
import type { HandlersFor } from '../rpc/handler-types';
import { generateDemoData } from './generator';

export const demoHandlers: HandlersFor<typeof demoApi> = {
  'demo.generate': {
    access: 'signed-in',
    roles: ['admin'],
    run: async ({ loans, seed }, { app, user }) => generateDemoData(app.db, actorOf(user), { loans, seed }),
  },
};
