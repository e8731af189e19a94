import { sql, type Kysely } from 'kysely';

// Frozen: a migration never imports app code and is never edited once released.
//
// The branch's collection work (催收), all of it the branch's own rows that sync will carry:
// - contacts: one row per contact with a household, about one loan or the whole household;
//   way, who was reached, outcome, a promise to pay (date and amount, both or neither), the
//   next follow-up date. contacted_at is local time 'YYYY-MM-DD HH:MM'. Promises are judged from
//   the imports' snapshots when read, never stored, so a later import can only add evidence.
// - legal_steps: a legal step taken on a loan (律师函, 支付令, 起诉, …); 诉讼准备 lists loans
//   90 days overdue without one.
// - handover_batches + loan_handovers: loans handed over to the risk-asset unit (风险资产部),
//   in numbered batches whose figures are stored as printed on the transmittal list (移交清单).
//   A loan with a handover row that has not been returned leaves the branch's worklists; a
//   return keeps its date and reason.
// - village_cadres and village_visits: whom to call in a village, and the managers' visits.
// - recoverability_assessments: 可以收回 / 通过努力可以收回 / 暂时无法收回, every assessment kept.
// - manager_targets: per manager per month (YYYY-MM), one row.
// - sms_batches + sms_messages: a batch exported for the bank's SMS platform; its messages
//   become contacts of way 'sms' when the clerk confirms the upload.
// - printed_documents: the record behind a printed paper (kind, number when it has one, the
//   figures as printed, the PDF's SHA-256, who, when).
// - table_versions: per table, the newest change-log seq that touched it, kept by the write path
//   (not change-logged: it is derived from the log, like an index). A cache or a preview that
//   depends on some tables asks whether those changed, so logging a contact no longer makes the
//   register's figures or an import preview stale. Seeded from the log as it stands.
// - staff.phone: the number borrowers are given to call their manager (SMS reminders, notices,
//   contact cards); '' until someone enters it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table staff add column phone text not null default ''`.execute(db);
  await sql`create table table_versions (table_name text primary key, seq integer not null)`.execute(db);
  await sql`insert into table_versions (table_name, seq) select table_name, max(seq) from change_log group by table_name`.execute(db);
  await sql`create table contacts (
    id text primary key,
    borrower_id text not null references borrowers (id),
    loan_id text references loans (id),
    contacted_at text not null,
    way text not null check (way in ('phone', 'sms', 'visit', 'letter', 'other')),
    reached text not null check (reached in ('self', 'family', 'guarantor', 'contact', 'none')),
    outcome text not null default '',
    promise_on text,
    promise_fen integer,
    follow_up_on text,
    note text not null default '',
    staff_id text not null references staff (id),
    sms_message_id text,
    created_at integer not null,
    updated_at integer not null,
    check ((promise_on is null) = (promise_fen is null)),
    check (promise_fen is null or promise_fen > 0)
  )`.execute(db);
  await sql`create index contacts_borrower on contacts (borrower_id, contacted_at)`.execute(db);
  await sql`create index contacts_loan on contacts (loan_id, contacted_at) where loan_id is not null`.execute(db);
  await sql`create index contacts_follow_up on contacts (follow_up_on) where follow_up_on is not null`.execute(db);
  await sql`create index contacts_promise on contacts (promise_on) where promise_on is not null`.execute(db);
  await sql`create index contacts_staff on contacts (staff_id, contacted_at)`.execute(db);

  await sql`create table legal_steps (
    id text primary key,
    loan_id text not null references loans (id),
    step_on text not null,
    kind text not null check (kind in ('lawyer-letter', 'payment-order', 'lawsuit', 'arbitration', 'judgment', 'enforcement', 'other')),
    note text not null default '',
    staff_id text not null references staff (id),
    created_at integer not null,
    updated_at integer not null
  )`.execute(db);
  await sql`create index legal_steps_loan on legal_steps (loan_id, step_on)`.execute(db);

  await sql`create table handover_batches (
    id text primary key,
    batch_no text not null unique,
    year integer not null,
    seq integer not null,
    handed_on text not null,
    receiver text not null default '',
    note text not null default '',
    loans integer not null,
    balance_fen integer not null,
    interest_owed_fen integer not null,
    staff_id text not null references staff (id),
    created_at integer not null,
    updated_at integer not null,
    unique (year, seq)
  )`.execute(db);
  await sql`create table loan_handovers (
    id text primary key,
    batch_id text not null references handover_batches (id),
    loan_id text not null references loans (id),
    line_no integer not null,
    balance_fen integer not null,
    principal_overdue_days integer not null,
    interest_owed_fen integer,
    interest_overdue_days integer,
    manager_id text references staff (id),
    returned_on text,
    return_note text not null default '',
    created_at integer not null,
    updated_at integer not null,
    unique (batch_id, line_no)
  )`.execute(db);
  await sql`create unique index loan_handovers_open on loan_handovers (loan_id) where returned_on is null`.execute(db);
  await sql`create index loan_handovers_batch on loan_handovers (batch_id)`.execute(db);

  await sql`create table village_cadres (
    id text primary key,
    village_id text not null references villages (id),
    name text not null,
    role text not null,
    group_name text not null default '',
    phone text not null default '',
    note text not null default '',
    active integer not null default 1,
    created_at integer not null,
    updated_at integer not null
  )`.execute(db);
  await sql`create index village_cadres_village on village_cadres (village_id)`.execute(db);
  await sql`create table village_visits (
    id text primary key,
    village_id text not null references villages (id),
    visited_on text not null,
    visitors text not null,
    met text not null default '',
    learned text not null default '',
    staff_id text not null references staff (id),
    created_at integer not null,
    updated_at integer not null
  )`.execute(db);
  await sql`create index village_visits_village on village_visits (village_id, visited_on)`.execute(db);

  await sql`create table recoverability_assessments (
    id text primary key,
    loan_id text not null references loans (id),
    assessed_on text not null,
    verdict text not null check (verdict in ('recoverable', 'with-effort', 'unrecoverable')),
    reason text not null,
    staff_id text not null references staff (id),
    created_at integer not null,
    updated_at integer not null
  )`.execute(db);
  await sql`create index recoverability_loan on recoverability_assessments (loan_id, assessed_on)`.execute(db);

  await sql`create table manager_targets (
    id text primary key,
    manager_id text not null references staff (id),
    month text not null,
    recovered_principal_fen integer not null default 0 check (recovered_principal_fen >= 0),
    cleared_loans integer not null default 0 check (cleared_loans >= 0),
    contacts integer not null default 0 check (contacts >= 0),
    created_at integer not null,
    updated_at integer not null,
    unique (manager_id, month)
  )`.execute(db);

  await sql`create table sms_batches (
    id text primary key,
    template text not null,
    scope text not null,
    messages integer not null,
    skipped integer not null,
    staff_id text not null references staff (id),
    confirmed_at integer,
    created_at integer not null,
    updated_at integer not null
  )`.execute(db);
  await sql`create table sms_messages (
    id text primary key,
    batch_id text not null references sms_batches (id),
    loan_id text not null references loans (id),
    borrower_id text not null references borrowers (id),
    phone text not null,
    text text not null,
    segments integer not null,
    created_at integer not null,
    updated_at integer not null
  )`.execute(db);
  await sql`create index sms_messages_batch on sms_messages (batch_id)`.execute(db);

  await sql`create table printed_documents (
    id text primary key,
    kind text not null,
    doc_no text,
    title text not null,
    figures_json text not null default '{}',
    pages integer,
    sha256 text,
    actor_id text references staff (id),
    actor_name text not null,
    created_at integer not null,
    updated_at integer not null
  )`.execute(db);
  await sql`create unique index printed_documents_no on printed_documents (kind, doc_no) where doc_no is not null`.execute(db);
  await sql`create index printed_documents_kind on printed_documents (kind, created_at)`.execute(db);
}
