import { OPEN_STATUSES } from '../../shared/archive';
import type { WriteContext } from '../changelog/write-context';
import { correctedDisbursements, type ImportPlan } from '../import/plan-import';
import { archiveDueOn, loadArchiveCalendar } from './archive-calendar';

/**
 * Opens a loan file for each loan the import gives a disbursement date for the first time: new
 * loans, and known loans whose date was missing until now. Its deadline counts from the
 * disbursement; a loan disbursed before the cut-over starts as received (the backlog).
 * Runs in the import's transaction; its rows are logged like the import's (per batch, by id).
 * A date the core system corrects moves the date and deadline of a file still at the branch.
 */
export async function openArchiveFiles(w: WriteContext, plan: ImportPlan): Promise<number> {
  await redateArchiveFiles(w, plan);
  const candidates = new Map<string, string>();
  for (const loan of plan.loanInserts) if (loan.disbursed_on) candidates.set(loan.id!, loan.disbursed_on);
  const dated = plan.loanUpdates.filter((u) => u.before.disbursed_on === null && u.patch.disbursed_on);
  if (dated.length > 0) {
    const existing = new Set(
      (await w.trx.selectFrom('archive_files').select('loan_id').where('loan_id', 'in', dated.map((u) => u.before.id)).execute()).map((r) => r.loan_id),
    );
    for (const u of dated) if (!existing.has(u.before.id)) candidates.set(u.before.id, u.patch.disbursed_on!);
  }
  if (candidates.size === 0) return 0;
  const cal = await loadArchiveCalendar(w.trx);
  // A county's first import dates 100k loans on a few thousand days: each deadline counted once.
  const dueOn = new Map<string, string>();
  const rows = [...candidates].map(([loanId, disbursedOn]) => {
    const backlog = cal.cutoverDate !== null && disbursedOn < cal.cutoverDate;
    let due = dueOn.get(disbursedOn);
    if (due === undefined) dueOn.set(disbursedOn, (due = archiveDueOn(cal, disbursedOn)));
    return {
      loan_id: loanId,
      disbursed_on: disbursedOn,
      due_on: due,
      status: backlog ? ('received' as const) : ('collecting' as const),
      backlog: backlog ? 1 : 0,
      received_on: backlog ? cal.cutoverDate : null,
    };
  });
  await w.insertBulk('archive_files', rows);
  return rows.length;
}

/** Files still at the branch whose loan's disbursement date an import corrects: their date, and the deadline counted from it. */
async function redateArchiveFiles(w: WriteContext, plan: ImportPlan): Promise<void> {
  const corrected = correctedDisbursements(plan);
  if (corrected.size === 0) return;
  const files = await w.trx
    .selectFrom('archive_files')
    .selectAll()
    .where('loan_id', 'in', [...corrected.keys()])
    .where('status', 'in', OPEN_STATUSES)
    .execute();
  if (files.length === 0) return;
  const cal = await loadArchiveCalendar(w.trx);
  await w.updateMany(
    'archive_files',
    files.map((before) => {
      const disbursedOn = corrected.get(before.loan_id)!.to;
      return { before, patch: { disbursed_on: disbursedOn, due_on: archiveDueOn(cal, disbursedOn) } };
    }),
  );
}
