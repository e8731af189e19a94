import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../helpers/temp-database';
import { migrateThrough } from '../../helpers/migrate-to';

const t = useTempDatabase();

const now = 1_764_000_000_000;

describe('0100-sync', () => {
  it('adds the empty sync tables: one identity, peers pinned by fingerprint, packages out and in (applied or held, one per seq)', async () => {
    await migrateThrough(t.db, t.path, '0100-sync');
    for (const table of ['sync_identity', 'sync_peers', 'sync_outbox', 'sync_inbox']) {
      expect(Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(t.db)).rows[0].n)).toBe(0);
    }
    const identity = (id: string) => sql`insert into sync_identity values (${id}, 'branch', '880110', '白文支行', 'k', 'a', '{}', ${now}, ${now})`.execute(t.db);
    await identity('i1');
    await expect(identity('i2')).rejects.toThrow(/UNIQUE/);
    await sql`insert into sync_peers (id, kind, code, name, fingerprint, public_identity, created_at, updated_at) values ('p1', 'hq', 'HQ', '联社', 'f1', '{}', ${now}, ${now})`.execute(t.db);
    const inbox = (id: string, status: string, seq: number) =>
      sql`insert into sync_inbox (id, peer_id, from_code, seq, hash, package_id, file_name, status, created_at, updated_at)
        values (${id}, 'p1', 'HQ', ${seq}, 'h', ${id}, 'x.blpkg', ${status}, ${now}, ${now})`.execute(t.db);
    await inbox('in1', 'applied', 1);
    await inbox('in2', 'held', 3);
    await expect(inbox('in3', 'held', 1)).rejects.toThrow(/UNIQUE/);
    await expect(inbox('in4', 'refused', 4)).rejects.toThrow(/CHECK/);
  });
});
