import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateHq } from '../../../../electron/backend/hq/hq-migrator';
import { useHqTestDatabase } from '../../../helpers/hq-test-connection';

const hq = useHqTestDatabase();

describe('head-office migration 0010-hq-foundation', () => {
  it('creates the tables with bigint instants, keys rows by branch, and runs once', async () => {
    expect(await migrateHq(hq.conn.db, '0010-hq-foundation')).toEqual(['0010-hq-foundation']);
    expect(await migrateHq(hq.conn.db, '0010-hq-foundation')).toEqual([]);
    const { rows } = await sql<{ table_name: string; column_name: string; data_type: string }>`
      select table_name, column_name, data_type from information_schema.columns
      where table_schema = 'public' and (column_name like '%_at' or column_name = 'at')`.execute(hq.conn.db);
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) expect(`${r.table_name}.${r.column_name} ${r.data_type}`).toMatch(/ bigint$/);
    const { rows: keys } = await sql<{ table_name: string; columns: string }>`
      select tc.table_name, string_agg(k.column_name, ',' order by k.ordinal_position) as columns
      from information_schema.table_constraints tc join information_schema.key_column_usage k using (constraint_name, table_name)
      where tc.constraint_type = 'PRIMARY KEY' and tc.table_name in ('branch_rows', 'hq_inbox', 'hq_outbox') group by tc.table_name order by tc.table_name`.execute(hq.conn.db);
    expect(keys).toEqual([
      { table_name: 'branch_rows', columns: 'branch_code,table_name,row_id' },
      { table_name: 'hq_inbox', columns: 'branch_code,seq' },
      { table_name: 'hq_outbox', columns: 'branch_code,seq' },
    ]);
  });

  it('gives 64-bit integers back as numbers', async () => {
    const { rows } = await sql<{ n: number; ms: number }>`select count(*) as n, ${Date.UTC(2026, 11, 3)}::bigint as ms from hq_branches`.execute(hq.conn.db);
    expect(rows[0]).toEqual({ n: 0, ms: Date.UTC(2026, 11, 3) });
  });

  it('keeps a held package’s bytes until it is applied, and only then', async () => {
    await sql`insert into hq_branches (code, name, fingerprint, public_identity, registered_at) values ('101', '一支行', 'f', '{}', 1)`.execute(hq.conn.db);
    const insert = (status: string, content: Buffer | null) =>
      sql`insert into hq_inbox (branch_code, seq, hash, package_id, file_name, status, rows, content, received_at)
        values ('101', 2, 'h', gen_random_uuid(), 'p', ${status}, 0, ${content}, 1)`.execute(hq.conn.db);
    await expect(insert('held', null)).rejects.toThrow(/check/);
    await expect(insert('applied', Buffer.from('x'))).rejects.toThrow(/check/);
    await insert('held', Buffer.from('x'));
    // The views read the branch's latest import summary, its notices and archive files.
    await sql`insert into branch_rows (branch_code, table_name, row_id, data, package_seq) values
      ('101', 'imports', 'i1', '{"as_of": "2026-10-31", "created_at": 1, "book": {"loans": 9, "overdueLoans": 2, "buckets": {"1-30": {"loans": 2, "balanceFen": 500}}}}', 1),
      ('101', 'imports', 'i2', '{"as_of": "2026-11-30", "created_at": 2, "book": {"loans": 8, "overdueLoans": 1, "buckets": {"1-30": {"loans": 1, "balanceFen": 300}}}}', 1),
      ('101', 'notices', 'n1', '{"status": "issued", "receipt_on": "2026-11-02"}', 1),
      ('101', 'notices', 'n2', '{"status": "issued", "receipt_on": null}', 1),
      ('101', 'notices', 'n3', '{"status": "cancelled", "receipt_on": null}', 1),
      ('101', 'archive_files', 'f1', '{"status": "collecting", "due_on": "2020-01-01"}', 1),
      ('101', 'archive_files', 'f2', '{"status": "received", "due_on": "2020-01-01"}', 1)`.execute(hq.conn.db);
    const views = await sql<Record<string, unknown>>`
      select (select row_to_json(b)::text from hq_latest_book b) as book,
        (select json_agg(o)::text from hq_overdue_by_bucket o) as buckets,
        (select row_to_json(n)::text from hq_notice_counts n) as notices,
        (select count(*) from hq_overdue_handovers) as overdue,
        (select row_to_json(p)::text from hq_last_package p) as last`.execute(hq.conn.db);
    const [v] = views.rows;
    expect(JSON.parse(v.book as string)).toMatchObject({ branch_code: '101', as_of: '2026-11-30', book: { loans: 8 } });
    expect(JSON.parse(v.buckets as string)).toEqual([{ branch_code: '101', as_of: '2026-11-30', bucket: '1-30', loans: 1, balance_fen: 300 }]);
    expect(JSON.parse(v.notices as string)).toEqual({ branch_code: '101', issued: 2, receipts: 1 });
    expect(v.overdue).toBe(1);
    expect(JSON.parse(v.last as string)).toMatchObject({ branch_code: '101', last_seq: 0, held: 1 });
  });
});
