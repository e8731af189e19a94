import { todayLocal } from '../../shared/dates';
import type { ReadDb } from '../db/read-db';
import type { WriteContext } from '../changelog/write-context';
import { AppError } from '../rpc/app-error';

export const CUTOVER_KEY = 'archive_cutover_date';

/** The files a cut-over at `before` marks received: loans disbursed before it whose file is still being collected. */
function backlogQuery(db: ReadDb, before: string) {
  return db.selectFrom('archive_files').where('disbursed_on', '<', before).where('status', '=', 'collecting');
}

export async function countBacklog(db: ReadDb, before: string): Promise<number> {
  const row = await backlogQuery(db, before)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Sets the cut-over date: files of loans disbursed before it that are still being collected
 * become received (the backlog, never checked here), each with an event saying so; files
 * further along keep their status. Later imports open such files already received. It cannot
 * be undone for the files it marks.
 */
export async function setCutover(w: WriteContext, before: string): Promise<number> {
  if (before > todayLocal()) {
    throw new AppError('INVALID_INPUT', `切换日期 ${before} 晚于今天，不能设置。`, `cut-over ${before} is in the future`);
  }
  await w.setSetting(CUTOVER_KEY, before);
  const files = await backlogQuery(w.trx, before).selectAll().execute();
  await w.updateMany(
    'archive_files',
    files.map((f) => ({ before: f, patch: { status: 'received' as const, backlog: 1, received_on: before } })),
  );
  await w.insertMany(
    'archive_events',
    files.map((f) => ({ file_id: f.id, action: 'cutover' as const, note: `切换日期 ${before}`, batch_id: null, staff_id: w.actor.id })),
  );
  return files.length;
}
