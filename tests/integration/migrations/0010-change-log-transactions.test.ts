import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { useTempDatabase } from '../../helpers/temp-database';
import { migrateThrough } from '../../helpers/migrate-to';
import { migrations } from '../../../migrations';

const t = useTempDatabase();
const SYSTEM = '00000000-0000-7000-8000-000000000001';

async function seedOldLog(): Promise<void> {
  await sql`insert into staff (id, username, display_name, role, password_hash, active, created_at, updated_at)
    values ('s-admin', 'admin', '管理员', 'admin', 'scrypt$x', 1, 1, 1)`.execute(t.db);
  await sql`insert into villages (id, township, name, manager_id, created_at, updated_at) values ('v1', '白文镇', '刘家会村', 's-admin', 1, 1)`.execute(t.db);
  // One transaction by the CLI (actor null) with twelve entries, then one by the admin.
  for (let n = 0; n < 12; n++) {
    await sql`insert into change_log (id, txn_id, at, actor_id, actor_name, action, table_name, row_id, before_json, after_json)
      values (${`t1:${n}`}, 't1', 100, null, 'cli', 'insert', 'villages', ${`r${n}`}, null, '{}')`.execute(t.db);
  }
  await sql`insert into change_log (id, txn_id, at, actor_id, actor_name, action, table_name, row_id, before_json, after_json)
    values ('t2:0', 't2', 200, 's-admin', '管理员', 'update', 'villages', 'v1', '{}', '{}')`.execute(t.db);
}

describe('0010-change-log-transactions', () => {
  it('runs with foreign keys off, alone', () => {
    expect(migrations['0010-change-log-transactions'].foreignKeys).toBe('off');
  });

  it('gives old entries sortable ids, a real actor and a transaction record each, keeping their order', async () => {
    await migrateThrough(t.db, t.path, '0005-borrower-name-pinyin');
    await seedOldLog();
    await migrateThrough(t.db, t.path, '0010-change-log-transactions');

    const log = (await sql<{ seq: number; id: string; txn_id: string; actor_id: string }>`select seq, id, txn_id, actor_id from change_log order by seq`.execute(t.db)).rows;
    expect(log).toHaveLength(13);
    expect(log[10].id).toBe('t1:00000010');
    expect([...log.map((e) => e.id)].sort()).toEqual(log.map((e) => e.id));
    expect(log.slice(0, 12).every((e) => e.actor_id === SYSTEM)).toBe(true);
    expect(log[12].actor_id).toBe('s-admin');

    const installation = (await sql<{ id: string }>`select id from installation`.execute(t.db)).rows;
    expect(installation).toHaveLength(1);
    const txns = (await sql`select id, origin, actor_id, actor_name, at, cause_kind, schema_version from change_txns order by seq`.execute(t.db)).rows;
    expect(txns).toEqual([
      { id: 't1', origin: installation[0].id, actor_id: SYSTEM, actor_name: 'cli', at: 100, cause_kind: null, schema_version: '0005-borrower-name-pinyin' },
      { id: 't2', origin: installation[0].id, actor_id: 's-admin', actor_name: '管理员', at: 200, cause_kind: null, schema_version: '0005-borrower-name-pinyin' },
    ]);
    // Staff was rebuilt under the rows that refer to it: nothing dangles, the village keeps its manager.
    expect((await sql`pragma foreign_key_check`.execute(t.db)).rows).toEqual([]);
    expect((await sql<{ manager_id: string }>`select manager_id from villages`.execute(t.db)).rows[0].manager_id).toBe('s-admin');
  });

  it('adds the system actor as a staff row that can never sign in, and keeps logs and transactions append-only', async () => {
    await migrateThrough(t.db, t.path, '0010-change-log-transactions');
    expect((await sql`select display_name, role, username, password_hash, active from staff where id = ${SYSTEM}`.execute(t.db)).rows).toEqual([
      { display_name: '系统', role: 'system', username: null, password_hash: null, active: 1 },
    ]);
    await expect(sql`update staff set username = 'root' where id = ${SYSTEM}`.execute(t.db)).rejects.toThrow(/CHECK/);
    await expect(sql`insert into staff (id, display_name, role, created_at, updated_at) values ('x', 'x', 'superuser', 1, 1)`.execute(t.db)).rejects.toThrow(/CHECK/);
    await sql`insert into change_txns (id, origin, actor_id, actor_name, at, schema_version) values ('t9', 'o', ${SYSTEM}, '系统', 1, 'v')`.execute(t.db);
    await expect(sql`update change_txns set at = 2`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from change_txns`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(
      sql`insert into change_log (id, txn_id, at, actor_id, actor_name, action, table_name, row_id) values ('a', 'no-such-txn', 1, ${SYSTEM}, 'x', 'insert', 'loans', 'l')`.execute(t.db),
    ).rejects.toThrow(/FOREIGN KEY/);
  });
});

describe('migration names', () => {
  it('sort in order of application, each with its own number', () => {
    const names = Object.keys(migrations);
    expect([...names].sort()).toEqual(names);
    for (const name of names) expect(name).toMatch(/^\d{4}-[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(new Set(names.map((n) => n.slice(0, 4))).size).toBe(names.length);
  });
});
