import type { callsApi } from '../../shared/api/calls';
import type { HandlersFor } from '../rpc/handler-types';
import { runningCalls } from './running-calls';

export const callsHandlers: HandlersFor<typeof callsApi> = {
  'calls.cancel': {
    // The session as held in memory: reading the staff row would wait for the write transaction of the
    // very call to cancel (a county's import holds it for seconds).
    access: 'session',
    // Only the caller's own session: its token is the key, so another session's calls are out of reach.
    run: async ({ callId }, { app, token }) => ({ running: token !== null && runningCalls(app).cancel(token, callId) }),
  },
};
