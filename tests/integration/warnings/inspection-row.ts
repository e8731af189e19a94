import { writerAs } from '../../../electron/backend/changelog/write-context';
import type { AppContext } from '../../../electron/backend/app-context';

/** An inspection row written directly (the inspections feature is another part of the issue): its id. */
export async function insertInspection(app: AppContext, loanId: string, staffId: string): Promise<string> {
  const row = await writerAs(app.db, { id: staffId, name: '检查人' })((w) =>
    w.insert('inspections', { loan_id: loanId, inspected_on: '2026-12-01', way: 'site', conclusion: 'normal', staff_id: staffId }),
  );
  return row.id;
}
