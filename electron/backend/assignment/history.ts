import { sql } from 'kysely';
import type { AssignmentHistoryEntry } from '../../shared/api/assignment';
import type { ReadDb } from '../db/read-db';

/**
 * Every assignment of a loan or of a household's loans: by loan number, newest first. Who made
 * and who ended one comes from the change log: a write transaction's time is unique and
 * stamps every row it writes, so the transaction whose time a row was created (or last
 * updated, for an ended one) at is the one that did it.
 */
export async function assignmentHistory(db: ReadDb, of: { loanId?: string; borrowerId?: string }): Promise<AssignmentHistoryEntry[]> {
  const where = of.loanId !== undefined ? sql`a.loan_id = ${of.loanId}` : sql`l.borrower_id = ${of.borrowerId!}`;
  const { rows } = await sql<AssignmentHistoryEntry>`
    select a.id, a.loan_id as "loanId", l.loan_no as "loanNo", a.manager_id as "managerId", s.display_name as "managerName",
           a.valid_from as "validFrom", a.valid_to as "validTo", a.reason, a.created_at as at,
           (select t.actor_name from change_txns t where t.at = a.created_at) as "assignedBy",
           case when a.valid_to is not null then (select t.actor_name from change_txns t where t.at = a.updated_at) end as "endedBy"
    from loan_assignments a join loans l on l.id = a.loan_id join staff s on s.id = a.manager_id
    where ${where}
    order by l.loan_no, a.valid_from desc, a.created_at desc`.execute(db);
  return rows.map((r) => ({ ...r, assignedBy: r.assignedBy ?? null, endedBy: r.endedBy ?? null }));
}
