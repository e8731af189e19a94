import { closeAppContext } from '../../electron/backend/app-context';
import { CURRENT_MANAGERS } from '../../electron/backend/worklists/current-manager';
import { sql } from 'kysely';
import { writerAs } from '../../electron/backend/changelog/write-context';
import { SYSTEM_ACTOR } from '../../electron/backend/changelog/actor';
import { addDays, todayLocal } from '../../electron/shared/dates';
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
    await timed('worklists: 诉讼准备, first page', 'worklists.list', { query: { list: 'litigation' }, ...page });
    const contacts = await logContacts(app.db as Parameters<typeof writerAs>[0]);
    figures.push({ name: 'contact lists: contacts logged (overdue loans)', value: contacts, unit: 'contacts' });
    await timed('contact lists: 今日跟进, whole branch', 'contacts.worklist', { list: 'follow-ups' });
    await timed('contact lists: 违约承诺, whole branch', 'contacts.worklist', { list: 'broken-promises' });
    await timed('contact lists: 今日跟进, one manager', 'contacts.worklist', { list: 'follow-ups', managerId });
    return figures;
  } finally {
    await closeAppContext(app);
  }
};

/**
 * A month of collection work on the county book: a contact on each of the first 20,000 overdue
 * loans, every other one with a promise (half of those fall due today or earlier) and every
 * third with a follow-up due today.
 */
async function logContacts(db: Parameters<typeof writerAs>[0]): Promise<number> {
  const today = todayLocal();
  const loans = await db.selectFrom('loans').select(['id', 'borrower_id', 'balance_fen']).where('principal_overdue_days', '>', 0).orderBy('id').limit(20_000).execute();
  const rows = loans.map((l, i) => ({
    borrower_id: l.borrower_id,
    loan_id: l.id,
    contacted_at: `${addDays(today, -(i % 25) - 5)} 10:00`,
    way: 'phone' as const,
    reached: 'self' as const,
    outcome: '',
    promise_on: i % 2 === 0 ? addDays(today, (i % 8) - 4) : null,
    promise_fen: i % 2 === 0 ? Math.max(1, Math.round(l.balance_fen / 10)) : null,
    follow_up_on: i % 3 === 0 ? today : null,
    note: '',
    staff_id: SYSTEM_ACTOR.id,
    sms_message_id: null,
  }));
  const write = writerAs(db, SYSTEM_ACTOR);
  for (let i = 0; i < rows.length; i += 2000) await write((w) => w.insertMany('contacts', rows.slice(i, i + 2000)));
  return rows.length;
}
