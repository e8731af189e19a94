import { sql, type Kysely } from 'kysely';
import type { MigrationLog } from './migration';

// Frozen: a migration never imports app code and is never edited once released.
//
// Post-loan work (贷后管理), all of it the branch's own rows that sync will carry:
// - inspection_rules: when a loan is inspected, by product and guarantee type ('' = any; the
//   most specific rule wins): the first inspection within first_days of disbursement, then a
//   routine one every routine_months. The defaults have fixed ids (head office will own them).
// - inspection_tasks: the schedule, one row per inspection due: first, routine, or ad hoc (the
//   loan became overdue or its class worsened, `reason` says which and from which import). A
//   task is open until an inspection fulfils it (done) or the loan is settled (cancelled).
// - inspections: what was found: date, way (实地 site, 电话 phone, 非现场 offsite), the findings
//   of the product's template and the risk signals (JSON), the conclusion and follow-up.
// - spot_checks: the reviewer's four-eyes sample of a month's inspections (pending until
//   confirmed or disputed with a note); one check per inspection.
// - warning_clearances: an early-warning signal cleared with an inspection or a note; the
//   evidence key (the two snapshots' dates) makes a later signal of the same kind a new one.
export async function up(db: Kysely<any>, log: MigrationLog): Promise<void> {
  await sql`create table inspection_rules (
    id text primary key,
    product text not null default '',
    guarantee_type text not null default '' check (guarantee_type in ('', '信用', '保证', '抵押', '质押')),
    first_days integer not null check (first_days between 1 and 366),
    routine_months integer not null check (routine_months between 1 and 24),
    created_at integer not null,
    updated_at integer not null,
    unique (product, guarantee_type)
  )`.execute(db);
  await sql`create table inspections (
    id text primary key,
    loan_id text not null references loans (id),
    inspected_on text not null,
    way text not null check (way in ('site', 'phone', 'offsite')),
    findings_json text not null default '{}',
    risk_signals_json text not null default '[]',
    conclusion text not null check (conclusion in ('normal', 'attention', 'reclassify', 'recall')),
    follow_up text not null default '',
    staff_id text not null references staff (id),
    created_at integer not null,
    updated_at integer not null
  )`.execute(db);
  await sql`create index inspections_loan on inspections (loan_id, inspected_on)`.execute(db);
  await sql`create index inspections_staff on inspections (staff_id, inspected_on)`.execute(db);
  await sql`create index inspections_date on inspections (inspected_on)`.execute(db);
  await sql`create table inspection_tasks (
    id text primary key,
    loan_id text not null references loans (id),
    kind text not null check (kind in ('first', 'routine', 'adhoc')),
    due_on text not null,
    reason text not null default '',
    status text not null check (status in ('open', 'done', 'cancelled')),
    inspection_id text references inspections (id),
    created_at integer not null,
    updated_at integer not null,
    check ((status = 'done') = (inspection_id is not null))
  )`.execute(db);
  await sql`create index inspection_tasks_status_due on inspection_tasks (status, due_on)`.execute(db);
  await sql`create index inspection_tasks_loan on inspection_tasks (loan_id, due_on)`.execute(db);
  await sql`create index inspection_tasks_due on inspection_tasks (due_on)`.execute(db);
  await sql`create table spot_checks (
    id text primary key,
    inspection_id text not null unique references inspections (id),
    month text not null,
    verdict text not null check (verdict in ('pending', 'confirmed', 'disputed')),
    note text not null default '',
    checker_id text references staff (id),
    checked_on text,
    created_at integer not null,
    updated_at integer not null,
    check ((verdict = 'pending') = (checker_id is null))
  )`.execute(db);
  await sql`create index spot_checks_month on spot_checks (month, verdict)`.execute(db);
  await sql`create table warning_clearances (
    id text primary key,
    loan_id text not null references loans (id),
    signal text not null,
    evidence_key text not null,
    note text not null default '',
    inspection_id text references inspections (id),
    staff_id text not null references staff (id),
    created_at integer not null,
    updated_at integer not null,
    unique (loan_id, signal, evidence_key)
  )`.execute(db);

  // The defaults: farmer loans (any product) first within 30 days, then every 6 months;
  // business loans (个人经营贷款) first within 15 days, then every 3 months.
  const now = Date.now();
  const rules = [
    ['0b000000-0000-7000-8000-000000000001', '', 30, 6],
    ['0b000000-0000-7000-8000-000000000002', '个人经营贷款', 15, 3],
  ];
  const { rows } = await sql<Record<string, unknown>>`
    insert into inspection_rules (id, product, guarantee_type, first_days, routine_months, created_at, updated_at)
    select value ->> 0, value ->> 1, '', value ->> 2, value ->> 3, ${now}, ${now} from json_each(${JSON.stringify(rules)})
    returning *`.execute(db);
  await log.changed(rows.map((after) => ({ action: 'insert', table: 'inspection_rules', rowId: after.id as string, before: null, after })));
}
