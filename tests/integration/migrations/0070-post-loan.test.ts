import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../helpers/temp-database';
import { migrateThrough } from '../../helpers/migrate-to';

const t = useTempDatabase();
const SYSTEM = '00000000-0000-7000-8000-000000000001';

describe('0070-post-loan', () => {
  it('adds the post-loan tables, each with the id and stamps the change log needs', async () => {
    await migrateThrough(t.db, t.path, '0070-post-loan');
    for (const table of ['inspection_rules', 'inspections', 'inspection_tasks', 'spot_checks', 'warning_clearances']) {
      const cols = (await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(t.db)).rows.map((r) => r.name);
      expect(cols, table).toEqual(expect.arrayContaining(['id', 'created_at', 'updated_at']));
    }
  });

  it('seeds the default inspection rules (farmer loans 30 days then 6 months, business loans 15 then 3), logged', async () => {
    await migrateThrough(t.db, t.path, '0070-post-loan');
    const rules = (await sql<{ product: string; first_days: number; routine_months: number }>`
      select product, first_days, routine_months from inspection_rules order by product`.execute(t.db)).rows;
    expect(rules).toEqual([
      { product: '', first_days: 30, routine_months: 6 },
      { product: '个人经营贷款', first_days: 15, routine_months: 3 },
    ]);
    const logged = (await sql<{ n: number }>`select count(*) as n from change_log where table_name = 'inspection_rules'`.execute(t.db)).rows[0];
    expect(logged.n).toBe(2);
  });

  it('refuses a done task without its inspection, and a second spot check of one inspection', async () => {
    await migrateThrough(t.db, t.path, '0070-post-loan');
    await sql`insert into borrowers (id, name, name_initials, address, created_at, updated_at) values ('b1', '张三', 'zs', '', 1, 1)`.execute(t.db);
    await sql`insert into loans (id, loan_no, borrower_id, contract_no, product, guarantee_type, guarantors, balance_fen, principal_overdue_days, status, created_at, updated_at)
      values ('l1', 'L1', 'b1', 'C1', '', '', '', 100, 0, 'active', 1, 1)`.execute(t.db);
    await expect(
      sql`insert into inspection_tasks (id, loan_id, kind, due_on, status, created_at, updated_at) values ('t1', 'l1', 'first', '2026-12-01', 'done', 1, 1)`.execute(t.db),
    ).rejects.toThrow(/CHECK constraint failed/);
    await sql`insert into inspections (id, loan_id, inspected_on, way, conclusion, staff_id, created_at, updated_at) values ('i1', 'l1', '2026-12-01', 'site', 'normal', ${SYSTEM}, 1, 1)`.execute(t.db);
    await sql`insert into spot_checks (id, inspection_id, month, verdict, created_at, updated_at) values ('s1', 'i1', '2026-12', 'pending', 1, 1)`.execute(t.db);
    await expect(
      sql`insert into spot_checks (id, inspection_id, month, verdict, created_at, updated_at) values ('s2', 'i1', '2026-12', 'pending', 1, 1)`.execute(t.db),
    ).rejects.toThrow(/UNIQUE constraint failed: spot_checks.inspection_id/);
  });
});
