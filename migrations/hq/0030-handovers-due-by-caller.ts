import { sql, type Kysely } from 'kysely';

// Frozen: a migration never imports app code and is never edited once released.
//
// hq_overdue_handovers judged "overdue" by PostgreSQL's current_date: the server's time zone
// (often UTC: from midnight to 8 a.m. China time it is yesterday there) and not the app's today.
// The console and `hq report` now ask hq_handovers_at_branch with their own today; the old view
// stays for those who query head office's database directly, judged by China's date.
export async function up(db: Kysely<any>): Promise<void> {
  // Files still at the branch (not yet received by head office), with their hand-over deadline.
  await sql`create view hq_handovers_at_branch as
    select branch_code, row_id as file_id, data->>'due_on' as due_on, data->>'status' as status
    from branch_rows
    where table_name = 'archive_files'
      and data->>'status' in ('collecting', 'awaiting_review', 'reviewed', 'returned', 'discrepancy')
      and data->>'due_on' is not null`.execute(db);
  await sql`create or replace view hq_overdue_handovers as
    select branch_code, file_id, due_on, status from hq_handovers_at_branch
    where due_on < to_char((now() at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD')`.execute(db);
}
