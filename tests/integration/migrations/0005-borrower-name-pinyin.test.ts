import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../helpers/temp-database';
import { migrateThrough } from '../../helpers/migrate-to';

const t = useTempDatabase();

describe('0005-borrower-name-pinyin', () => {
  it('gives every existing borrower the pinyin sort key of their name', async () => {
    await migrateThrough(t.db, t.path, '0004-change-log-batches');
    await sql`insert into borrowers (id, name, name_initials, created_at, updated_at) values
      ('b1', '陈斌', 'cb', 1, 1), ('b2', '单田芳', 'stf', 1, 1), ('b3', '陈斌', 'cb', 1, 1)`.execute(t.db);

    await migrateThrough(t.db, t.path, '0005-borrower-name-pinyin');

    const rows = await sql<{ id: string; name_pinyin: string }>`select id, name_pinyin from borrowers order by id`.execute(t.db);
    expect(rows.rows).toEqual([
      { id: 'b1', name_pinyin: 'chen bin' },
      { id: 'b2', name_pinyin: 'shan tian fang' },
      { id: 'b3', name_pinyin: 'chen bin' },
    ]);
    await sql`insert into borrowers (id, name, created_at, updated_at) values ('b4', '新户', 1, 1)`.execute(t.db);
    expect((await sql<{ p: string }>`select name_pinyin as p from borrowers where id = 'b4'`.execute(t.db)).rows[0].p).toBe('');
  });
});
