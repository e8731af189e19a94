import { sql, type Kysely } from 'kysely';

// Frozen: a migration never imports app code and is never edited once released.
//
// - The register's footer sums 合同金额 and 欠息 beside the balance. loans_borrower covered the
//   balance only, so a filtered view's totals read every loan row (a name filter on 200k loans:
//   ~0.9 s). The index now covers all three sums.
// - loans_status_manager served lists by the loan row's manager; managers now come from
//   loan_assignments (0020), and SQLite 3.52 took the index for every `status = 'active'`,
//   reading the whole book through it and sorting (a first page: ~0.8 s instead of ~2 ms).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index loans_borrower`.execute(db);
  await sql`create index loans_borrower on loans (borrower_id, status, balance_fen, principal_overdue_days, contract_amount_fen, interest_owed_fen)`.execute(db);
  await sql`drop index loans_status_manager`.execute(db);
}
