import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../helpers/temp-database';
import { migrateThrough } from '../../helpers/migrate-to';

const t = useTempDatabase();

describe('0002-register', () => {
  it('keeps staff, settings and the log, and adds the register tables with their rules', async () => {
    await migrateThrough(t.db, t.path, '0001-foundation');
    await sql`insert into staff (id, username, display_name, role, created_at, updated_at) values ('m1', null, '李志强', 'manager', 1, 1)`.execute(t.db);
    await sql`insert into settings (key, value, updated_at) values ('branch_name', '林家坪支行', 1)`.execute(t.db);
    await sql`insert into change_log (id, txn_id, at, actor_name, action, table_name, row_id) values ('c1', 't1', 1, 'x', 'insert', 'staff', 'm1')`.execute(t.db);

    await migrateThrough(t.db, t.path, '0002-register');

    expect((await sql`select id, display_name from staff`.execute(t.db)).rows).toEqual([{ id: 'm1', display_name: '李志强' }]);
    expect((await sql`select value from settings`.execute(t.db)).rows).toEqual([{ value: '林家坪支行' }]);
    expect((await sql`select count(*) as n from change_log`.execute(t.db)).rows).toEqual([{ n: 1 }]);

    await sql`insert into villages (id, township, name, manager_id, created_at, updated_at) values ('v1', '白文镇', '刘家会村', 'm1', 1, 1)`.execute(t.db);
    await sql`insert into borrowers (id, customer_no, name, village_id, created_at, updated_at) values ('b1', 'C1', '梁梅', 'v1', 1, 1)`.execute(t.db);
    await sql`insert into loans (id, loan_no, borrower_id, balance_fen, risk_class, manager_id, created_at, updated_at) values ('l1', '88011000000', 'b1', 3548425, '关注', 'm1', 1, 1)`.execute(t.db);
    const loan = (await sql<{ status: string; principal_overdue_days: number }>`select status, principal_overdue_days from loans`.execute(t.db)).rows[0];
    expect(loan).toEqual({ status: 'active', principal_overdue_days: 0 });

    // Rules the schema enforces by itself.
    await expect(sql`insert into loans (id, loan_no, borrower_id, balance_fen, created_at, updated_at) values ('l2', '88011000000', 'b1', 1, 1, 1)`.execute(t.db)).rejects.toThrow(/UNIQUE/);
    await expect(sql`insert into loans (id, loan_no, borrower_id, balance_fen, created_at, updated_at) values ('l3', 'X', 'nobody', 1, 1, 1)`.execute(t.db)).rejects.toThrow(/FOREIGN KEY/);
    await expect(sql`insert into loans (id, loan_no, borrower_id, balance_fen, risk_class, created_at, updated_at) values ('l4', 'Y', 'b1', 1, '很好', 1, 1)`.execute(t.db)).rejects.toThrow(/CHECK/);
    await expect(sql`insert into villages (id, township, name, created_at, updated_at) values ('v2', '白文镇', '刘家会村', 1, 1)`.execute(t.db)).rejects.toThrow(/UNIQUE/);
  });
});
