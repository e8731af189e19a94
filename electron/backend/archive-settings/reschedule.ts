import { OPEN_STATUSES } from '../../shared/archive';
import type { WriteContext } from '../changelog/write-context';
import { archiveDueOn, loadArchiveCalendar } from '../archives/archive-calendar';

/**
 * Works every deadline of a file not yet at head office out again from the calendar as it now
 * stands in this transaction (after a change to the deadline or the holidays), and writes those
 * that change. Returns how many did.
 */
export async function rescheduleOpenFiles(w: WriteContext): Promise<number> {
  const cal = await loadArchiveCalendar(w.trx);
  const files = await w.trx.selectFrom('archive_files').selectAll().where('status', 'in', [...OPEN_STATUSES]).execute();
  // Many files share a disbursement day: each day's deadline is worked out once.
  const dueOn = new Map<string, string>();
  const updates = [];
  for (const file of files) {
    let due = dueOn.get(file.disbursed_on);
    if (due === undefined) {
      due = archiveDueOn(cal, file.disbursed_on);
      dueOn.set(file.disbursed_on, due);
    }
    if (due !== file.due_on) updates.push({ before: file, patch: { due_on: due } });
  }
  return w.updateMany('archive_files', updates);
}
