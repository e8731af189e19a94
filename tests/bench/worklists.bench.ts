import { closeAppContext } from '../../electron/backend/app-context';
import { CURRENT_MANAGERS } from '../../electron/backend/worklists/current-manager';
import { sql } from 'kysely';
import { signedInApp } from '../helpers/signed-in-app';
import { timedCalls } from './timed-calls';
import type { BenchRun, Figure } from './types';

const LOANS = 200_000;

/** Each worklist handler through the dispatcher on a county-sized book: the first grid page with the list's count and sums, the tab counts, a manager's and a village's list. */
export const run: BenchRun = async (ws) => {
  const { file } = await ws.demoDatabase(LOANS);
  const { app, token } = await signedInApp(file);
  try {
    const figures: Figure[] = [];
    const timed = async (label: string, name: string, args: unknown) => {
      const { figures: f, first } = await timedCalls(app, token, label, name, args);
      figures.push(...f);
      const count = (first as { count?: number }).count;
      if (typeof count === 'number') figures.push({ name: `${label}: loans in the list`, value: count, unit: 'loans' });
    };
    const manager = await sql<{ id: string }>`select manager_id as id from ${sql.raw(CURRENT_MANAGERS)} limit 1`.execute(app.db);
    const village = await app.db.selectFrom('villages').select('id').orderBy('name').limit(1).executeTakeFirstOrThrow();
    const managerId = manager.rows[0]?.id;
    const page = { offset: 0, limit: 100 };
    await timed('worklists: 到期提示, first page', 'worklists.list', { query: { list: 'due-soon' }, ...page });
    await timed('worklists: overdue, first page', 'worklists.list', { query: { list: 'overdue' }, ...page });
    await timed('worklists: overdue 31–90, first page', 'worklists.list', { query: { list: 'overdue', bucket: '31-90' }, ...page });
    await timed('worklists: overdue 361+, page 20', 'worklists.list', { query: { list: 'overdue', bucket: '361+' }, offset: 1900, limit: 100 });
    await timed('worklists: hand-over, first page', 'worklists.list', { query: { list: 'handover' }, ...page });
    await timed('worklists: overdue of one manager, first page', 'worklists.list', { query: { list: 'overdue', managerId }, ...page });
    await timed('worklists: overdue of one village, first page', 'worklists.list', { query: { list: 'overdue', villageId: village.id }, ...page });
    await timed('worklists: overdue by balance, first page', 'worklists.list', { query: { list: 'overdue' }, sort: [{ colId: 'balanceFen', sort: 'desc' }], ...page });
    await timed('worklists: tab counts, whole branch', 'worklists.counts', {});
    await timed('worklists: tab counts, one manager', 'worklists.counts', { managerId });
    await timed('worklists: filter options', 'worklists.options', {});
    await timed('worklists: hand-over of one village as .xlsx', 'worklists.exportXlsx', { query: { list: 'handover', villageId: village.id } });
    return figures;
  } finally {
    await closeAppContext(app);
  }
};
