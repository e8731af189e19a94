import { closeAppContext } from '../../electron/backend/app-context';
import { dispatch } from '../../electron/backend/rpc/dispatch';
import { signedInApp } from '../helpers/signed-in-app';
import { percentile } from './stats';
import { timedCalls } from './timed-calls';
import type { BenchRun, Figure } from './types';

const LOANS = 200_000;
const AFTER_WRITE_RUNS = 5;

/**
 * The assignment handlers on a county-sized book, through the dispatcher: the balanced proposal
 * among 6 managers and the load table. Both read the book (every active loan with its manager),
 * kept until the change log moves: timed as called again on an unchanged register, and as the
 * first call after a write (what the page costs after each assignment or import).
 */
export const run: BenchRun = async (ws) => {
  const { file } = await ws.demoDatabase(LOANS);
  const { app, token } = await signedInApp(file);
  try {
    const call = async (name: string, args: unknown) => {
      const result = await dispatch(app, name, args, { token });
      if (!result.ok) throw new Error(`${name} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    };
    const load = (await call('assignment.load', {})) as { assignable: Array<{ id: string }> };
    const managerIds = load.assignable.slice(0, 6).map((m) => m.id);
    const figures: Figure[] = [];
    const timed = async (label: string, name: string, args: unknown) => {
      figures.push(...(await timedCalls(app, token, label, name, args)).figures);
      // A write (the import setting, set back and forth) moves the change log before each call.
      const times: number[] = [];
      for (let i = 0; i < AFTER_WRITE_RUNS; i++) {
        await call('assignment.setSettings', { importOverwritesAssignment: i % 2 === 0 });
        const start = performance.now();
        await call(name, args);
        times.push(performance.now() - start);
      }
      await call('assignment.setSettings', { importOverwritesAssignment: false });
      figures.push({ name: `${label}, first call after a write: median of ${AFTER_WRITE_RUNS}`, value: percentile(times, 50), unit: 'ms' });
    };
    await timed('assignment.propose 6 managers 200k loans', 'assignment.propose', { managerIds });
    await timed('assignment.load 200k loans', 'assignment.load', {});
    return figures;
  } finally {
    await closeAppContext(app);
  }
};
