import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

// Frozen: a migration never imports app code and is never edited once released.
//
// The change log becomes exact enough for audit and sync:
// - A record per transaction (change_txns): id, origin (this installation), actor, time,
//   cause (an import, later a sync package) and schema version. Every entry names its txn.
// - The actor is never null: a built-in system actor is a real staff row, role 'system'.
//   Adding that role to the CHECK on staff.role needs SQLite's table rebuild, and staff is
//   referred to by villages and loans: this step runs with foreign keys off.
// - Entry ids `<txn id>:<n, 8 digits>` sort as they happened; a unique index holds them.
//   Entries written before this step get ids of that form and a txn record each.
export const foreignKeys = 'off';

const SYSTEM_STAFF_ID = '00000000-0000-7000-8000-000000000001';
const PREVIOUS_VERSION = '0005-borrower-name-pinyin';

export async function up(db: Kysely<any>): Promise<void> {
  const now = Date.now();

  await sql`create table installation (
    id text primary key,
    created_at integer not null
  )`.execute(db);
  await sql`insert into installation (id, created_at) values (${randomUUID()}, ${now})`.execute(db);

  await sql`create table staff_next (
    id text primary key,
    username text unique,
    display_name text not null,
    role text not null check (role in ('clerk', 'manager', 'reviewer', 'head', 'admin', 'system')),
    password_hash text,
    active integer not null default 1,
    created_at integer not null,
    updated_at integer not null,
    check (role <> 'system' or (username is null and password_hash is null))
  )`.execute(db);
  await sql`insert into staff_next (id, username, display_name, role, password_hash, active, created_at, updated_at)
    select id, username, display_name, role, password_hash, active, created_at, updated_at from staff`.execute(db);
  await sql`drop table staff`.execute(db);
  await sql`alter table staff_next rename to staff`.execute(db);
  await sql`insert into staff (id, username, display_name, role, password_hash, active, created_at, updated_at)
    values (${SYSTEM_STAFF_ID}, null, '系统', 'system', null, 1, ${now}, ${now})`.execute(db);

  await sql`create table change_txns (
    seq integer primary key autoincrement,
    id text not null unique,
    origin text not null,
    actor_id text not null references staff (id),
    actor_name text not null,
    at integer not null,
    cause_kind text check (cause_kind in ('import', 'sync', 'migration', 'demo')),
    cause_id text,
    schema_version text not null
  )`.execute(db);

  const origin = sql`(select id from installation)`;
  await sql`insert into change_txns (id, origin, actor_id, actor_name, at, cause_kind, cause_id, schema_version)
    select txn_id, ${origin}, coalesce(min(actor_id), ${SYSTEM_STAFF_ID}), min(actor_name), min(at), null, null, ${PREVIOUS_VERSION}
    from change_log group by txn_id order by min(seq)`.execute(db);

  await sql`create table change_log_next (
    seq integer primary key autoincrement,
    id text not null,
    txn_id text not null references change_txns (id),
    at integer not null,
    actor_id text not null references staff (id),
    actor_name text not null,
    action text not null check (action in ('insert', 'update', 'delete', 'insert_rows')),
    table_name text not null,
    row_id text check ((row_id is null) = (action = 'insert_rows')),
    before_json text,
    after_json text
  )`.execute(db);
  await sql`insert into change_log_next (seq, id, txn_id, at, actor_id, actor_name, action, table_name, row_id, before_json, after_json)
    select seq, printf('%s:%08d', txn_id, row_number() over (partition by txn_id order by seq) - 1), txn_id, at,
           coalesce(actor_id, ${SYSTEM_STAFF_ID}), actor_name, action, table_name, row_id, before_json, after_json
    from change_log order by seq`.execute(db);
  await sql`drop table change_log`.execute(db);
  await sql`alter table change_log_next rename to change_log`.execute(db);
  await sql`create unique index change_log_id on change_log (id)`.execute(db);
  await sql`create index change_log_row on change_log (table_name, row_id)`.execute(db);
  await sql`create index change_log_txn on change_log (txn_id)`.execute(db);
  // Sync reads this log; it must never change behind its back. The same holds for its transactions.
  for (const table of ['change_log', 'change_txns']) {
    await sql.raw(`create trigger ${table}_no_update before update on ${table} begin select raise(abort, '${table} is append-only'); end`).execute(db);
    await sql.raw(`create trigger ${table}_no_delete before delete on ${table} begin select raise(abort, '${table} is append-only'); end`).execute(db);
  }
}
