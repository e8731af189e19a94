import type { NewValues, Update, WriteContext } from '../changelog/write-context';
import type { LoggedTable } from '../db/schema';
import type { ImportPlan } from './plan-import';

/** How many rows a plan's steps write (applyImportPlan's), for a commit's progress. */
export function planRows(plan: ImportPlan): number {
  return steps(plan).reduce((sum, s) => sum + s.rows, 0);
}

interface Step {
  rows: number;
  run(w: WriteContext): Promise<unknown>;
}

const insert = <T extends LoggedTable>(table: T, rows: ReadonlyArray<NewValues<T>>): Step => ({ rows: rows.length, run: (w) => w.insertBulk(table, rows) });
const update = <T extends LoggedTable>(table: T, rows: ReadonlyArray<Update<T>>): Step => ({ rows: rows.length, run: (w) => w.updateMany(table, rows) });

function steps(plan: ImportPlan): Step[] {
  return [
    insert('villages', plan.villages),
    insert('staff', plan.managers),
    insert('manager_names', plan.managerNames),
    insert('borrowers', plan.borrowerInserts),
    update('borrowers', plan.borrowerUpdates),
    insert('borrower_phones', plan.phoneInserts),
    insert('loans', plan.loanInserts),
    update('loans', plan.loanUpdates),
    update('loans', plan.settle),
    // Ends first: a loan has one current assignment at a time.
    update('loan_assignments', plan.assignmentEnds),
    insert('loan_assignments', plan.assignmentInserts),
    insert('loan_snapshots', plan.snapshotInserts),
    update('loan_snapshots', plan.snapshotUpdates),
  ];
}

/**
 * Writes a plan through the change-logged write path; the caller holds the transaction.
 * New rows come from the file recorded in `imports`, so they are logged per batch (insertBulk);
 * updates are logged per row with their before and after values. `onWritten`: after each
 * table's rows, how many they were.
 */
export async function applyImportPlan(w: WriteContext, plan: ImportPlan, onWritten?: (rows: number) => void): Promise<void> {
  for (const step of steps(plan)) {
    if (step.rows === 0) continue;
    await step.run(w);
    onWritten?.(step.rows);
  }
}
