import { sql, type Kysely } from 'kysely';

// Frozen: a migration never imports app code and is never edited once released.
//
// Bulk inserts (imports) are logged as one `insert_rows` entry per batch, holding the batch's
// rows, instead of one entry per row; such an entry has no single row_id. SQLite cannot alter
// a CHECK or NOT NULL constraint, so the table is rebuilt with its rows, index and triggers.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table change_log_next (
    seq integer primary key autoincrement,
    id text not null,
    txn_id text not null,
    at integer not null,
    actor_id text,
    actor_name text not null,
    action text not null check (action in ('insert', 'update', 'delete', 'insert_rows')),
    table_name text not null,
    row_id text check ((row_id is null) = (action = 'insert_rows')),
    before_json text,
    after_json text
  )`.execute(db);
  await sql`insert into change_log_next select seq, id, txn_id, at, actor_id, actor_name, action, table_name, row_id, before_json, after_json from change_log`.execute(db);
  await sql`drop table change_log`.execute(db);
  await sql`alter table change_log_next rename to change_log`.execute(db);
  await sql`create index change_log_row on change_log (table_name, row_id)`.execute(db);
  // Sync reads this log; it must never change behind its back.
  await sql`create trigger change_log_no_update before update on change_log
    begin select raise(abort, 'change_log is append-only'); end`.execute(db);
  await sql`create trigger change_log_no_delete before delete on change_log
    begin select raise(abort, 'change_log is append-only'); end`.execute(db);
}
