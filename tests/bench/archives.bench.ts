import { closeAppContext } from '../../electron/backend/app-context';
import { signedInApp } from '../helpers/signed-in-app';
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
    await timed('archives: status summary', 'archives.summary', {});
    const files = await app.db.selectFrom('archive_files').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    figures.push({ name: 'archives: files in the archive', value: Number(files.n), unit: 'files' });
    return figures;
  } finally {
    await closeAppContext(app);
  }
};
