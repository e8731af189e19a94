import { sql } from 'kysely';
import { RISK_CLASSES, type RiskClass } from '../../shared/domain';
import { addDays } from '../../shared/dates';
import type { WriteContext } from '../changelog/write-context';
import { correctedDisbursements, type ImportPlan } from '../import/plan-import';
import { addMonths } from '../village-work/months';
import { loadInspectionRules } from './rules';

/** An ad-hoc inspection is due this many days after the import that showed the change. */
export const ADHOC_DUE_DAYS = 15;
/** A loan already on the books when the app first sees it gets its routine inspection this many days after that import. */
export const BACKLOG_DUE_DAYS = 30;

const classRank = (c: RiskClass | null | undefined) => (c ? RISK_CLASSES.indexOf(c) : -1);

/**
 * Keeps the inspection schedule after an import, in the import's transaction:
 * - cancels the open tasks of the loans it settles;
 * - opens an ad-hoc task for a loan that became overdue (principal overdue days from 0 to more)
 *   or whose risk class worsened since the register's previous figures, due 15 days after the
 *   as-of date, unless the loan already has an open ad-hoc task;
 * - gives every active loan with a disbursement date that has no open task (a new loan, one
 *   whose date arrives only now, or a register from before the schedule existed) its first task:
 *   due first_days after disbursement, overdue at once if that is past.
 * A loan disbursed more than one routine period before the as-of date is not given a first
 * task: it was on the books long before the app knew it, so an existing book does not show
 * thousands of missed first inspections. It gets a routine task due 30 days after the as-of date.
 */
export async function scheduleInspections(w: WriteContext, plan: ImportPlan, asOf: string): Promise<{ opened: number; cancelled: number }> {
  const cancelled = await cancelSettled(w, plan);
  await redateFirstTasks(w, plan);
  const adhoc = await openAdhoc(w, plan, asOf);
  // An older export adds history only: the loans are as the newer import left them, and so is the reference date.
  const reference = plan.newerRegisterAsOf ?? asOf;
  const opened = await openMissing(w, reference, (await scheduledBefore(w)) ? touchedLoans(plan) : undefined);
  return { opened: adhoc + opened, cancelled };
}

/**
 * Once an import has run with the schedule in place, every active dated loan it left had an open
 * task, and only an import (adding a loan, dating or reactivating one) makes one that has none:
 * later imports look at the loans they add or change. Until then (a register from before the
 * schedule existed) every loan is looked at.
 */
async function scheduledBefore(w: WriteContext): Promise<boolean> {
  const { rows } = await sql<{ yes: number }>`select exists (
      select 1 from imports where created_at >= (
        select cast(round((julianday(timestamp) - 2440587.5) * 86400000) as integer) from kysely_migration where name = '0070-post-loan')) as yes`.execute(w.trx);
  return rows[0]?.yes === 1;
}

/** Open first inspections of loans whose disbursement date an import corrects: due again from the corrected date. */
async function redateFirstTasks(w: WriteContext, plan: ImportPlan): Promise<void> {
  const corrected = correctedDisbursements(plan);
  if (corrected.size === 0) return;
  const open = await w.trx
    .selectFrom('inspection_tasks')
    .selectAll()
    .where('status', '=', 'open')
    .where('kind', '=', 'first')
    .where('loan_id', 'in', [...corrected.keys()])
    .execute();
  if (open.length === 0) return;
  const rules = await loadInspectionRules(w.trx);
  await w.updateMany(
    'inspection_tasks',
    open.map((before) => {
      const { to: disbursedOn, update: u } = corrected.get(before.loan_id)!;
      const rule = rules.forLoan(u.patch.product ?? u.before.product, u.patch.guarantee_type ?? u.before.guarantee_type);
      return { before, patch: { due_on: addDays(disbursedOn, rule.firstDays), reason: `放款日 ${disbursedOn} 后 ${rule.firstDays} 天内` } };
    }),
  );
}

function touchedLoans(plan: ImportPlan): string[] {
  return [...plan.loanInserts.map((l) => l.id), ...plan.loanUpdates.map((u) => u.before.id)];
}

async function cancelSettled(w: WriteContext, plan: ImportPlan): Promise<number> {
  if (plan.settle.length === 0) return 0;
  const open = [];
  const ids = plan.settle.map((s) => s.before.id);
  for (let i = 0; i < ids.length; i += 5000) {
    open.push(
      ...(await w.trx
        .selectFrom('inspection_tasks')
        .selectAll()
        .where('status', '=', 'open')
        .where('loan_id', 'in', ids.slice(i, i + 5000))
        .execute()),
    );
  }
  return w.updateMany(
    'inspection_tasks',
    open.map((before) => ({ before, patch: { status: 'cancelled' as const } })),
  );
}

function changeOf(before: ImportPlan['loanUpdates'][number]['before'], patch: ImportPlan['loanUpdates'][number]['patch']): string | null {
  const changes: string[] = [];
  const days = patch.principal_overdue_days;
  if (days !== undefined && days > 0 && before.principal_overdue_days === 0) changes.push(`转为逾期（本金逾期 ${days} 天）`);
  if (patch.risk_class && before.risk_class && classRank(patch.risk_class) > classRank(before.risk_class)) {
    changes.push(`五级分类由${before.risk_class}下调为${patch.risk_class}`);
  }
  return changes.length > 0 ? changes.join('，') : null;
}

async function openAdhoc(w: WriteContext, plan: ImportPlan, asOf: string): Promise<number> {
  const changed = new Map<string, string>();
  for (const { before, patch } of plan.loanUpdates) {
    if ((patch.status ?? before.status) !== 'active') continue;
    const change = changeOf(before, patch);
    if (change) changed.set(before.id, change);
  }
  if (changed.size === 0) return 0;
  const withAdhoc = new Set<string>();
  const ids = [...changed.keys()];
  for (let i = 0; i < ids.length; i += 5000) {
    const rows = await w.trx
      .selectFrom('inspection_tasks')
      .select('loan_id')
      .where('status', '=', 'open')
      .where('kind', '=', 'adhoc')
      .where('loan_id', 'in', ids.slice(i, i + 5000))
      .execute();
    for (const r of rows) withAdhoc.add(r.loan_id);
  }
  const dueOn = addDays(asOf, ADHOC_DUE_DAYS);
  const rows = [...changed]
    .filter(([loanId]) => !withAdhoc.has(loanId))
    .map(([loanId, change]) => ({ loan_id: loanId, kind: 'adhoc' as const, due_on: dueOn, reason: `${change}（导入数据截至 ${asOf}）`, status: 'open' as const, inspection_id: null }));
  await w.insertMany('inspection_tasks', rows);
  return rows.length;
}

/**
 * Opens the schedule of every active loan without an open task, as of `reference` (an import's
 * date; demo data's); of the loans `among` only, when given.
 */
export async function openMissing(w: WriteContext, reference: string, among?: readonly string[]): Promise<number> {
  const query = w.trx
    .selectFrom('loans as l')
    .select(['l.id', 'l.product', 'l.guarantee_type', 'l.disbursed_on'])
    .where('l.status', '=', 'active')
    .where('l.disbursed_on', 'is not', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('inspection_tasks as t').select('t.id').whereRef('t.loan_id', '=', 'l.id').where('t.status', '=', 'open'))));
  // Concatenated, not spread into push: 200k rows as arguments overflow the stack.
  let loans = among === undefined ? await query.execute() : [];
  // One bound JSON array per chunk: the ids are many (a county's first import adds 100k loans).
  if (among !== undefined) {
    for (let i = 0; i < among.length; i += 20_000) {
      loans = loans.concat(await query.where('l.id', 'in', sql<string>`(select value from json_each(${JSON.stringify(among.slice(i, i + 20_000))}))`).execute());
    }
  }
  return openFirstTasks(w, loans, reference);
}

/**
 * Opens the schedule of `loans` (active, dated, without an open task), as of `reference`: what
 * openMissing does once it found them; a first import written while read (first-import-writer.ts)
 * gives each batch's new loans, which have no task, without looking them up again.
 */
export async function openFirstTasks(
  w: WriteContext,
  loans: ReadonlyArray<{ id: string; product: string; guarantee_type: string; disbursed_on: string | null }>,
  reference: string,
): Promise<number> {
  if (loans.length === 0) return 0;
  const rules = await loadInspectionRules(w.trx);
  // Many loans share a product and a disbursement date: each date worked out once.
  const memo = new Map<string, string>();
  const once = (key: string, make: () => string) => {
    let v = memo.get(key);
    if (v === undefined) memo.set(key, (v = make()));
    return v;
  };
  const backlogDue = addDays(reference, BACKLOG_DUE_DAYS);
  const rows = loans.map((l) => {
    const rule = rules.forLoan(l.product, l.guarantee_type);
    const disbursedOn = l.disbursed_on!;
    const longBefore = disbursedOn < once(`m${rule.routineMonths}`, () => addMonths(reference, -rule.routineMonths));
    return longBefore
      ? { loan_id: l.id, kind: 'routine' as const, due_on: backlogDue, reason: `放款于 ${disbursedOn}，早于本系统接管（导入数据截至 ${reference}）`, status: 'open' as const, inspection_id: null }
      : { loan_id: l.id, kind: 'first' as const, due_on: once(`${disbursedOn}+${rule.firstDays}`, () => addDays(disbursedOn, rule.firstDays)), reason: `放款日 ${disbursedOn} 后 ${rule.firstDays} 天内`, status: 'open' as const, inspection_id: null };
  });
  await w.insertBulk('inspection_tasks', rows);
  return rows.length;
}
