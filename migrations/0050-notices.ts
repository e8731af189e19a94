import { sql, type Kysely } from 'kysely';

// Frozen: a migration never imports app code and is never edited once released.
//
// Notices on paper (催收通知书 and the like), all of them the branch's own rows that sync will carry:
// - notice_templates: an admin's wording of one kind of paper (one row per kind, made the first
//   time someone edits it; until then the built-in wording is used) and its paper size.
// - notice_batches: one issue run (a village's overdue notices, a selection…): its kind, scope,
//   as-of date, first and last number, and how its print ended. The PDF is kept in the data
//   folder; its path and SHA-256 are stored when the print succeeds.
// - notices: one numbered paper. The number (`白文支行催字〔2026〕第0001号`) is unique per kind and
//   year and is taken in the write transaction that creates the row, before the print: a print
//   that fails, is cancelled or is cut short by a killed process leaves its rows 'cancelled'
//   with the reason, so numbers are never reused and never skipped (printing_process, host:pid,
//   tells a batch whose process died from one still printing). scan_code is the number in
//   the characters a Code 128 barcode can carry (what a scanner types). The figures are stored as
//   printed; delivery and receipt (date, who signed, who recorded it) are kept on the row.
// - limitation_events: what staff record for the limitation clock (诉讼时效) besides notices
//   and imports: an acceleration (宣布提前到期) moves its start, a written acknowledgement
//   (书面确认/还款承诺书) restarts it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table notice_templates (
    id text primary key,
    kind text not null unique check (kind in ('reminder', 'overdue', 'guarantor', 'confirmation', 'contact-card')),
    paper text not null check (paper in ('A4', 'A5')),
    title text not null,
    body text not null,
    receipt text not null default '',
    created_at integer not null,
    updated_at integer not null
  )`.execute(db);
  await sql`create table notice_batches (
    id text primary key,
    kind text not null check (kind in ('reminder', 'overdue', 'guarantor', 'confirmation')),
    year integer not null,
    scope text not null,
    as_of text not null,
    notices integer not null,
    first_no text,
    last_no text,
    status text not null check (status in ('printing', 'printed', 'cancelled')),
    printing_process text not null default '',
    end_reason text not null default '',
    pdf_path text,
    sha256 text,
    staff_id text not null references staff (id),
    created_at integer not null,
    updated_at integer not null
  )`.execute(db);
  await sql`create table notices (
    id text primary key,
    batch_id text not null references notice_batches (id),
    kind text not null check (kind in ('reminder', 'overdue', 'guarantor', 'confirmation')),
    year integer not null,
    seq integer not null check (seq > 0),
    notice_no text not null unique,
    scan_code text not null unique,
    loan_id text not null references loans (id),
    borrower_id text not null references borrowers (id),
    addressee text not null,
    addressee_role text not null check (addressee_role in ('borrower', 'guarantor')),
    as_of text not null,
    issued_on text not null,
    figures_json text not null,
    status text not null check (status in ('printing', 'issued', 'cancelled')),
    cancel_reason text not null default '',
    delivery text not null default 'sent' check (delivery in ('sent', 'delivered', 'returned', 'undeliverable')),
    delivery_note text not null default '',
    receipt_on text,
    receipt_signer text not null default '',
    receipt_by text references staff (id),
    staff_id text not null references staff (id),
    created_at integer not null,
    updated_at integer not null,
    check ((delivery = 'returned') = (receipt_on is not null))
  )`.execute(db);
  await sql`create unique index notices_number on notices (kind, year, seq)`.execute(db);
  await sql`create index notices_loan on notices (loan_id, kind, issued_on)`.execute(db);
  await sql`create index notices_batch on notices (batch_id, seq)`.execute(db);
  await sql`create table limitation_events (
    id text primary key,
    loan_id text not null references loans (id),
    kind text not null check (kind in ('acceleration', 'acknowledgement')),
    event_on text not null,
    note text not null default '',
    staff_id text not null references staff (id),
    created_at integer not null,
    updated_at integer not null
  )`.execute(db);
  await sql`create index limitation_events_loan on limitation_events (loan_id, event_on)`.execute(db);
}
