import type { WriteContext } from '../changelog/write-context';
import type { ImportPlan } from './plan-import';

/**
 * Writes a plan through the change-logged write path; the caller holds the transaction.
 * New rows come from the file recorded in `imports`, so they are logged per batch (insertBulk);
 * updates are logged per row with their before and after values.
 */
export async function applyImportPlan(w: WriteContext, plan: ImportPlan): Promise<void> {
  await w.insertBulk('villages', plan.villages);
  await w.insertBulk('staff', plan.managers);
  await w.insertBulk('manager_names', plan.managerNames);
  await w.insertBulk('borrowers', plan.borrowerInserts);
  await w.updateMany('borrowers', plan.borrowerUpdates);
  await w.insertBulk('borrower_phones', plan.phoneInserts);
  await w.insertBulk('loans', plan.loanInserts);
  await w.updateMany('loans', plan.loanUpdates);
  await w.updateMany('loans', plan.settle);
  // Ends first: a loan has one current assignment at a time.
  await w.updateMany('loan_assignments', plan.assignmentEnds);
  await w.insertBulk('loan_assignments', plan.assignmentInserts);
  await w.insertBulk('loan_snapshots', plan.snapshotInserts);
  await w.updateMany('loan_snapshots', plan.snapshotUpdates);
}
