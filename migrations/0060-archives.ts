import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { MigrationLog } from './migration';

// Frozen: a migration never imports app code and is never edited once released.
//
// Loan files (信贷档案): a paper file per loan, collected after disbursement, checked by a second
// person and handed over to the head-office archive in numbered batches.
// - archive_doc_types: the document catalogue (借款合同, 借据…), editable; the defaults have fixed
//   ids, the same in every branch, because head office will own the catalogue (sync).
// - archive_doc_rules: which types a loan's file needs, by product and guarantee type ('' = any);
//   the most specific rule for a type wins (product and guarantee, product, guarantee, any).
// - calendar_days: holidays and the weekend days worked instead (调休上班), for deadlines in
//   working days.
// - archive_files: one per loan whose disbursement date is known; its deadline (due_on) and
//   status, collecting → awaiting_review → reviewed (or returned) → handed_over → received (or
//   discrepancy). backlog marks files set to received by the cut-over, never checked here.
// - archive_documents: a file's checklist cells that someone set (present, missing, not
//   applicable, with the page count); a required type with no row is missing.
// - archive_file_editors: everyone who ever changed a file's checklist, so that the four-eyes
//   rule (the reviewer edited nothing of it) survives later edits by others.
// - archive_events: what happened to a file and why (returned with reasons, reopened with its
//   reason, received, discrepancy…).
// - archive_batches: a hand-over to head office: its number (`白文支行档移〔2026〕第001号`, per year
//   without gaps), the manifest exactly as written and its SHA-256, and the receipt once back.
// Existing loans get their files here (collecting, deadline counted over weekends only): the
// branch then sets a cut-over date so that the backlog does not swamp it.
const BATCH = 5000;
const DEFAULT_DEADLINE_DAYS = 10;

/** The default catalogue: name, and the guarantee types that need it ('' = every loan). */
const DEFAULT_TYPES: Array<[name: string, guarantee: '' | '保证' | '抵押' | '质押']> = [
  ['借款申请书', ''],
  ['借款人及配偶身份证复印件', ''],
  ['户口簿复印件', ''],
  ['婚姻状况证明', ''],
  ['贷前调查报告', ''],
  ['授信审批表', ''],
  ['借款合同', ''],
  ['借据', ''],
  ['保证合同', '保证'],
  ['保证人身份证复印件', '保证'],
  ['抵押合同', '抵押'],
  ['他项权证/抵押登记证明', '抵押'],
  ['质押合同', '质押'],
  ['放款凭证', ''],
  ['首次贷后检查报告', ''],
];

/** Fixed ids of the default types and their rules: `0a000000-0000-7000-8000-0000000000NN` and `…-0001000000NN`. */
const typeId = (n: number) => `0a000000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const ruleId = (n: number) => `0a000000-0000-7000-8000-${String(1_000_000 + n).padStart(12, '0')}`;

export async function up(db: Kysely<any>, log: MigrationLog): Promise<void> {
  await sql`create table archive_doc_types (
    id text primary key,
    name text not null unique,
    sort_order integer not null,
    active integer not null default 1 check (active in (0, 1)),
    created_at integer not null,
    updated_at integer not null
  )`.execute(db);
  await sql`create table archive_doc_rules (
    id text primary key,
    doc_type_id text not null references archive_doc_types (id),
    product text not null default '',
    guarantee_type text not null default '' check (guarantee_type in ('', '信用', '保证', '抵押', '质押')),
    required integer not null check (required in (0, 1)),
    created_at integer not null,
    updated_at integer not null,
    unique (doc_type_id, product, guarantee_type)
  )`.execute(db);
  await sql`create table calendar_days (
    id text primary key,
    day text not null unique,
    kind text not null check (kind in ('holiday', 'workday')),
    name text not null default '',
    created_at integer not null,
    updated_at integer not null
  )`.execute(db);
  await sql`create table archive_batches (
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
    receipt_source text check (receipt_source in ('file', 'hand')),
    received_files integer not null default 0,
    discrepancy_files integer not null default 0,
    staff_id text not null references staff (id),
    created_at integer not null,
    updated_at integer not null,
    unique (year, seq),
    check ((status = 'received') = (received_on is not null))
  )`.execute(db);
  await sql`create table archive_files (
    id text primary key,
    loan_id text not null unique references loans (id),
    disbursed_on text not null,
    due_on text not null,
    status text not null check (status in ('collecting', 'awaiting_review', 'reviewed', 'returned', 'handed_over', 'received', 'discrepancy')),
    backlog integer not null default 0 check (backlog in (0, 1)),
    status_note text not null default '',
    reviewed_by text references staff (id),
    reviewed_at integer,
    batch_id text references archive_batches (id),
    received_on text,
    created_at integer not null,
    updated_at integer not null
  )`.execute(db);
  await sql`create index archive_files_status_due on archive_files (status, due_on)`.execute(db);
  await sql`create index archive_files_due on archive_files (due_on)`.execute(db);
  await sql`create index archive_files_batch on archive_files (batch_id) where batch_id is not null`.execute(db);
  await sql`create table archive_documents (
    id text primary key,
    file_id text not null references archive_files (id),
    doc_type_id text not null references archive_doc_types (id),
    state text not null check (state in ('present', 'missing', 'na')),
    pages integer check (pages is null or (pages >= 0 and pages <= 9999)),
    created_at integer not null,
    updated_at integer not null,
    unique (file_id, doc_type_id)
  )`.execute(db);
  await sql`create table archive_file_editors (
    id text primary key,
    file_id text not null references archive_files (id),
    staff_id text not null references staff (id),
    created_at integer not null,
    updated_at integer not null,
    unique (file_id, staff_id)
  )`.execute(db);
  await sql`create table archive_events (
    id text primary key,
    file_id text not null references archive_files (id),
    action text not null check (action in ('submit', 'approve', 'return', 'reopen', 'handover', 'received', 'discrepancy', 'cutover')),
    note text not null default '',
    batch_id text references archive_batches (id),
    staff_id text not null references staff (id),
    created_at integer not null,
    updated_at integer not null
  )`.execute(db);
  await sql`create index archive_events_file on archive_events (file_id, created_at)`.execute(db);

  const now = Date.now();
  await seedCatalogue(db, log, now);
  await backfillFiles(db, log, now);
}

async function seedCatalogue(db: Kysely<any>, log: MigrationLog, now: number): Promise<void> {
  const types = DEFAULT_TYPES.map(([name], i) => [typeId(i + 1), name, (i + 1) * 10]);
  const { rows: storedTypes } = await sql<Record<string, unknown>>`
    insert into archive_doc_types (id, name, sort_order, active, created_at, updated_at)
    select value ->> 0, value ->> 1, value ->> 2, 1, ${now}, ${now} from json_each(${JSON.stringify(types)})
    returning *`.execute(db);
  await log.changed(storedTypes.map((after) => ({ action: 'insert', table: 'archive_doc_types', rowId: after.id as string, before: null, after })));
  const rules = DEFAULT_TYPES.map(([, guarantee], i) => [ruleId(i + 1), typeId(i + 1), guarantee]);
  const { rows: storedRules } = await sql<Record<string, unknown>>`
    insert into archive_doc_rules (id, doc_type_id, product, guarantee_type, required, created_at, updated_at)
    select value ->> 0, value ->> 1, '', value ->> 2, 1, ${now}, ${now} from json_each(${JSON.stringify(rules)})
    returning *`.execute(db);
  await log.changed(storedRules.map((after) => ({ action: 'insert', table: 'archive_doc_rules', rowId: after.id as string, before: null, after })));
}

async function backfillFiles(db: Kysely<any>, log: MigrationLog, now: number): Promise<void> {
  const { rows } = await sql<{ id: string; disbursed_on: string }>`
    select id, disbursed_on from loans where disbursed_on is not null order by id`.execute(db);
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH).map((l) => [randomUUID(), l.id, l.disbursed_on, addWeekdays(l.disbursed_on, DEFAULT_DEADLINE_DAYS)]);
    const { rows: stored } = await sql<Record<string, unknown>>`
      insert into archive_files (id, loan_id, disbursed_on, due_on, status, created_at, updated_at)
      select value ->> 0, value ->> 1, value ->> 2, value ->> 3, 'collecting', ${now}, ${now} from json_each(${JSON.stringify(batch)})
      returning *`.execute(db);
    await log.changed(stored.map((after) => ({ action: 'insert', table: 'archive_files', rowId: after.id as string, before: null, after })));
  }
}

/** The nth weekday after `day` (YYYY-MM-DD): the deadline before any holiday is known. */
function addWeekdays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const weekday = d.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return d.toISOString().slice(0, 10);
}
