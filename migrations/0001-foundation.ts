import { sql, type Kysely } from 'kysely';

// Frozen: a migration never imports app code and is never edited once released.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('staff')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('clerk', 'manager', 'reviewer', 'head', 'admin')`),
    )
    .addColumn('password_hash', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('change_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
    // `<txn id>:<n>`, unique by construction; no index, so large imports do not pay for one.
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('txn_id', 'text', (c) => c.notNull())
    .addColumn('at', 'integer', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('insert', 'update', 'delete')`))
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .execute();
  await db.schema.createIndex('change_log_row').on('change_log').columns(['table_name', 'row_id']).execute();

  // Sync reads this log; it must never change behind its back.
  await sql`create trigger change_log_no_update before update on change_log
    begin select raise(abort, 'change_log is append-only'); end`.execute(db);
  await sql`create trigger change_log_no_delete before delete on change_log
    begin select raise(abort, 'change_log is append-only'); end`.execute(db);
}
