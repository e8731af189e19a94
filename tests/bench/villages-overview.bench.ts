import { closeAppContext } from '../../electron/backend/app-context';
import { signedInApp } from '../helpers/signed-in-app';
import { timedCalls } from './timed-calls';
import type { BenchRun } from './types';

const LOANS = 200_000;

/** villages.overview through the real dispatcher (validation, session, handler) on a county-sized book. */
export const run: BenchRun = async (ws) => {
  const { file } = await ws.demoDatabase(LOANS);
  const { app, token } = await signedInApp(file);
  try {
    const { first, figures } = await timedCalls(app, token, 'villages.overview 200k loans', 'villages.overview', {});
    return [{ name: 'villages.overview 200k loans: villages returned', value: (first as { rows: unknown[] }).rows.length, unit: 'rows' }, ...figures];
  } finally {
    await closeAppContext(app);
  }
};
