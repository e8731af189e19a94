import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../helpers/temp-database';
import { migrateThrough } from '../../helpers/migrate-to';

const t = useTempDatabase();

const TABLES = [
  'contacts',
  'legal_steps',
  'handover_batches',
  'loan_handovers',
  'village_cadres',
  'village_visits',
  'recoverability_assessments',
  'manager_targets',
  'sms_batches',
  'sms_messages',
  'printed_documents',
];

describe('0040-collection-work', () => {
  it('adds the collection tables, each with the id and stamps the change log needs', async () => {
    await migrateThrough(t.db, t.path, '0040-collection-work');
    for (const table of TABLES) {
      const cols = (await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(t.db)).rows.map((r) => r.name);
      expect(cols, table).toEqual(expect.arrayContaining(['id', 'created_at', 'updated_at']));
    }
  });

  it('refuses a promise with a date but no amount, and a second open hand-over of one loan', async () => {
    await migrateThrough(t.db, t.path, '0040-collection-work');
    const checks = (await sql<{ sql: string }>`select sql from sqlite_schema where name = 'contacts'`.execute(t.db)).rows[0]!.sql;
    expect(checks).toContain('(promise_on is null) = (promise_fen is null)');
    const open = (await sql<{ sql: string }>`select sql from sqlite_schema where name = 'loan_handovers_open'`.execute(t.db)).rows[0]!.sql;
    expect(open).toMatch(/unique index loan_handovers_open on loan_handovers \(loan_id\) where returned_on is null/i);
  });

  it('seeds table_versions with the newest change-log entry of each table written before it', async () => {
    await migrateThrough(t.db, t.path, '0030-loans-register-indexes');
    const system = '00000000-0000-7000-8000-000000000001';
    await sql`insert into change_txns (id, origin, actor_id, actor_name, at, schema_version) values ('t1', 'o', ${system}, '系统', 1, '0030-loans-register-indexes')`.execute(t.db);
    for (const [i, table] of ['villages', 'borrowers', 'villages', 'loans'].entries()) {
      await sql`insert into change_log (id, txn_id, at, actor_id, actor_name, action, table_name, row_id, before_json, after_json)
        values (${`t1:${i}`}, 't1', 1, ${system}, '系统', 'insert', ${table}, ${`r${i}`}, null, '{}')`.execute(t.db);
    }
    const before = (await sql<{ table_name: string; seq: number }>`select table_name, max(seq) as seq from change_log group by table_name`.execute(t.db)).rows;
    expect(before.length).toBe(3);
    await migrateThrough(t.db, t.path, '0040-collection-work');
    const seeded = (await sql<{ table_name: string; seq: number }>`select table_name, seq from table_versions`.execute(t.db)).rows;
    expect(seeded.sort((a, b) => a.table_name.localeCompare(b.table_name))).toEqual(before.sort((a, b) => a.table_name.localeCompare(b.table_name)));
  });
});
