import type { demoApi } from '../../shared/api/demo';
import type { HandlersFor } from '../rpc/handler-types';
import { generateDemoData } from './generator';

export const demoHandlers: HandlersFor<typeof demoApi> = {
  'demo.generate': {
    access: 'signed-in',
    roles: ['admin', 'system'],
    writes: true,
    run: async ({ loans, seed }, { app, write }) => generateDemoData(write, app.db, { loans, seed }),
  },
};
