import type { AppContext } from '../../../electron/backend/app-context';

/** Every archive file by loan number: where it is and its deadline. */
export async function filesByLoan(app: AppContext) {
  const rows = await app.db
    .selectFrom('archive_files as f')
    .innerJoin('loans as l', 'l.id', 'f.loan_id')
    .select(['l.loan_no', 'f.id', 'f.disbursed_on', 'f.due_on', 'f.status', 'f.backlog', 'f.received_on', 'f.updated_at'])
    .orderBy('l.loan_no')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.loan_no, r]));
}

/** How many change-log entries there are: a refused call adds none. */
export async function changeCount(app: AppContext): Promise<number> {
  const row = await app.db.selectFrom('change_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
