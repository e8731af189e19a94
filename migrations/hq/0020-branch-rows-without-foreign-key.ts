import { sql, type Kysely } from 'kysely';

// Frozen: a migration never imports app code and is never edited once released.
//
// branch_rows loses its foreign key to hq_branches: every row comes from a package signed by a
// registered branch's pinned key (branches are revoked, never deleted), so the check proved
// nothing, and it cost a lookup per row merged — the largest share of an ingest after the merge
// itself (measured in the hq-ingest bench).
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table branch_rows drop constraint branch_rows_branch_code_fkey`.execute(db);
}
