import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../helpers/temp-database';
import { migrateThrough } from '../../helpers/migrate-to';

const t = useTempDatabase();
const SYSTEM = '00000000-0000-7000-8000-000000000001';
// 2026-03-05 12:00 local time, as epoch ms: the day the register first had loan l2.
const CREATED = new Date(2026, 2, 5, 12, 0).getTime();

async function seedRegister(): Promise<void> {
  await sql`insert into staff (id, username, display_name, role, password_hash, active, created_at, updated_at) values
    ('m1', null, '张经理', 'manager', null, 1, 1, 1),
    ('m2', null, '李经理', 'manager', null, 1, 2, 2),
    ('m2b', null, '李经理', 'manager', null, 1, 3, 3),
    ('c1', 'clerk', '王内勤', 'clerk', 'scrypt$x', 1, 4, 4),
    ('c2', 'clerk2', '张经理', 'clerk', 'scrypt$x', 1, 5, 5)`.execute(t.db);
  await sql`insert into villages (id, township, name, manager_id, created_at, updated_at) values ('v1', '白文镇', '刘家会村', 'm1', 1, 1)`.execute(t.db);
  await sql`insert into borrowers (id, name, name_initials, village_id, created_at, updated_at) values ('b1', '陈斌', 'cb', 'v1', 1, 1)`.execute(t.db);
  await sql`insert into loans (id, loan_no, borrower_id, balance_fen, disbursed_on, manager_id, status, created_at, updated_at) values
    ('l1', 'L1', 'b1', 100, '2025-01-10', 'm1', 'active', ${CREATED}, ${CREATED}),
    ('l2', 'L2', 'b1', 200, null, 'm2', 'active', ${CREATED}, ${CREATED}),
    ('l3', 'L3', 'b1', 300, '2025-02-01', 'c1', 'active', ${CREATED}, ${CREATED}),
    ('l4', 'L4', 'b1', 0, '2024-01-01', 'm1', 'settled', ${CREATED}, ${CREATED}),
    ('l5', 'L5', 'b1', 500, '2025-03-01', null, 'active', ${CREATED}, ${CREATED})`.execute(t.db);
  await sql`insert into loan_snapshots (id, loan_id, as_of, balance_fen, principal_overdue_days, status, created_at, updated_at) values
    ('s1', 'l1', '2026-01-31', 100, 0, 'active', 1, 1),
    ('s5', 'l5', '2026-01-31', 500, 0, 'active', 1, 1)`.execute(t.db);
}

describe('0020-loan-assignments', () => {
  it('gives every active loan with a manager a current assignment, logged, and maps names to the staff the imports matched', async () => {
    await migrateThrough(t.db, t.path, '0010-change-log-transactions');
    await seedRegister();
    await migrateThrough(t.db, t.path, '0020-loan-assignments');

    const assignments = (
      await sql<{ id: string; loan_id: string; manager_id: string; valid_from: string; valid_to: string | null; reason: string }>`
        select id, loan_id, manager_id, valid_from, valid_to, reason from loan_assignments order by loan_id`.execute(t.db)
    ).rows;
    // From the disbursement date, else the local day the register first had the loan; settled and unmanaged loans get none.
    expect(assignments.map(({ loan_id, manager_id, valid_from, valid_to }) => ({ loan_id, manager_id, valid_from, valid_to }))).toEqual([
      { loan_id: 'l1', manager_id: 'm1', valid_from: '2025-01-10', valid_to: null },
      { loan_id: 'l2', manager_id: 'm2', valid_from: '2026-03-05', valid_to: null },
      { loan_id: 'l3', manager_id: 'c1', valid_from: '2025-02-01', valid_to: null },
    ]);
    expect(assignments.every((a) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(a.id))).toBe(true);
    expect(assignments[0].reason).not.toBe('');

    expect((await sql`select loan_id, manager_id, valid_from from current_loan_managers order by loan_id`.execute(t.db)).rows).toEqual([
      { loan_id: 'l1', manager_id: 'm1', valid_from: '2025-01-10' },
      { loan_id: 'l2', manager_id: 'm2', valid_from: '2026-03-05' },
      { loan_id: 'l3', manager_id: 'c1', valid_from: '2025-02-01' },
    ]);

    // Managers first (张经理 is m1, not the clerk of that name), the earliest of two same-named managers,
    // and a non-manager the loans already name.
    expect((await sql`select name, staff_id from manager_names order by staff_id`.execute(t.db)).rows).toEqual([
      { name: '王内勤', staff_id: 'c1' },
      { name: '张经理', staff_id: 'm1' },
      { name: '李经理', staff_id: 'm2' },
    ]);

    expect((await sql`select id, manager_id from loan_snapshots order by id`.execute(t.db)).rows).toEqual([
      { id: 's1', manager_id: 'm1' },
      { id: 's5', manager_id: null },
    ]);

    // Every inserted row is in the change log as stored, under one transaction of the system actor caused by the migration.
    const log = (await sql<{ table_name: string; row_id: string; action: string; after_json: string; txn_id: string }>`
      select table_name, row_id, action, after_json, txn_id from change_log order by seq`.execute(t.db)).rows;
    expect(log.map((e) => `${e.action} ${e.table_name}`).sort()).toEqual([
      ...Array(3).fill('insert loan_assignments'),
      ...Array(3).fill('insert manager_names'),
    ]);
    const stored = await sql<Record<string, unknown>>`select * from loan_assignments where loan_id = 'l1'`.execute(t.db);
    expect(JSON.parse(log.find((e) => e.row_id === stored.rows[0].id)!.after_json)).toEqual(stored.rows[0]);
    const txns = (await sql`select actor_id, cause_kind, cause_id from change_txns`.execute(t.db)).rows;
    expect(txns).toEqual([{ actor_id: SYSTEM, cause_kind: 'migration', cause_id: '0020-loan-assignments' }]);
    expect(new Set(log.map((e) => e.txn_id)).size).toBe(1);
    expect((await sql`pragma foreign_key_check`.execute(t.db)).rows).toEqual([]);
  });

  it('allows one current assignment per loan, any number of past ones, and no manager who is not staff', async () => {
    await migrateThrough(t.db, t.path, '0010-change-log-transactions');
    await seedRegister();
    await migrateThrough(t.db, t.path, '0020-loan-assignments');

    const insert = (id: string, manager: string, from: string, to: string | null) =>
      sql`insert into loan_assignments (id, loan_id, manager_id, valid_from, valid_to, created_at, updated_at)
        values (${id}, 'l5', ${manager}, ${from}, ${to}, 1, 1)`.execute(t.db);
    await insert('a1', 'm1', '2026-01-01', '2026-02-01');
    await insert('a2', 'm2', '2026-02-01', null);
    await expect(insert('a3', 'm1', '2026-03-01', null)).rejects.toThrow(/UNIQUE/);
    await insert('a4', 'm1', '2025-01-01', '2026-01-01');
    await expect(insert('a5', 'nobody', '2025-01-01', '2025-02-01')).rejects.toThrow(/FOREIGN KEY/);
    await expect(insert('a6', 'm1', '2025-02-01', '2025-01-01')).rejects.toThrow(/CHECK/);
    expect((await sql`select manager_id from current_loan_managers where loan_id = 'l5'`.execute(t.db)).rows).toEqual([{ manager_id: 'm2' }]);

    await expect(sql`insert into manager_names (id, name, staff_id, created_at, updated_at) values ('n1', '张经理', 'm2', 1, 1)`.execute(t.db)).rejects.toThrow(
      /UNIQUE/,
    );
    // A snapshot names a staff member or no one.
    await expect(sql`update loan_snapshots set manager_id = 'nobody' where id = 's5'`.execute(t.db)).rejects.toThrow(/FOREIGN KEY/);
  });

  it('runs on an empty register', async () => {
    await migrateThrough(t.db, t.path, '0020-loan-assignments');
    expect((await sql`select count(*) as n from loan_assignments`.execute(t.db)).rows).toEqual([{ n: 0 }]);
    expect((await sql`select count(*) as n from change_log`.execute(t.db)).rows).toEqual([{ n: 0 }]);
  });
});
