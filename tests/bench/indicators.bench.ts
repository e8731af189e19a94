import { copyFileSync } from 'node:fs';
import { closeAppContext } from '../../electron/backend/app-context';
import { SYSTEM_ACTOR } from '../../electron/backend/changelog/actor';
import { writerAs } from '../../electron/backend/changelog/write-context';
import { refreshPlannerStats } from '../../electron/backend/db/connection';
import { dispatch } from '../../electron/backend/rpc/dispatch';
import type { IndicatorMonth } from '../../electron/shared/api/indicators';
import { signedInApp } from '../helpers/signed-in-app';
import { timedCalls } from './timed-calls';
import type { BenchRun, Figure } from './types';

const LOANS = 200_000;
const CHUNK = 20_000;
/** Month-end imports before the demo's own (2026-11-20): twelve monthly snapshots in all. */
const MONTH_ENDS = ['2025-12-31', '2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30', '2026-07-31', '2026-08-31', '2026-09-30', '2026-10-31'];
/** The quarter month measured also has imports of its 20th and 21st (the interest settlement day and the day after). */
const MONTH = '2026-09';
const EXTRA = ['2026-09-20', '2026-09-21'];

/**
 * All indicators of one month on the county book (200k loans) with a year of monthly snapshots:
 * the branch, one manager, the managers side by side, a drill's first page, a year's trend.
 */
export const run: BenchRun = async (ws) => {
  const demo = await ws.demoDatabase(LOANS);
  const file = ws.file('indicators-history.sqlite');
  copyFileSync(demo.file, file);
  const { app, token } = await signedInApp(file);
  try {
    const figures: Figure[] = [];
    const start = performance.now();
    figures.push({ name: 'indicators: history snapshots added', value: await addHistory(app.db as Parameters<typeof writerAs>[0]), unit: 'rows' });
    // As every import ends: the planner's statistics brought up to date with the rows just written.
    await refreshPlannerStats(app.db);
    figures.push({ name: 'indicators: adding them', value: performance.now() - start, unit: 'ms' });

    const timed = async (label: string, name: string, args: unknown, runs: number) => {
      const { figures: f, first } = await timedCalls(app, token, label, name, args, runs);
      figures.push(...f);
      return first;
    };
    // The first call computes; later ones within the same tables' version are kept (see kept-tallies.ts).
    // CPU time beside the wall time: the process's, SQLite's threads included, so it is the work done
    // whatever else runs on the machine (on 2 cores the three connections can at best halve it).
    const cpu = process.cpuUsage();
    const cold = performance.now();
    const first = await dispatch(app, 'indicators.month', { month: MONTH }, { token });
    if (!first.ok) throw new Error(`indicators.month failed: ${first.error.message}`);
    figures.push({ name: `indicators: all of ${MONTH}, branch, computed (first call)`, value: performance.now() - cold, unit: 'ms' });
    const used = process.cpuUsage(cpu);
    figures.push({ name: `indicators: all of ${MONTH}, branch, computed (first call), CPU`, value: (used.user + used.system) / 1000, unit: 'ms' });
    const month = (await timed(`indicators: all of ${MONTH}, branch, kept`, 'indicators.month', { month: MONTH }, 5)) as IndicatorMonth;
    for (const i of month.indicators) if (i.figure.value !== null) figures.push({ name: `indicators: ${MONTH} ${i.name}`, value: Math.round(i.figure.value * 10_000) / 100, unit: '%' });
    figures.push({ name: `indicators: ${MONTH} 流失客户`, value: month.lostCustomers.count, unit: 'households' });
    figures.push({ name: `indicators: ${MONTH} imports missing`, value: month.missingSnapshots.length, unit: 'dates' });
    const manager = await app.db.selectFrom('staff').select('id').where('role', '=', 'manager').limit(1).executeTakeFirstOrThrow();
    await timed(`indicators: all of ${MONTH}, one manager, kept`, 'indicators.month', { month: MONTH, managerId: manager.id }, 5);
    const other = performance.now();
    const latest = await dispatch(app, 'indicators.month', { month: '2026-11' }, { token });
    if (!latest.ok) throw new Error(`indicators.month failed: ${latest.error.message}`);
    figures.push({ name: 'indicators: all of 2026-11 (the latest import), branch, computed (first call)', value: performance.now() - other, unit: 'ms' });
    await timed(`indicators: ${MONTH} managers side by side, kept`, 'indicators.byManager', { month: MONTH }, 3);
    await timed(`indicators: ${MONTH} drill 不良率, first page`, 'indicators.drill', { month: MONTH, indicator: 'nplRatio', offset: 0, limit: 500 }, 3);
    const trend = performance.now();
    const computed = await dispatch(app, 'indicators.trend', { from: '2025-12', to: '2026-11' }, { token });
    if (!computed.ok) throw new Error(`indicators.trend failed: ${computed.error.message}`);
    figures.push({ name: 'indicators: trend 2025-12 to 2026-11, the ten months not yet kept computed (first call)', value: performance.now() - trend, unit: 'ms' });
    await timed('indicators: trend 2025-12 to 2026-11, kept', 'indicators.trend', { from: '2025-12', to: '2026-11' }, 1);

    // What else reads the same history: the early warnings (whole branch, then read again while
    // nothing changes) and the month-end pack's figures as .xlsx (no PDF renderer in the figure).
    const warnings = performance.now();
    const list = await dispatch(app, 'warnings.list', { offset: 0, limit: 100 }, { token });
    if (!list.ok) throw new Error(`warnings.list failed: ${list.error.message}`);
    figures.push({ name: 'warnings: whole branch, first page (first read)', value: performance.now() - warnings, unit: 'ms' });
    await timed('warnings: whole branch, first page, kept', 'warnings.list', { offset: 0, limit: 100 }, 3);
    await timed(`month-end pack ${MONTH} as .xlsx (indicators kept)`, 'monthEnd.pack', { month: MONTH, format: 'xlsx', deliver: 'file' }, 1);
    return figures;
  } finally {
    await closeAppContext(app);
  }
};

/**
 * Snapshots at each date for the loans disbursed by then: balances higher the further back for
 * every third loan, overdue days shorter; interest owed cleared on the 21st for three loans in four.
 */
export async function addHistory(db: Parameters<typeof writerAs>[0]): Promise<number> {
  const loans = await db
    .selectFrom('loan_snapshots as s')
    .innerJoin('loans as l', 'l.id', 's.loan_id')
    .select(['s.loan_id', 's.balance_fen', 's.principal_overdue_days', 's.interest_owed_fen', 's.interest_overdue_days', 's.risk_class', 's.manager_id', 'l.disbursed_on'])
    .execute();
  const write = writerAs(db, SYSTEM_ACTOR);
  let added = 0;
  const dates = [...MONTH_ENDS, ...EXTRA];
  for (const asOf of dates) {
    const back = Math.round((Date.parse('2026-11-20') - Date.parse(asOf)) / (30 * 86_400_000));
    const rows = loans
      .map((l, i) => ({ l, i }))
      .filter(({ l }) => l.disbursed_on === null || l.disbursed_on <= asOf)
      .map(({ l, i }) => ({
        loan_id: l.loan_id,
        as_of: asOf,
        balance_fen: l.balance_fen + (i % 3 === 0 ? back * 10_000 : 0),
        principal_overdue_days: Math.max(0, l.principal_overdue_days - 30 * back),
        interest_owed_fen: asOf.endsWith('-20') ? (l.interest_owed_fen ?? 0) + 5_000 : asOf.endsWith('-21') && i % 4 !== 0 ? 0 : l.interest_owed_fen,
        interest_overdue_days: l.interest_overdue_days,
        risk_class: l.risk_class,
        status: 'active' as const,
        import_id: null,
        manager_id: l.manager_id,
      }));
    for (let i = 0; i < rows.length; i += CHUNK) await write((w) => w.insertBulk('loan_snapshots', rows.slice(i, i + CHUNK)));
    added += rows.length;
  }
  return added;
}
