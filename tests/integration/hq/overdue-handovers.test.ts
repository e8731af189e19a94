import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { overdueHandovers } from '../../../electron/backend/hq/console/archive-queries';
import { migrateHq } from '../../../electron/backend/hq/hq-migrator';
import { branchReport } from '../../../electron/backend/hq/report';
import { todayLocal } from '../../../electron/shared/dates';
import { useHqTestDatabase } from '../../helpers/hq-test-connection';

const hq = useHqTestDatabase();
beforeAll(async () => {
  await migrateHq(hq.conn.db);
});

describe('files past their hand-over deadline, at head office', () => {
  it('are judged by the app’s today, not by the PostgreSQL server’s date', async () => {
    // The tests' today is pinned (tests/vitest.config.ts) before the clock's: the server's date would count the files due on it and after.
    expect(todayLocal()).toBe('2026-12-02');
    await sql`insert into hq_branches (code, name, fingerprint, public_identity, registered_at) values ('101', '一支行', 'f', '{}', 1), ('102', '二支行', 'g', '{}', 1)`.execute(hq.conn.db);
    await sql`insert into branch_rows (branch_code, table_name, row_id, data, package_seq) values
      ('101', 'archive_files', 'a', '{"status": "collecting", "due_on": "2026-11-30"}', 1),
      ('101', 'archive_files', 'b', '{"status": "awaiting_review", "due_on": "2026-12-01"}', 1),
      ('101', 'archive_files', 'c', '{"status": "reviewed", "due_on": "2026-12-02"}', 1),
      ('101', 'archive_files', 'd', '{"status": "received", "due_on": "2026-11-01"}', 1),
      ('102', 'archive_files', 'e', '{"status": "returned", "due_on": "2026-12-03"}', 1),
      ('102', 'archive_files', 'f', '{"status": "discrepancy", "due_on": "2026-10-15"}', 1)`.execute(hq.conn.db);

    const report = await branchReport(hq.conn.db);
    expect(report.map((r) => [r.code, Number(r.overdueHandovers)])).toEqual([
      ['101', 2],
      ['102', 1],
    ]);
    const all = await overdueHandovers(hq.conn.db, undefined, 10);
    expect(all).toEqual({
      total: 3,
      rows: [
        { branchCode: '102', dueOn: '2026-10-15', status: 'discrepancy' },
        { branchCode: '101', dueOn: '2026-11-30', status: 'collecting' },
        { branchCode: '101', dueOn: '2026-12-01', status: 'awaiting_review' },
      ],
    });
    expect((await overdueHandovers(hq.conn.db, '102', 10)).total).toBe(1);
  });
});
