import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../helpers/temp-database';
import { migrateThrough } from '../../helpers/migrate-to';

const t = useTempDatabase();

describe('0001-foundation', () => {
  it('creates settings, staff and an append-only change log on an empty file', async () => {
    await migrateThrough(t.db, t.path, '0001-foundation');
    const tables = (await t.db.introspection.getTables()).map((t) => t.name).sort();
    expect(tables).toEqual(['change_log', 'settings', 'staff']);

    await sql`insert into staff (id, username, display_name, role, created_at, updated_at) values ('s1', 'a', '甲', 'clerk', 1, 1)`.execute(t.db);
    await expect(sql`insert into staff (id, username, display_name, role, created_at, updated_at) values ('s2', 'b', '乙', 'boss', 1, 1)`.execute(t.db)).rejects.toThrow(
      /CHECK/,
    );
    await sql`insert into change_log (id, txn_id, at, actor_name, action, table_name, row_id) values ('c1', 't1', 1, 'x', 'insert', 'staff', 's1')`.execute(t.db);
    await expect(sql`delete from change_log`.execute(t.db)).rejects.toThrow(/append-only/);
  });
});
