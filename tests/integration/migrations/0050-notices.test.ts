import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../helpers/temp-database';
import { migrateThrough } from '../../helpers/migrate-to';

const t = useTempDatabase();
const SYSTEM = '00000000-0000-7000-8000-000000000001';

async function seedLoan(): Promise<void> {
  await sql`insert into borrowers (id, name, name_initials, address, created_at, updated_at) values ('b1', '张三', 'zs', '', 1, 1)`.execute(t.db);
  await sql`insert into loans (id, loan_no, borrower_id, contract_no, product, guarantee_type, guarantors, balance_fen, principal_overdue_days, status, created_at, updated_at)
    values ('l1', 'L1', 'b1', 'C1', '', '', '', 100, 5, 'active', 1, 1)`.execute(t.db);
  await sql`insert into notice_batches (id, kind, year, scope, as_of, notices, status, staff_id, created_at, updated_at)
    values ('nb1', 'overdue', 2026, '全支行', '2026-11-30', 1, 'printing', ${SYSTEM}, 1, 1)`.execute(t.db);
}

function notice(id: string, seq: number, extra: { delivery?: string; receipt_on?: string | null } = {}) {
  return sql`insert into notices (id, batch_id, kind, year, seq, notice_no, scan_code, loan_id, borrower_id, addressee, addressee_role, as_of, issued_on,
      figures_json, status, delivery, receipt_on, staff_id, created_at, updated_at)
    values (${id}, 'nb1', 'overdue', 2026, ${seq}, ${`支行催字〔2026〕第000${seq}号`}, ${`CS-2026-000${seq}`}, 'l1', 'b1', '张三', 'borrower', '2026-11-30', '2026-12-02',
      '{}', 'issued', ${extra.delivery ?? 'sent'}, ${extra.receipt_on ?? null}, ${SYSTEM}, 1, 1)`;
}

describe('0050-notices', () => {
  it('adds the notice tables, each with the id and stamps the change log needs', async () => {
    await migrateThrough(t.db, t.path, '0050-notices');
    for (const table of ['notice_templates', 'notice_batches', 'notices', 'limitation_events']) {
      const cols = (await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(t.db)).rows.map((r) => r.name);
      expect(cols, table).toEqual(expect.arrayContaining(['id', 'created_at', 'updated_at']));
    }
  });

  it('refuses a second notice with the same kind, year and sequence, and a returned receipt without its date', async () => {
    await migrateThrough(t.db, t.path, '0050-notices');
    await seedLoan();
    await notice('n1', 1).execute(t.db);
    await expect(
      sql`insert into notices (id, batch_id, kind, year, seq, notice_no, scan_code, loan_id, borrower_id, addressee, addressee_role, as_of, issued_on, figures_json, status, staff_id, created_at, updated_at)
        values ('n2', 'nb1', 'overdue', 2026, 1, 'other', 'other', 'l1', 'b1', '张三', 'borrower', '2026-11-30', '2026-12-02', '{}', 'issued', ${SYSTEM}, 1, 1)`.execute(t.db),
    ).rejects.toThrow(/UNIQUE constraint failed: notices.kind, notices.year, notices.seq/);
    await expect(notice('n3', 3, { delivery: 'returned' }).execute(t.db)).rejects.toThrow(/CHECK constraint failed/);
    await notice('n4', 4, { delivery: 'returned', receipt_on: '2026-12-02' }).execute(t.db);
  });
});
