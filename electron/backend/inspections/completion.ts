import type { ReadDb } from '../db/read-db';

export interface CompletionFilter {
  /** The manager responsible for the loan on the task's due date (loan_assignments). */
  managerId?: string;
  /** The borrower's village. */
  villageId?: string;
}

/** One task behind 贷后完成率: due in the period, and whether an inspection fulfilled it by its due date. */
export interface CompletionLoan {
  taskId: string;
  loanId: string;
  loanNo: string;
  borrower: string;
  villageId: string | null;
  managerId: string | null;
  manager: string | null;
  kind: 'first' | 'routine' | 'adhoc';
  dueOn: string;
  /** The fulfilling inspection's date, null while the task is open. */
  inspectedOn: string | null;
  onTime: boolean;
}

export interface CompletionFigures {
  numerator: number;
  denominator: number;
  loans: CompletionLoan[];
}

/**
 * 贷后完成率 for the tasks due from `from` to `to` (both included): the denominator is every task
 * due then that was not cancelled (a settled loan needs no inspection), the numerator those an
 * inspection fulfilled on or before the due date. A task done late counts as due but not done; so
 * does one cancelled when its loan settled if an import on or after its due date still had the
 * loan on the books (it was due and missed before the loan went; settling must not rewrite that).
 * The manager is the one responsible on the due date, so a book handed over keeps its history.
 */
/** The tasks due from `from` to `to` that count (not cancelled), with the inspection and the manager responsible on the due date. */
function dueTasks(db: ReadDb, from: string, to: string) {
  return db
    .selectFrom('inspection_tasks as t')
    .leftJoin('inspections as i', 'i.id', 't.inspection_id')
    .leftJoin('loan_assignments as a', (j) =>
      j
        .onRef('a.loan_id', '=', 't.loan_id')
        .onRef('a.valid_from', '<=', 't.due_on')
        .on((eb) => eb.or([eb('a.valid_to', 'is', null), eb('a.valid_to', '>', eb.ref('t.due_on'))])),
    )
    .where((eb) =>
      eb.or([
        eb('t.status', '!=', 'cancelled'),
        eb.exists(
          eb
            .selectFrom('loan_snapshots as still')
            .select('still.loan_id')
            .whereRef('still.loan_id', '=', 't.loan_id')
            .whereRef('still.as_of', '>=', 't.due_on')
            .where('still.status', '=', 'active'),
        ),
      ]),
    )
    .where('t.due_on', '>=', from)
    .where('t.due_on', '<=', to);
}

export async function inspectionCompletion(db: ReadDb, from: string, to: string, filter: CompletionFilter = {}): Promise<CompletionFigures> {
  let q = dueTasks(db, from, to)
    .innerJoin('loans as l', 'l.id', 't.loan_id')
    .innerJoin('borrowers as b', 'b.id', 'l.borrower_id')
    .leftJoin('staff as s', 's.id', 'a.manager_id')
    .select([
      't.id as taskId',
      't.loan_id as loanId',
      'l.loan_no as loanNo',
      'b.name as borrower',
      'b.village_id as villageId',
      'a.manager_id as managerId',
      's.display_name as manager',
      't.kind',
      't.due_on as dueOn',
      'i.inspected_on as inspectedOn',
    ]);
  if (filter.managerId !== undefined) q = q.where('a.manager_id', '=', filter.managerId);
  if (filter.villageId !== undefined) q = q.where('b.village_id', '=', filter.villageId);
  const rows = await q.orderBy('t.due_on').orderBy('l.loan_no').orderBy('t.id').execute();
  const loans = rows.map((r) => ({ ...r, onTime: r.inspectedOn !== null && r.inspectedOn <= r.dueOn }));
  return { numerator: loans.filter((l) => l.onTime).length, denominator: loans.length, loans };
}

/**
 * inspectionCompletion's numerator and denominator per manager ('' for tasks of a loan nobody was
 * responsible for), without listing the tasks: the indicators' month, where a county's month is
 * ten thousand tasks. Every task's loan and borrower exist (foreign keys), so skipping those joins
 * counts the same tasks.
 */
export async function completionByManager(db: ReadDb, from: string, to: string, villageId?: string): Promise<Map<string, { numerator: number; denominator: number }>> {
  let q = dueTasks(db, from, to)
    .select((eb) => [
      eb.fn.coalesce('a.manager_id', eb.val('')).as('managerId'),
      eb.fn.countAll<number>().as('due'),
      eb.fn.sum<number>(eb.case().when('i.inspected_on', '<=', eb.ref('t.due_on')).then(1).else(0).end()).as('onTime'),
    ])
    .groupBy('managerId');
  if (villageId !== undefined)
    q = q.where('t.loan_id', 'in', (eb) => eb.selectFrom('loans as vl').innerJoin('borrowers as vb', 'vb.id', 'vl.borrower_id').select('vl.id').where('vb.village_id', '=', villageId));
  const rows = await q.execute();
  return new Map(rows.map((r) => [String(r.managerId), { numerator: Number(r.onTime), denominator: Number(r.due) }]));
}
