import { sql, type Kysely } from 'kysely';

// Frozen: a migration never imports app code and is never edited once released.
//
// The register grid pages the active loans of the whole book (全部贷款) in the book's order or
// sorted by 余额. A page far down the book (Ctrl+End, the scrollbar dragged) stepped through every
// loan before it in loans_borrower, reading each row for its loan number (~0.5 s for the last
// page of 200k); a sort by balance read the whole book through loans_borrower and sorted it
// (~0.6 s). Both orders now have an index of their own over the active loans, holding the
// columns the order needs, so a page is read from the index alone.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index loans_active_book on loans (borrower_id, loan_no, id) where status = 'active'`.execute(db);
  await sql`create index loans_active_balance on loans (balance_fen, borrower_id, loan_no, id) where status = 'active'`.execute(db);
}
