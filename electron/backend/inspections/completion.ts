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
 * inspection fulfilled on or before the due date. A task done late counts as due but not done.
 * The manager is the one responsible on the due date, so a book handed over keeps its history.
 */
export async function inspectionCompletion(db: ReadDb, from: string, to: string, filter: CompletionFilter = {}): Promise<CompletionFigures> {
  let q = db
    .selectFrom('inspection_tasks as t')
    .innerJoin('loans as l', 'l.id', 't.loan_id')
    .innerJoin('borrowers as b', 'b.id', 'l.borrower_id')
    .leftJoin('inspections as i', 'i.id', 't.inspection_id')
    .leftJoin('loan_assignments as a', (j) =>
      j
        .onRef('a.loan_id', '=', 't.loan_id')
        .onRef('a.valid_from', '<=', 't.due_on')
        .on((eb) => eb.or([eb('a.valid_to', 'is', null), eb('a.valid_to', '>', eb.ref('t.due_on'))])),
    )
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
    ])
    .where('t.status', '!=', 'cancelled')
    .where('t.due_on', '>=', from)
    .where('t.due_on', '<=', to);
  if (filter.managerId !== undefined) q = q.where('a.manager_id', '=', filter.managerId);
  if (filter.villageId !== undefined) q = q.where('b.village_id', '=', filter.villageId);
  const rows = await q.orderBy('t.due_on').orderBy('l.loan_no').orderBy('t.id').execute();
  const loans = rows.map((r) => ({ ...r, onTime: r.inspectedOn !== null && r.inspectedOn <= r.dueOn }));
  return { numerator: loans.filter((l) => l.onTime).length, denominator: loans.length, loans };
}
