import { sql, type Kysely } from 'kysely';

// Frozen: a migration never imports app code and is never edited once released.
//
// Head office's database on PostgreSQL (not the branch schema ported):
// - hq_branches: each registered branch, pinned by the fingerprint of its signing key.
// - hq_inbox: every branch package taken in: applied, or held (its bytes kept until the gap before it fills).
// - branch_rows: the branch rows as the branch sent them (jsonb images), keyed by branch, table and
//   row id; a new kind of branch row needs no migration here.
// - hq_rows: head office's own rows for a branch (archive receipts…), numbered from a sequence so
//   that a package carries what changed after the one the branch acknowledged.
// - hq_outbox: every package built for a branch, with its bytes.
// - hq_log: every change head office makes, with who made it.
// - hq_users: who may sign in to the head-office console.
// Instants are bigint milliseconds.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table hq_branches (
    code text primary key,
    name text not null,
    fingerprint text not null unique,
    public_identity text not null,
    registered_at bigint not null,
    revoked_at bigint,
    acked_seq integer not null default 0,
    schema_version text
  )`.execute(db);
  await sql`create table hq_inbox (
    branch_code text not null references hq_branches (code),
    seq integer not null check (seq >= 1),
    hash text not null,
    package_id uuid not null unique,
    file_name text not null,
    status text not null check (status in ('applied', 'held')),
    reason text not null default '',
    rows integer not null,
    content bytea,
    received_at bigint not null,
    applied_at bigint,
    primary key (branch_code, seq),
    check ((status = 'held') = (content is not null))
  )`.execute(db);
  await sql`create table branch_rows (
    branch_code text not null references hq_branches (code),
    table_name text not null,
    row_id text not null,
    data jsonb not null,
    package_seq integer not null,
    primary key (branch_code, table_name, row_id)
  )`.execute(db);
  await sql`create index branch_rows_by_table on branch_rows (table_name, branch_code)`.execute(db);
  await sql`create sequence hq_change_seq`.execute(db);
  await sql`create table hq_rows (
    id text primary key,
    branch_code text not null references hq_branches (code),
    table_name text not null,
    data jsonb not null,
    change_seq bigint not null default nextval('hq_change_seq'),
    recorded_by text not null,
    recorded_at bigint not null
  )`.execute(db);
  await sql`create index hq_rows_by_branch on hq_rows (branch_code, change_seq)`.execute(db);
  await sql`create table hq_outbox (
    branch_code text not null references hq_branches (code),
    seq integer not null check (seq >= 1),
    hash text not null,
    previous_hash text,
    up_to_seq bigint not null,
    rows integer not null,
    file_name text not null,
    content bytea not null,
    created_at bigint not null,
    created_by text not null,
    primary key (branch_code, seq)
  )`.execute(db);
  await sql`create table hq_log (
    seq bigserial primary key,
    at bigint not null,
    actor text not null,
    action text not null,
    branch_code text,
    detail jsonb not null
  )`.execute(db);
  await sql`create table hq_users (
    username text primary key,
    name text not null,
    password_hash text not null,
    created_at bigint not null,
    disabled_at bigint
  )`.execute(db);

  // Consolidated views. A branch's book is its latest import's summary (the core system's figures
  // travel as summaries, never loan by loan).
  await sql`create view hq_latest_book as
    select distinct on (branch_code) branch_code, data->>'as_of' as as_of, data->'book' as book
    from branch_rows where table_name = 'imports' and data ? 'book' and jsonb_typeof(data->'book') = 'object'
    order by branch_code, data->>'as_of' desc, (data->>'created_at')::bigint desc`.execute(db);
  await sql`create view hq_overdue_by_bucket as
    select l.branch_code, l.as_of, b.key as bucket, (b.value->>'loans')::integer as loans, (b.value->>'balanceFen')::bigint as balance_fen
    from hq_latest_book l, jsonb_each(l.book->'buckets') b`.execute(db);
  await sql`create view hq_notice_counts as
    select branch_code,
      count(*) filter (where data->>'status' = 'issued') as issued,
      count(*) filter (where data->>'status' = 'issued' and data->>'receipt_on' is not null) as receipts
    from branch_rows where table_name = 'notices' group by branch_code`.execute(db);
  await sql`create view hq_archive_status as
    select branch_code, data->>'status' as status, count(*) as files
    from branch_rows where table_name = 'archive_files' group by branch_code, data->>'status'`.execute(db);
  // Files past their hand-over deadline and still at the branch.
  await sql`create view hq_overdue_handovers as
    select branch_code, row_id as file_id, data->>'due_on' as due_on, data->>'status' as status
    from branch_rows
    where table_name = 'archive_files'
      and data->>'status' in ('collecting', 'awaiting_review', 'reviewed', 'returned', 'discrepancy')
      and data->>'due_on' < to_char(current_date, 'YYYY-MM-DD')`.execute(db);
  await sql`create view hq_last_package as
    select b.code as branch_code, coalesce(max(i.seq) filter (where i.status = 'applied'), 0) as last_seq,
      max(i.applied_at) as last_applied_at, count(*) filter (where i.status = 'held') as held
    from hq_branches b left join hq_inbox i on i.branch_code = b.code group by b.code`.execute(db);
}
