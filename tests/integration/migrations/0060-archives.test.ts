import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../helpers/temp-database';
import { migrateThrough } from '../../helpers/migrate-to';

const t = useTempDatabase();

async function seedLoans(): Promise<void> {
  await sql`insert into borrowers (id, name, name_initials, address, created_at, updated_at) values ('b1', '张三', 'zs', '', 1, 1)`.execute(t.db);
  await sql`insert into loans (id, loan_no, borrower_id, contract_no, product, guarantee_type, guarantors, disbursed_on, balance_fen, principal_overdue_days, status, created_at, updated_at)
    values ('l1', 'L1', 'b1', 'C1', '', '保证', '', '2026-11-27', 100, 0, 'active', 1, 1),
           ('l2', 'L2', 'b1', 'C2', '', '信用', '', null, 100, 0, 'active', 1, 1),
           ('l3', 'L3', 'b1', 'C3', '', '信用', '', '2020-01-02', 0, 0, 'settled', 1, 1)`.execute(t.db);
}

describe('0060-archives', () => {
  it('adds the archive tables, each with the id and stamps the change log needs', async () => {
    await migrateThrough(t.db, t.path, '0060-archives');
    for (const table of ['archive_doc_types', 'archive_doc_rules', 'calendar_days', 'archive_files', 'archive_documents', 'archive_file_editors', 'archive_events', 'archive_batches']) {
      const cols = (await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(t.db)).rows.map((r) => r.name);
      expect(cols, table).toEqual(expect.arrayContaining(['id', 'created_at', 'updated_at']));
    }
  });

  it('seeds the default catalogue with fixed ids and its rules, logged as the system actor', async () => {
    await migrateThrough(t.db, t.path, '0060-archives');
    const types = (await sql<{ id: string; name: string }>`select id, name from archive_doc_types order by sort_order`.execute(t.db)).rows;
    expect(types).toHaveLength(15);
    expect(types[0]).toEqual({ id: '0a000000-0000-7000-8000-000000000001', name: '借款申请书' });
    const rules = (await sql<{ name: string; guarantee_type: string }>`
      select t.name, r.guarantee_type from archive_doc_rules r join archive_doc_types t on t.id = r.doc_type_id where r.guarantee_type <> '' order by t.sort_order`.execute(t.db)).rows;
    expect(rules).toEqual([
      { name: '保证合同', guarantee_type: '保证' },
      { name: '保证人身份证复印件', guarantee_type: '保证' },
      { name: '抵押合同', guarantee_type: '抵押' },
      { name: '他项权证/抵押登记证明', guarantee_type: '抵押' },
      { name: '质押合同', guarantee_type: '质押' },
    ]);
    const logged = (await sql<{ n: number }>`select count(*) as n from change_log where table_name in ('archive_doc_types', 'archive_doc_rules')`.execute(t.db)).rows[0];
    expect(logged.n).toBe(30);
  });

  it('gives every loan with a disbursement date a file being collected, due 10 weekdays later, logged', async () => {
    await migrateThrough(t.db, t.path, '0050-notices');
    await seedLoans();
    await migrateThrough(t.db, t.path, '0060-archives');
    const files = (await sql<{ loan_id: string; due_on: string; status: string }>`select loan_id, due_on, status from archive_files order by loan_id`.execute(t.db)).rows;
    // 2026-11-27 is a Friday: ten weekdays later is Friday 2026-12-11.
    expect(files).toEqual([
      { loan_id: 'l1', due_on: '2026-12-11', status: 'collecting' },
      { loan_id: 'l3', due_on: '2020-01-16', status: 'collecting' },
    ]);
    const logged = (await sql<{ n: number }>`select count(*) as n from change_log where table_name = 'archive_files' and action = 'insert'`.execute(t.db)).rows[0];
    expect(logged.n).toBe(2);
  });

  it('refuses a second file for a loan and an unknown document state', async () => {
    await migrateThrough(t.db, t.path, '0050-notices');
    await seedLoans();
    await migrateThrough(t.db, t.path, '0060-archives');
    await expect(
      sql`insert into archive_files (id, loan_id, disbursed_on, due_on, status, created_at, updated_at) values ('f9', 'l1', '2026-11-27', '2026-12-11', 'collecting', 1, 1)`.execute(t.db),
    ).rejects.toThrow(/UNIQUE constraint failed: archive_files.loan_id/);
    const file = (await sql<{ id: string }>`select id from archive_files where loan_id = 'l1'`.execute(t.db)).rows[0];
    await expect(
      sql`insert into archive_documents (id, file_id, doc_type_id, state, created_at, updated_at) values ('d1', ${file.id}, '0a000000-0000-7000-8000-000000000001', 'lost', 1, 1)`.execute(t.db),
    ).rejects.toThrow(/CHECK constraint failed/);
  });
});
