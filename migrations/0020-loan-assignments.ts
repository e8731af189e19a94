import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { MigrationLog } from './migration';

// Frozen: a migration never imports app code and is never edited once released.
//
// Who looks after which loan (管户客户经理) moves out of the loan row, which every import
// rewrites, into assignments with validity dates:
// - loan_assignments: one row per period a manager is responsible for a loan; valid_from is
//   the first day, valid_to the first day no longer (null while current). The manager on date
//   D is the row with valid_from <= D and (valid_to is null or valid_to > D).
// - current_loan_managers: the current rows, for queries that want today's manager.
// - manager_names: the 客户经理 name of a core export mapped to a staff member once, so that
//   a renamed or same-named manager neither splits nor merges books.
// - loan_snapshots.manager_id: the manager of the snapshot's date, to rebuild a past month.
//
// Existing data: every active loan with a manager gets a current assignment from its
// disbursement date (else the day the register first had it); names map to the staff the
// imports matched them to (account managers first, as the import did). The inserted rows are
// logged. Snapshots take their loan's manager: a column this step adds and fills from rows as
// they stood, not work to sync, so its million-odd values are not copied into the log.
const BATCH = 5000;

export async function up(db: Kysely<any>, log: MigrationLog): Promise<void> {
  await sql`create table loan_assignments (
    id text primary key,
    loan_id text not null references loans (id),
    manager_id text not null references staff (id),
    valid_from text not null,
    valid_to text,
    reason text not null default '',
    created_at integer not null,
    updated_at integer not null,
    check (valid_to is null or valid_to >= valid_from)
  )`.execute(db);
  await sql`create unique index loan_assignments_current on loan_assignments (loan_id) where valid_to is null`.execute(db);
  await sql`create index loan_assignments_manager_current on loan_assignments (manager_id) where valid_to is null`.execute(db);
  // A loan's history, and its manager on a past date.
  await sql`create index loan_assignments_loan on loan_assignments (loan_id, valid_from)`.execute(db);
  await sql`create view current_loan_managers (loan_id, manager_id, valid_from) as
    select loan_id, manager_id, valid_from from loan_assignments where valid_to is null`.execute(db);

  await sql`create table manager_names (
    id text primary key,
    name text not null unique,
    staff_id text not null references staff (id),
    created_at integer not null,
    updated_at integer not null
  )`.execute(db);
  await sql`create index manager_names_staff on manager_names (staff_id)`.execute(db);

  await sql`alter table loan_snapshots add column manager_id text references staff (id)`.execute(db);
  await sql`update loan_snapshots set manager_id = (select l.manager_id from loans l where l.id = loan_snapshots.loan_id)`.execute(db);

  const now = Date.now();
  await backfillManagerNames(db, log, now);
  await backfillAssignments(db, log, now);
}

async function backfillManagerNames(db: Kysely<any>, log: MigrationLog, now: number): Promise<void> {
  // The staff an import would have matched each name to: account managers first, then whoever
  // the loans already name (an import matched a name to any staff member when no manager had it).
  const { rows } = await sql<{ id: string; display_name: string }>`
    select s.id, s.display_name from staff s
    where s.role = 'manager' or s.id in (select manager_id from loans where manager_id is not null)
    order by (s.role = 'manager') desc, s.created_at, s.id`.execute(db);
  const byName = new Map<string, string>();
  for (const r of rows) if (r.display_name !== '' && !byName.has(r.display_name)) byName.set(r.display_name, r.id);
  const values = [...byName].map(([name, staffId]) => [uuidV7(now), name, staffId]);
  for (let start = 0; start < values.length; start += BATCH) {
    const batch = values.slice(start, start + BATCH);
    const { rows: stored } = await sql<Record<string, unknown>>`
      insert into manager_names (id, name, staff_id, created_at, updated_at)
      select value ->> 0, value ->> 1, value ->> 2, ${now}, ${now} from json_each(${JSON.stringify(batch)})
      returning *`.execute(db);
    await log.changed(stored.map((after) => ({ action: 'insert', table: 'manager_names', rowId: after.id as string, before: null, after })));
  }
}

async function backfillAssignments(db: Kysely<any>, log: MigrationLog, now: number): Promise<void> {
  const { rows } = await sql<{ id: string; manager_id: string; disbursed_on: string | null; created_at: number }>`
    select id, manager_id, disbursed_on, created_at from loans
    where status = 'active' and manager_id is not null order by id`.execute(db);
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH).map((l) => {
      const known = localDate(l.created_at);
      const from = l.disbursed_on !== null && l.disbursed_on < known ? l.disbursed_on : known;
      return [uuidV7(now), l.id, l.manager_id, from];
    });
    const { rows: stored } = await sql<Record<string, unknown>>`
      insert into loan_assignments (id, loan_id, manager_id, valid_from, valid_to, reason, created_at, updated_at)
      select value ->> 0, value ->> 1, value ->> 2, value ->> 3, null, '升级时按贷款的客户经理登记', ${now}, ${now}
      from json_each(${JSON.stringify(batch)})
      returning *`.execute(db);
    await log.changed(stored.map((after) => ({ action: 'insert', table: 'loan_assignments', rowId: after.id as string, before: null, after })));
  }
}

/** The local calendar date (the PC's time zone) of an instant in epoch ms. */
function localDate(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

// UUIDv7 (RFC 9562) with a per-step counter in rand_a/rand_b, so the ids of this step increase.
let counter = 0;
function uuidV7(ms: number): string {
  const bytes = randomBytes(16);
  const time = BigInt(ms);
  for (let i = 0; i < 6; i++) bytes[i] = Number((time >> BigInt(8 * (5 - i))) & 0xffn);
  const c = counter++;
  bytes[6] = 0x70 | ((c >>> 26) & 0x0f);
  bytes[7] = (c >>> 18) & 0xff;
  bytes[8] = 0x80 | ((c >>> 12) & 0x3f);
  bytes[9] = (c >>> 4) & 0xff;
  bytes[10] = ((c & 0x0f) << 4) | (bytes[10] & 0x0f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
