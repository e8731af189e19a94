import { sql, type Kysely } from 'kysely';

// Frozen: a migration never imports app code and is never edited once released.
//
// The indicators and the early warnings read whole as-of dates of loan_snapshots and join them
// loan by loan to other dates and to loans. Through loan_snapshots_as_of each row was a seek into
// the table in import order, and each join a seek into another table page: on a county's book
// with a year of monthly imports a month's indicators took ~10 s. Read from an index ordered by
// (as_of, loan_id) that holds every column they need, a date is read in loan order and a join to
// another date walks the index in the same order; loans_id_borrower does the same for the hop
// from a snapshot to its borrower. The new index starts with as_of, so it serves every lookup
// loan_snapshots_as_of served.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index loan_snapshots_history on loan_snapshots (as_of, loan_id, status, balance_fen, interest_owed_fen, risk_class, principal_overdue_days, manager_id)`.execute(db);
  await sql`drop index loan_snapshots_as_of`.execute(db);
  await sql`create index loans_id_borrower on loans (id, borrower_id, loan_no)`.execute(db);
}
