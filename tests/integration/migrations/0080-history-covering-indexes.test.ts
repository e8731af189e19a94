import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../helpers/temp-database';
import { migrateThrough } from '../../helpers/migrate-to';

const t = useTempDatabase();

const columns = async (index: string) =>
  (await sql<{ name: string }>`select name from pragma_index_info(${index}) order by seqno`.execute(t.db)).rows.map((r) => r.name);

describe('0080-history-covering-indexes', () => {
  it('replaces loan_snapshots_as_of by an index on (as_of, loan_id) holding every column the indicators read', async () => {
    await migrateThrough(t.db, t.path, '0080-history-covering-indexes');
    expect(await columns('loan_snapshots_history')).toEqual(['as_of', 'loan_id', 'status', 'balance_fen', 'interest_owed_fen', 'risk_class', 'principal_overdue_days', 'manager_id']);
    expect(await columns('loan_snapshots_as_of')).toEqual([]);
    expect(await columns('loans_id_borrower')).toEqual(['id', 'borrower_id', 'loan_no']);
  });
});
