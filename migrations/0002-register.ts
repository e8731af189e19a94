import { sql, type Kysely } from 'kysely';

// Frozen: a migration never imports app code and is never edited once released.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('villages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('township', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('manager_id', 'text', (c) => c.references('staff.id'))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addUniqueConstraint('villages_township_name', ['township', 'name'])
    .execute();

  await db.schema
    .createTable('borrowers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('customer_no', 'text', (c) => c.unique())
    .addColumn('resident_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_initials', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('gender', 'text', (c) => c.check(sql`gender in ('M', 'F')`))
    .addColumn('birth_date', 'text')
    .addColumn('village_id', 'text', (c) => c.references('villages.id'))
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('whereabouts', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('contact_phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('borrowers_resident_id').on('borrowers').column('resident_id').execute();
  // (village_id, id) covers the per-village walks of the overview and the register.
  await db.schema.createIndex('borrowers_village').on('borrowers').columns(['village_id', 'id']).execute();
  await db.schema.createIndex('borrowers_initials').on('borrowers').column('name_initials').execute();

  await db.schema
    .createTable('borrower_phones')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('borrower_id', 'text', (c) => c.notNull().references('borrowers.id'))
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('verified_on', 'text')
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('core', 'local')`))
    // The number as the core system last sent it: a re-import recognises a phone staff corrected.
    .addColumn('core_value', 'text')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addUniqueConstraint('borrower_phones_unique', ['borrower_id', 'phone'])
    .execute();
  await db.schema.createIndex('borrower_phones_phone').on('borrower_phones').column('phone').execute();

  await db.schema
    .createTable('loans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('loan_no', 'text', (c) => c.notNull().unique())
    .addColumn('borrower_id', 'text', (c) => c.notNull().references('borrowers.id'))
    .addColumn('contract_no', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('product', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('guarantee_type', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('guarantors', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('disbursed_on', 'text')
    .addColumn('maturity_on', 'text')
    .addColumn('contract_amount_fen', 'integer')
    .addColumn('balance_fen', 'integer', (c) => c.notNull())
    .addColumn('annual_rate_ppm', 'integer')
    .addColumn('principal_overdue_days', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('interest_owed_fen', 'integer')
    .addColumn('interest_overdue_days', 'integer')
    .addColumn('risk_class', 'text', (c) => c.check(sql`risk_class in ('正常', '关注', '次级', '可疑', '损失')`))
    .addColumn('manager_id', 'text', (c) => c.references('staff.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('active', 'settled')`))
    .addColumn('settled_on', 'text')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .execute();
  // Covers the per-village aggregates (overview, register totals) without touching loan rows.
  await db.schema
    .createIndex('loans_borrower')
    .on('loans')
    .columns(['borrower_id', 'status', 'balance_fen', 'principal_overdue_days'])
    .execute();
  await db.schema.createIndex('loans_status_manager').on('loans').columns(['status', 'manager_id']).execute();

  await db.schema
    .createTable('loan_snapshots')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('loan_id', 'text', (c) => c.notNull().references('loans.id'))
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('balance_fen', 'integer', (c) => c.notNull())
    .addColumn('principal_overdue_days', 'integer', (c) => c.notNull())
    .addColumn('interest_owed_fen', 'integer')
    .addColumn('interest_overdue_days', 'integer')
    .addColumn('risk_class', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text')
    .addColumn('created_at', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'integer', (c) => c.notNull())
    .addUniqueConstraint('loan_snapshots_loan_as_of', ['loan_id', 'as_of'])
    .execute();
  await db.schema.createIndex('loan_snapshots_as_of').on('loan_snapshots').column('as_of').execute();
}
