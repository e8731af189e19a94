import { copyFileSync } from 'node:fs';
import { closeAppContext } from '../../electron/backend/app-context';
import { SYSTEM_ACTOR } from '../../electron/backend/changelog/actor';
import { writerAs } from '../../electron/backend/changelog/write-context';
import { DEMO_AS_OF } from '../../electron/backend/demo/loans';
import { addDays } from '../../electron/shared/dates';
import { signedInApp } from '../helpers/signed-in-app';
import { timedCalls } from './timed-calls';
import type { BenchRun, Figure } from './types';

const LOANS = 200_000;
/** Monthly snapshots before the demo's own: a year of imports. */
const HISTORY_MONTHS = 11;
const CHUNK = 20_000;
const AS_OF = '2028-06-01';

/**
 * The limitation clock on a county book with a year of monthly snapshots per loan (2.4M rows; a
 * third of the loans paid something in some month) and 5,000 written acknowledgements: the
 * lists' first page and count, a manager's list, searches, one loan's clock, as of AS_OF.
 */
export const run: BenchRun = async (ws) => {
  const demo = await ws.demoDatabase(LOANS);
  const file = ws.file('limitation-history.sqlite');
  copyFileSync(demo.file, file);
  const { app, token } = await signedInApp(file);
  try {
    const figures: Figure[] = [];
    const start = performance.now();
    const snapshots = await addHistory(app.db as Parameters<typeof writerAs>[0]);
    figures.push({ name: 'limitation: history snapshots added', value: snapshots, unit: 'rows' });
    figures.push({ name: 'limitation: adding them', value: performance.now() - start, unit: 'ms' });

    // The first call of a list works out its order, which later pages and calls reuse (limitation-list.ts).
    const timed = async (label: string, name: string, args: unknown, runs = 5) => {
      const { figures: f, first } = await timedCalls(app, token, label, name, args, runs, { firstCall: true });
      figures.push(...f);
      const count = (first as { count?: number }).count;
      if (typeof count === 'number') figures.push({ name: `${label}: loans in the list`, value: count, unit: 'loans' });
      return first;
    };
    // The demo's loans mature from late 2024: by then many limitations end within 180 days or have ended.
    const asOf = AS_OF;
    const page = { asOf, offset: 0, limit: 100 };
    await timed('limitation: 即将届满, first page', 'limitation.list', { ...page, show: 'expiring' });
    await timed('limitation: 已届满, first page', 'limitation.list', { ...page, show: 'expired' });
    const all = (await timed('limitation: 全部, first page', 'limitation.list', { ...page, show: 'all' }, 3)) as { rows: Array<{ loanId: string; loanNo: string; borrowerName: string }> };
    await timed('limitation: 全部, page 1,000', 'limitation.list', { ...page, show: 'all', offset: 99_900 }, 3);
    const manager = await app.db.selectFrom('current_loan_managers').select('manager_id').limit(1).executeTakeFirstOrThrow();
    await timed('limitation: 即将届满 of one manager', 'limitation.list', { ...page, show: 'expiring', managerId: manager.manager_id });
    await timed('limitation: search by loan number', 'limitation.list', { ...page, show: 'all', text: all.rows[0].loanNo });
    await timed('limitation: search by a surname', 'limitation.list', { ...page, show: 'all', text: all.rows[0].borrowerName.slice(0, 1) });
    await timed("limitation: one loan's clock", 'limitation.loan', { loanId: all.rows[0].loanId, asOf });
    return figures;
  } finally {
    await closeAppContext(app);
  }
};

/** Eleven monthly snapshots before the demo's as-of date for every loan; balances higher in the past for every third loan. */
async function addHistory(db: Parameters<typeof writerAs>[0]): Promise<number> {
  const loans = await db.selectFrom('loan_snapshots').select(['loan_id', 'balance_fen', 'principal_overdue_days', 'interest_owed_fen', 'interest_overdue_days', 'risk_class', 'manager_id']).execute();
  const write = writerAs(db, SYSTEM_ACTOR);
  let added = 0;
  for (let month = 1; month <= HISTORY_MONTHS; month++) {
    const asOf = addDays(DEMO_AS_OF, -30 * month);
    const rows = loans.map((l, i) => ({
      loan_id: l.loan_id,
      as_of: asOf,
      balance_fen: l.balance_fen + (i % 3 === 0 ? month * 10_000 : 0),
      principal_overdue_days: Math.max(0, l.principal_overdue_days - 30 * month),
      interest_owed_fen: l.interest_owed_fen,
      interest_overdue_days: l.interest_overdue_days,
      risk_class: l.risk_class,
      status: 'active' as const,
      import_id: null,
      manager_id: l.manager_id,
    }));
    for (let i = 0; i < rows.length; i += CHUNK) await write((w) => w.insertBulk('loan_snapshots', rows.slice(i, i + CHUNK)));
    added += rows.length;
  }
  const acknowledged = loans.filter((_, i) => i % 40 === 1).map((l) => ({ loan_id: l.loan_id, kind: 'acknowledgement' as const, event_on: addDays(DEMO_AS_OF, -400), note: '', staff_id: SYSTEM_ACTOR.id }));
  for (let i = 0; i < acknowledged.length; i += CHUNK) await write((w) => w.insertBulk('limitation_events', acknowledged.slice(i, i + CHUNK)));
  return added;
}
