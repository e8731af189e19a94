import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../helpers/temp-database';
import { migrateThrough } from '../../helpers/migrate-to';
import { migrations } from '../../../migrations';

const t = useTempDatabase();
const SYSTEM = '00000000-0000-7000-8000-000000000001';

const columns = async (table: string) => (await sql<{ name: string }>`select name from pragma_table_info(${table}) order by cid`.execute(t.db)).rows.map((r) => r.name);
const batchSql = (table: string) => sql<{ sql: string }>`select sql from sqlite_master where name = ${table}`;

async function seedBatches(): Promise<void> {
  await sql`insert into borrowers (id, name, name_initials, address, created_at, updated_at) values ('b1', '张三', 'zs', '', 1, 1)`.execute(t.db);
  await sql`insert into loans (id, loan_no, borrower_id, contract_no, product, guarantee_type, guarantors, disbursed_on, balance_fen, principal_overdue_days, status, created_at, updated_at)
    values ('l1', 'L1', 'b1', 'C1', '', '信用', '', '2026-11-02', 100, 0, 'active', 1, 1)`.execute(t.db);
  await sql`insert into archive_batches (id, batch_no, year, seq, handed_on, files, documents, pages, manifest, sha256, status, received_on, received_by, receipt_source, received_files, discrepancy_files, staff_id, created_at, updated_at)
    values ('ab1', '白文支行档移〔2026〕第001号', 2026, 1, '2026-11-20', 1, 8, 40, '{}', 'aa', 'received', '2026-11-25', '档案室王五', 'hand', 1, 0, ${SYSTEM}, 5, 6),
           ('ab2', '白文支行档移〔2026〕第002号', 2026, 2, '2026-11-27', 1, 8, 40, '{}', 'bb', 'sent', null, '', null, 0, 0, ${SYSTEM}, 7, 7)`.execute(t.db);
  await sql`insert into archive_files (id, loan_id, disbursed_on, due_on, status, batch_id, created_at, updated_at)
    values ('f1', 'l1', '2026-11-02', '2026-11-16', 'handed_over', 'ab2', 1, 1)`.execute(t.db);
  await sql`insert into archive_events (id, file_id, action, batch_id, staff_id, created_at, updated_at) values ('e1', 'f1', 'handover', 'ab2', ${SYSTEM}, 1, 1)`.execute(t.db);
}

describe('0110-archive-receipts', () => {
  it('runs with foreign keys off, alone (it rebuilds a table others refer to)', () => {
    expect(migrations['0110-archive-receipts'].foreignKeys).toBe('off');
  });

  it('adds the empty archive_receipts table with exactly the columns head office sends', async () => {
    await migrateThrough(t.db, t.path, '0110-archive-receipts');
    expect(await columns('archive_receipts')).toEqual(['id', 'batch_no', 'manifest_sha256', 'received_by', 'received_on', 'results_json', 'created_at', 'updated_at']);
    expect((await sql<{ n: number }>`select count(*) as n from archive_receipts`.execute(t.db)).rows[0].n).toBe(0);
    await expect(sql`insert into archive_receipts (id, batch_no, manifest_sha256, received_by, received_on, results_json, created_at, updated_at) values ('r1', 'x', 'aa', '王五', '2026-12-01', null, 1, 1)`.execute(t.db)).rejects.toThrow(/NOT NULL/);
  });

  it('rebuilds archive_batches to accept a receipt by sync, keeping its rows, column order, constraints and the rows that refer to it', async () => {
    await migrateThrough(t.db, t.path, '0100-sync');
    await seedBatches();
    const before = (await sql`select * from archive_batches order by id`.execute(t.db)).rows;
    const columnsBefore = await columns('archive_batches');
    await migrateThrough(t.db, t.path, '0110-archive-receipts');

    expect((await sql`select * from archive_batches order by id`.execute(t.db)).rows).toEqual(before);
    expect(await columns('archive_batches')).toEqual(columnsBefore);
    expect((await batchSql('archive_batches').execute(t.db)).rows[0].sql).toContain("'sync'");
    expect((await batchSql('archive_batches_next').execute(t.db)).rows).toEqual([]);
    // The files and events still point at their batch, and the references are enforced again.
    expect((await sql`pragma foreign_key_check`.execute(t.db)).rows).toEqual([]);
    expect((await sql<{ batch_id: string }>`select batch_id from archive_files`.execute(t.db)).rows).toEqual([{ batch_id: 'ab2' }]);
    await expect(sql`update archive_files set batch_id = 'nowhere' where id = 'f1'`.execute(t.db)).rejects.toThrow(/FOREIGN KEY/);

    await sql`update archive_batches set status = 'received', received_on = '2026-12-01', received_by = '档案室王五', receipt_source = 'sync' where id = 'ab2'`.execute(t.db);
    await expect(sql`update archive_batches set receipt_source = 'mail' where id = 'ab2'`.execute(t.db)).rejects.toThrow(/CHECK/);
    await expect(sql`update archive_batches set received_on = null where id = 'ab2'`.execute(t.db)).rejects.toThrow(/CHECK/);
    await expect(
      sql`insert into archive_batches (id, batch_no, year, seq, handed_on, files, documents, pages, manifest, sha256, status, staff_id, created_at, updated_at)
        values ('ab3', '白文支行档移〔2026〕第001号', 2026, 3, '2026-11-30', 1, 1, 1, '{}', 'cc', 'sent', ${SYSTEM}, 1, 1)`.execute(t.db),
    ).rejects.toThrow(/UNIQUE constraint failed: archive_batches.batch_no/);
    await expect(
      sql`insert into archive_batches (id, batch_no, year, seq, handed_on, files, documents, pages, manifest, sha256, status, staff_id, created_at, updated_at)
        values ('ab4', 'other', 2026, 2, '2026-11-30', 1, 1, 1, '{}', 'cc', 'sent', ${SYSTEM}, 1, 1)`.execute(t.db),
    ).rejects.toThrow(/UNIQUE constraint failed: archive_batches.year, archive_batches.seq/);
  });
});
