import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../helpers/temp-database';
import { migrateThrough } from '../../helpers/migrate-to';

const t = useTempDatabase();

describe('0030-loans-register-indexes', () => {
  it('makes loans_borrower cover the balance, contract amount and interest owed that a view sums', async () => {
    await migrateThrough(t.db, t.path, '0030-loans-register-indexes');
    const columns = (await sql<{ name: string }>`select name from pragma_index_info('loans_borrower') order by seqno`.execute(t.db)).rows.map((r) => r.name);
    expect(columns).toEqual(['borrower_id', 'status', 'balance_fen', 'principal_overdue_days', 'contract_amount_fen', 'interest_owed_fen']);
    const indexes = (await sql<{ name: string }>`select name from sqlite_schema where type = 'index' and tbl_name = 'loans'`.execute(t.db)).rows.map((r) => r.name);
    expect(indexes).not.toContain('loans_status_manager');
  });
});
