import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../helpers/temp-database';
import { migrateThrough } from '../../helpers/migrate-to';

const t = useTempDatabase();

describe('0120-hq-messages', () => {
  it('adds the empty table of head office’s notices, each with its title, text, sender and day', async () => {
    await migrateThrough(t.db, t.path, '0120-hq-messages');
    expect(Number((await sql<{ n: number }>`select count(*) as n from hq_messages`.execute(t.db)).rows[0].n)).toBe(0);
    await sql`insert into hq_messages values ('m1', '年末对账', '请于 12 月 31 日前完成对账。', '总行办公室', '2026-12-03', 1, 1)`.execute(t.db);
    await expect(sql`insert into hq_messages (id, title, sent_by, sent_on, created_at, updated_at) values ('m2', 't', 's', '2026-12-03', 1, 1)`.execute(t.db)).rejects.toThrow(/NOT NULL/);
  });
});
