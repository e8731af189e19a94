import type { WriteContext } from '../changelog/write-context';
import type { ImportPlan } from './plan-import';

/** How many rows a plan's steps write (applyImportPlan's), for a commit's progress. */
export function planRows(plan: ImportPlan): number {
  return steps(plan).reduce((sum, s) => sum + s.rows, 0);
}

function steps(plan: ImportPlan) {
  return [
    { rows: plan.villages.length, run: (w: WriteContext) => w.insertBulk('villages', plan.villages) },
    { rows: plan.managers.length, run: (w: WriteContext) => w.insertBulk('staff', plan.managers) },
    { rows: plan.managerNames.length, run: (w: WriteContext) => w.insertBulk('manager_names', plan.managerNames) },
    { rows: plan.borrowerInserts.length, run: (w: WriteContext) => w.insertBulk('borrowers', plan.borrowerInserts) },
    { rows: plan.borrowerUpdates.length, run: (w: WriteContext) => w.updateMany('borrowers', plan.borrowerUpdates) },
    { rows: plan.phoneInserts.length, run: (w: WriteContext) => w.insertBulk('borrower_phones', plan.phoneInserts) },
    { rows: plan.loanInserts.length, run: (w: WriteContext) => w.insertBulk('loans', plan.loanInserts) },
    { rows: plan.loanUpdates.length, run: (w: WriteContext) => w.updateMany('loans', plan.loanUpdates) },
    { rows: plan.settle.length, run: (w: WriteContext) => w.updateMany('loans', plan.settle) },
    // Ends first: a loan has one current assignment at a time.
    { rows: plan.assignmentEnds.length, run: (w: WriteContext) => w.updateMany('loan_assignments', plan.assignmentEnds) },
    { rows: plan.assignmentInserts.length, run: (w: WriteContext) => w.insertBulk('loan_assignments', plan.assignmentInserts) },
    { rows: plan.snapshotInserts.length, run: (w: WriteContext) => w.insertBulk('loan_snapshots', plan.snapshotInserts) },
    { rows: plan.snapshotUpdates.length, run: (w: WriteContext) => w.updateMany('loan_snapshots', plan.snapshotUpdates) },
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
