import { DUE_WINDOW_DAYS, type DueTasksPage } from '../../shared/api/inspections';
import { addDays } from '../../shared/dates';
import type { ReadDb } from '../db/read-db';

export interface DueQuery {
  asOf: string;
  managerId?: string | null;
  villageId?: string;
  offset: number;
  limit: number;
}

function openTasks(db: ReadDb, q: DueQuery, windowEnd: string) {
  let query = db
    .selectFrom('inspection_tasks as t')
    .innerJoin('loans as l', 'l.id', 't.loan_id')
    .innerJoin('borrowers as b', 'b.id', 'l.borrower_id')
    .leftJoin('villages as v', 'v.id', 'b.village_id')
    .leftJoin('current_loan_managers as cm', 'cm.loan_id', 't.loan_id')
    .leftJoin('staff as s', 's.id', 'cm.manager_id')
    .where('t.status', '=', 'open')
    .where('t.due_on', '<=', windowEnd);
  if (q.managerId === null) query = query.where('cm.manager_id', 'is', null);
  else if (q.managerId !== undefined) query = query.where('cm.manager_id', '=', q.managerId);
  if (q.villageId !== undefined) query = query.where('b.village_id', '=', q.villageId);
  return query;
}

/**
 * The inspections worklist: open tasks due on or before as-of + 30 days, overdue ones (due before
 * the as-of date) included, by due date then loan number; with the whole selection's counts per
 * manager (today's manager of the loan).
 */
export async function dueTasks(db: ReadDb, q: DueQuery): Promise<DueTasksPage> {
  const windowEnd = addDays(q.asOf, DUE_WINDOW_DAYS);
  const [rows, perManager] = await Promise.all([
    openTasks(db, q, windowEnd)
      .select([
        't.id as taskId',
        't.loan_id as loanId',
        'l.loan_no as loanNo',
        'b.name as borrower',
        'v.name as village',
        'cm.manager_id as managerId',
        's.display_name as manager',
        't.kind',
        't.due_on as dueOn',
        't.reason',
      ])
      .orderBy('t.due_on')
      .orderBy('l.loan_no')
      .orderBy('t.id')
      .offset(q.offset)
      .limit(q.limit)
      .execute(),
    openTasks(db, q, windowEnd)
      .select((eb) => [
        'cm.manager_id as managerId',
        's.display_name as manager',
        eb.fn.countAll<number>().as('due'),
        eb.fn.sum<number>(eb.case().when('t.due_on', '<', q.asOf).then(1).else(0).end()).as('overdue'),
      ])
      .groupBy(['cm.manager_id', 's.display_name'])
      .execute(),
  ]);
  const byManager = perManager
    .map((m) => ({ managerId: m.managerId, manager: m.manager, due: Number(m.due), overdue: Number(m.overdue ?? 0) }))
    .sort((a, b) => b.due - a.due || (a.manager ?? '').localeCompare(b.manager ?? '', 'zh-CN'));
  return {
    asOf: q.asOf,
    windowEnd,
    count: byManager.reduce((s, m) => s + m.due, 0),
    overdueCount: byManager.reduce((s, m) => s + m.overdue, 0),
    rows: rows.map((r) => ({ ...r, overdue: r.dueOn < q.asOf })),
    byManager,
  };
}
