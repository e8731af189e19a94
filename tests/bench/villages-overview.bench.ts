import { closeAppContext } from '../../electron/backend/app-context';
import { dispatch } from '../../electron/backend/rpc/dispatch';
import { signedInApp } from '../helpers/signed-in-app';
import { percentile } from './stats';
import type { BenchRun } from './types';

const LOANS = 200_000;
const RUNS = 20;

/** villages.overview through the real dispatcher (validation, session, handler) on a county-sized book. */
export const run: BenchRun = async (ws) => {
    const { file } = await ws.demoDatabase(LOANS);
    const { app, token } = await signedInApp(file);
    try {
      const call = async () => {
        const result = await dispatch(app, 'villages.overview', {}, { token });
        if (!result.ok) throw new Error(`villages.overview failed: ${result.error.code} ${result.error.message}`);
        return result.value as { rows: unknown[] };
      };
      const warmUp = await call();
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const start = performance.now();
        await call();
        times.push(performance.now() - start);
      }
      return [
        { name: `villages.overview 200k loans: villages returned`, value: warmUp.rows.length, unit: 'rows' },
        { name: `villages.overview 200k loans: median of ${RUNS}`, value: percentile(times, 50), unit: 'ms' },
        { name: `villages.overview 200k loans: p95 of ${RUNS}`, value: percentile(times, 95), unit: 'ms' },
      ];
    } finally {
      await closeAppContext(app);
    }
};
