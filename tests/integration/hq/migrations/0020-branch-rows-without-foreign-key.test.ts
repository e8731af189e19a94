import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateHq } from '../../../../electron/backend/hq/hq-migrator';
import { useHqTestDatabase } from '../../../helpers/hq-test-connection';

const hq = useHqTestDatabase();

const foreignKeysOf = async (table: string) =>
  (await sql<{ conname: string }>`select conname from pg_constraint where conrelid = ${table}::regclass and contype = 'f' order by conname`.execute(hq.conn.db)).rows.map((r) => r.conname);

describe('head-office migration 0020-branch-rows-without-foreign-key', () => {
  it('drops only branch_rows’ foreign key, keeping its rows, key and index', async () => {
    await migrateHq(hq.conn.db, '0010-hq-foundation');
    expect(await foreignKeysOf('branch_rows')).toEqual(['branch_rows_branch_code_fkey']);
    await sql`insert into hq_branches (code, name, fingerprint, public_identity, registered_at) values ('101', '一支行', 'f', '{}', 1)`.execute(hq.conn.db);
    await sql`insert into branch_rows (branch_code, table_name, row_id, data, package_seq) values ('101', 'notices', 'n1', '{"status": "issued"}', 1)`.execute(hq.conn.db);

    expect(await migrateHq(hq.conn.db, '0020-branch-rows-without-foreign-key')).toEqual(['0020-branch-rows-without-foreign-key']);
    expect(await foreignKeysOf('branch_rows')).toEqual([]);
    expect(await foreignKeysOf('hq_inbox')).toEqual(['hq_inbox_branch_code_fkey']);
    const { rows } = await sql<{ indexname: string }>`select indexname from pg_indexes where tablename = 'branch_rows' order by indexname`.execute(hq.conn.db);
    expect(rows.map((r) => r.indexname)).toEqual(['branch_rows_by_table', 'branch_rows_pkey']);
    expect(Number((await sql<{ n: number }>`select count(*) as n from branch_rows`.execute(hq.conn.db)).rows[0].n)).toBe(1);
    await expect(sql`insert into branch_rows (branch_code, table_name, row_id, data, package_seq) values ('101', 'notices', 'n1', '{}', 2)`.execute(hq.conn.db)).rejects.toThrow(/duplicate key/);
  });
});
