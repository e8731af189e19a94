import { sql, type Kysely } from 'kysely';

// Frozen: a migration never imports app code and is never edited once released.
//
// Head office's archive receipts travel by sync (issue 15):
// - archive_receipts: head office's receipt of a hand-over batch, owned by head office and sent
//   down in its packages: the batch number, the manifest's SHA-256 it signed for, who received
//   it and when, and a result per file (results_json: [{loanNo, status: received|discrepancy,
//   reason}]). Applying one records the receipt on the batch and its files.
// - archive_batches.receipt_source may now be 'sync'. Changing a CHECK needs SQLite's table
//   rebuild, and archive_files and archive_events refer to archive_batches: this step runs with
//   foreign keys off. The rebuilt table keeps its columns in the same order, its rows, and its
//   constraints (the unique batch number and (year, seq) are its only indexes).
export const foreignKeys = 'off';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table archive_receipts (
    id text primary key,
    batch_no text not null,
    manifest_sha256 text not null,
    received_by text not null,
    received_on text not null,
    results_json text not null,
    created_at integer not null,
    updated_at integer not null
  )`.execute(db);

  await sql`create table archive_batches_next (
    id text primary key,
    batch_no text not null unique,
    year integer not null,
    seq integer not null check (seq > 0),
    handed_on text not null,
    files integer not null,
    documents integer not null,
    pages integer not null,
    manifest text not null,
    sha256 text not null,
    status text not null check (status in ('sent', 'received')),
    received_on text,
    received_by text not null default '',
    receipt_source text check (receipt_source in ('file', 'hand', 'sync')),
    received_files integer not null default 0,
    discrepancy_files integer not null default 0,
    staff_id text not null references staff (id),
    created_at integer not null,
    updated_at integer not null,
    unique (year, seq),
    check ((status = 'received') = (received_on is not null))
  )`.execute(db);
  await sql`insert into archive_batches_next (id, batch_no, year, seq, handed_on, files, documents, pages, manifest, sha256, status, received_on,
      received_by, receipt_source, received_files, discrepancy_files, staff_id, created_at, updated_at)
    select id, batch_no, year, seq, handed_on, files, documents, pages, manifest, sha256, status, received_on,
      received_by, receipt_source, received_files, discrepancy_files, staff_id, created_at, updated_at from archive_batches`.execute(db);
  await sql`drop table archive_batches`.execute(db);
  await sql`alter table archive_batches_next rename to archive_batches`.execute(db);
}
