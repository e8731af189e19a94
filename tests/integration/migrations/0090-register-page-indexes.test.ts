import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../helpers/temp-database';
import { migrateThrough } from '../../helpers/migrate-to';

const t = useTempDatabase();

describe('0090-register-page-indexes', () => {
  it('indexes the active loans in the book’s order, with the columns the order needs', async () => {
    await migrateThrough(t.db, t.path, '0090-register-page-indexes');
    const columns = (await sql<{ name: string }>`select name from pragma_index_info('loans_active_book') order by seqno`.execute(t.db)).rows.map((r) => r.name);
    expect(columns).toEqual(['borrower_id', 'loan_no', 'id']);
    const partial = (await sql<{ partial: number }>`select partial from pragma_index_list('loans') where name = 'loans_active_book'`.execute(t.db)).rows;
    expect(partial).toEqual([{ partial: 1 }]);
  });

  it('reads a page of the active book in its order from the index alone', async () => {
    await migrateThrough(t.db, t.path, '0090-register-page-indexes');
    const plan = (await sql<{ detail: string }>`explain query plan select id from loans where status = 'active' order by borrower_id, loan_no, id limit 100 offset 1000`.execute(t.db)).rows.map((r) => r.detail).join('\n');
    expect(plan).toContain('COVERING INDEX loans_active_book');
  });
});
