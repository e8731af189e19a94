import { closeAppContext } from '../../electron/backend/app-context';
import { dispatch } from '../../electron/backend/rpc/dispatch';
import { signedInApp } from '../helpers/signed-in-app';
import { percentile } from './stats';
import { timedCalls } from './timed-calls';
import type { BenchRun, Figure } from './types';

const LOANS = 200_000;

/**
 * The archive page's calls through the dispatcher on a county-sized book (files opened as imports
 * open them; the demo's cut-over leaves the last months' files being collected): the grid's
 * first page of the whole archive and of the files being collected, the overdue files, a page
 * deep in the list, and the status summary.
 */
export const run: BenchRun = async (ws) => {
  const { file } = await ws.demoDatabase(LOANS);
  const { app, token } = await signedInApp(file);
  try {
    const figures: Figure[] = [];
    const timed = async (label: string, name: string, args: unknown) => {
      const { figures: f, first } = await timedCalls(app, token, label, name, args);
      figures.push(...f);
      const total = (first as { total?: number }).total;
      if (typeof total === 'number') figures.push({ name: `${label}: files in the selection`, value: total, unit: 'files' });
    };
    const page = { offset: 0, limit: 100 };
    await timed('archives: grid, first page of the whole archive', 'archives.files', page);
    await timed('archives: grid, first page of 收集中', 'archives.files', { status: 'collecting', ...page });
    await timed('archives: grid, first page of 逾期', 'archives.files', { status: 'overdue', ...page });
    await timed('archives: grid, page 50 of the whole archive', 'archives.files', { offset: 4900, limit: 100 });
    await timed('archives: status summary, unchanged archive', 'archives.summary', {});
    // Each call for another date, so that none is answered from the summary kept since the last one.
    const uncached: number[] = [];
    for (let day = 1; day <= 20; day++) {
      const start = performance.now();
      const result = await dispatch(app, 'archives.summary', { asOf: `2026-11-${String(day).padStart(2, '0')}` }, { token });
      if (!result.ok) throw new Error(result.error.message);
      uncached.push(performance.now() - start);
    }
    figures.push({ name: 'archives: status summary, read afresh: median of 20', value: percentile(uncached, 50), unit: 'ms' });
    figures.push({ name: 'archives: status summary, read afresh: p95 of 20', value: percentile(uncached, 95), unit: 'ms' });
    const files = await app.db.selectFrom('archive_files').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    figures.push({ name: 'archives: files in the archive', value: Number(files.n), unit: 'files' });
    return figures;
  } finally {
    await closeAppContext(app);
  }
};
