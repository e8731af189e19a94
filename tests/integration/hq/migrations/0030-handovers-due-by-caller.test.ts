import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateHq } from '../../../../electron/backend/hq/hq-migrator';
import { useHqTestDatabase } from '../../../helpers/hq-test-connection';

const hq = useHqTestDatabase();

/** A date in China, `days` from today there (the clock's, not the tests' pinned today). */
function chinaDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * 86_400_000));
}

describe('head-office migration 0030-handovers-due-by-caller', () => {
  it('lists the files still at a branch with their deadline; the old view judges them by China’s date in any server time zone', async () => {
    await migrateHq(hq.conn.db, '0020-branch-rows-without-foreign-key');
    await sql`insert into hq_branches (code, name, fingerprint, public_identity, registered_at) values ('101', '一支行', 'f', '{}', 1)`.execute(hq.conn.db);
    const file = (id: string, status: string, dueOn: string | null) => ({ id, data: JSON.stringify({ status, due_on: dueOn }) });
    const files = [
      file('late', 'collecting', chinaDate(-1)),
      file('due-today', 'reviewed', chinaDate(0)),
      file('received', 'received', chinaDate(-30)),
      file('no-deadline', 'collecting', null),
      file('later', 'discrepancy', chinaDate(10)),
    ];
    for (const f of files) {
      await sql`insert into branch_rows (branch_code, table_name, row_id, data, package_seq) values ('101', 'archive_files', ${f.id}, ${f.data}::jsonb, 1)`.execute(hq.conn.db);
    }

    expect(await migrateHq(hq.conn.db)).toEqual(['0030-handovers-due-by-caller']);
    const atBranch = await sql<{ file_id: string; due_on: string; status: string }>`select file_id, due_on, status from hq_handovers_at_branch order by file_id`.execute(hq.conn.db);
    expect(atBranch.rows).toEqual([
      { file_id: 'due-today', due_on: chinaDate(0), status: 'reviewed' },
      { file_id: 'late', due_on: chinaDate(-1), status: 'collecting' },
      { file_id: 'later', due_on: chinaDate(10), status: 'discrepancy' },
    ]);
    // A server whose time zone is far behind China's: most of the day its current_date is China's yesterday.
    const overdue = await hq.conn.db.transaction().execute(async (trx) => {
      await sql`set local time zone 'Pacific/Honolulu'`.execute(trx);
      return (await sql<{ file_id: string }>`select file_id from hq_overdue_handovers order by file_id`.execute(trx)).rows;
    });
    expect(overdue).toEqual([{ file_id: 'late' }]);
  });
});
