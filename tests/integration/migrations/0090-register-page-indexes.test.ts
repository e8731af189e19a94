import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../helpers/temp-database';
import { migrateThrough } from '../../helpers/migrate-to';

const t = useTempDatabase();

describe('0090-register-page-indexes', () => {
  it('indexes the active loans in the book’s order and by balance, with the columns each order needs', async () => {
    await migrateThrough(t.db, t.path, '0090-register-page-indexes');
    const columns = async (index: string) => (await sql<{ name: string }>`select name from pragma_index_info(${index}) order by seqno`.execute(t.db)).rows.map((r) => r.name);
    expect(await columns('loans_active_book')).toEqual(['borrower_id', 'loan_no', 'id']);
    expect(await columns('loans_active_balance')).toEqual(['balance_fen', 'borrower_id', 'loan_no', 'id']);
    const partial = (await sql<{ name: string; partial: number }>`select name, partial from pragma_index_list('loans') where name like 'loans_active_%' order by name`.execute(t.db)).rows;
    expect(partial).toEqual([
      { name: 'loans_active_balance', partial: 1 },
      { name: 'loans_active_book', partial: 1 },
    ]);
  });

  it('reads a page of the active book in its order from the index alone', async () => {
    await migrateThrough(t.db, t.path, '0090-register-page-indexes');
    const plan = async (order: string) =>
      (await sql<{ detail: string }>`explain query plan select id from loans where status = 'active' order by ${sql.raw(order)} limit 100 offset 1000`.execute(t.db)).rows.map((r) => r.detail).join('\n');
    expect(await plan('borrower_id, loan_no, id')).toContain('COVERING INDEX loans_active_book');
    expect(await plan('balance_fen, borrower_id, loan_no, id')).toContain('COVERING INDEX loans_active_balance');
  });
});
