import type { WriteContext } from '../changelog/write-context';
import type { ImportPlan } from './plan-import';

/** Writes a plan through the change-logged write path; the caller holds the transaction. */
export async function applyImportPlan(w: WriteContext, plan: ImportPlan): Promise<void> {
  await w.insertMany('villages', plan.villages);
  await w.insertMany('staff', plan.managers);
  await w.insertMany('borrowers', plan.borrowerInserts);
  await w.updateMany('borrowers', plan.borrowerUpdates);
  await w.insertMany('borrower_phones', plan.phoneInserts);
  await w.insertMany('loans', plan.loanInserts);
  await w.updateMany('loans', plan.loanUpdates);
  await w.updateMany('loans', plan.settle);
  await w.insertMany('loan_snapshots', plan.snapshotInserts);
  await w.updateMany('loan_snapshots', plan.snapshotUpdates);
}
