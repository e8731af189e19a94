import { sql, type Generated, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/backend/db/connection';
import { Sqlite3Dialect } from '../../../electron/backend/db/sqlite3-dialect';
import { Kysely as KyselyClass } from 'kysely';
import { makeTempDir } from '../../helpers/temp-dir';

interface TestDb {
  items: { id: Generated<number>; name: string; qty: number };
}

let tmp: ReturnType<typeof makeTempDir>;
let db: Kysely<TestDb>;

beforeEach(async () => {
  tmp = makeTempDir();
  db = (await openDatabase(tmp.file('dialect.sqlite'))) as unknown as Kysely<TestDb>;
  await sql`create table items (id integer primary key autoincrement, name text not null unique, qty integer not null)`.execute(db);
});

afterEach(async () => {
  await db.destroy();
  tmp.cleanup();
});

describe('Sqlite3Dialect', () => {
  it('opens with WAL, foreign keys and a busy timeout', async () => {
    const pragma = async (name: string) => Object.values((await sql.raw(`pragma ${name}`).execute(db)).rows[0] as object)[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('busy_timeout')).toBe(30_000);
    // Commits never checkpoint inline; the background checkpointer does (background-checkpointer.test.ts).
    expect(await pragma('wal_autocheckpoint')).toBe(0);
  });

  it('reports insertId and affected rows', async () => {
    const first = await db.insertInto('items').values({ name: 'a', qty: 1 }).executeTakeFirstOrThrow();
    const second = await db.insertInto('items').values({ name: 'b', qty: 2 }).executeTakeFirstOrThrow();
    expect(first.insertId).toBe(1n);
    expect(second.insertId).toBe(2n);
    const updated = await db.updateTable('items').set({ qty: 9 }).executeTakeFirstOrThrow();
    expect(updated.numUpdatedRows).toBe(2n);
    const deleted = await db.deleteFrom('items').where('name', '=', 'a').executeTakeFirstOrThrow();
    expect(deleted.numDeletedRows).toBe(1n);
  });

  it('returns rows from RETURNING on insert, update and delete', async () => {
    const inserted = await db.insertInto('items').values({ name: 'a', qty: 1 }).returning(['id', 'name']).execute();
    expect(inserted).toEqual([{ id: 1, name: 'a' }]);
    const updated = await db.updateTable('items').set({ qty: 5 }).where('id', '=', 1).returning('qty').execute();
    expect(updated).toEqual([{ qty: 5 }]);
    const deleted = await db.deleteFrom('items').returningAll().execute();
    expect(deleted).toEqual([{ id: 1, name: 'a', qty: 5 }]);
  });

  it('rolls the whole transaction back when one statement fails', async () => {
    await db.insertInto('items').values({ name: 'keep', qty: 1 }).execute();
    await expect(
      db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ name: 'new', qty: 2 }).execute();
        await trx.updateTable('items').set({ qty: 100 }).where('name', '=', 'keep').execute();
        await trx.insertInto('items').values({ name: 'keep', qty: 3 }).execute(); // unique violation
      }),
    ).rejects.toThrow(/UNIQUE/);
    const rows = await db.selectFrom('items').selectAll().execute();
    expect(rows).toEqual([{ id: 1, name: 'keep', qty: 1 }]);
  });

  it('returns the rows of raw SQL however it starts', async () => {
    await db.insertInto('items').values([{ name: 'a', qty: 1 }, { name: 'b', qty: 2 }]).execute();
    const names = async (query: ReturnType<typeof sql<{ name: string }>>) => (await query.execute(db)).rows.map((r) => r.name);
    expect(await names(sql`-- the names\nselect name from items order by name`)).toEqual(['a', 'b']);
    expect(await names(sql`/* the names */ select name from items order by name`)).toEqual(['a', 'b']);
    expect(await names(sql`  \n\t select name from items order by name`)).toEqual(['a', 'b']);
    expect(await names(sql`with n as (select name from items) select name from n order by name`)).toEqual(['a', 'b']);
    expect(await names(sql`/* c */ update items set qty = qty + 1 where name = 'a' returning name`)).toEqual(['a']);
    expect(await names(sql`with x as (select 'b' as n) delete from items where name in (select n from x) returning name`)).toEqual(['b']);
  });

  it('reports affected rows and insertId of raw writes however they start', async () => {
    const first = await sql`-- one\ninsert into items (name, qty) values ('returning', 1)`.execute(db);
    expect(first.numAffectedRows).toBe(1n);
    expect(first.insertId).toBe(1n);
    const second = await sql`/* two */ insert into items (name, qty) values (${'b'}, 2)`.execute(db);
    expect(second.insertId).toBe(2n);
    const cte = await sql`with q as (select 5 as qty) update items set qty = (select qty from q)`.execute(db);
    expect(cte.numAffectedRows).toBe(2n);
    // A column called "returning" does not make this a query with rows.
    await sql`alter table items add column "returning" integer`.execute(db);
    const named = await sql`update items set "returning" = 1 where name = 'b' -- returning nothing`.execute(db);
    expect(named.rows).toEqual([]);
    expect(named.numAffectedRows).toBe(1n);
    const deleted = await sql`delete from items where name = 'nobody' returning id`.execute(db);
    expect(deleted.rows).toEqual([]);
    expect(deleted.numAffectedRows).toBe(0n);
  });

  it('escapes savepoint names', async () => {
    const trx = await db.startTransaction().execute();
    try {
      await trx.insertInto('items').values({ name: 'kept', qty: 1 }).execute();
      const name = 'before "b"; drop table items; --';
      const sp = await trx.savepoint(name).execute();
      await sp.insertInto('items').values({ name: 'undone', qty: 2 }).execute();
      const back = await sp.rollbackToSavepoint(name).execute();
      await back.releaseSavepoint(name).execute();
      await trx.commit().execute();
    } finally {
      if (!trx.isCommitted) await trx.rollback().execute();
    }
    expect(await db.selectFrom('items').select('name').execute()).toEqual([{ name: 'kept' }]);
  });

  it('refuses to stream, pointing to keyset pages, and leaves the connection usable', async () => {
    await db.insertInto('items').values({ name: 'a', qty: 1 }).execute();
    const read = async () => {
      for await (const _row of db.selectFrom('items').selectAll().stream(10));
    };
    await expect(read()).rejects.toThrow(/keyset/);
    expect(await db.selectFrom('items').select('name').execute()).toEqual([{ name: 'a' }]);
  });

  it('serializes two concurrent transactions: the second starts after the first ends', async () => {
    await db.insertInto('items').values({ name: 'counter', qty: 0 }).execute();
    const events: string[] = [];
    const increment = (label: string) =>
      db.transaction().execute(async (trx) => {
        events.push(`${label}:begin`);
        const { qty } = await trx.selectFrom('items').select('qty').where('name', '=', 'counter').executeTakeFirstOrThrow();
        await new Promise((r) => setTimeout(r, 20)); // yield so an unserialized second transaction could interleave
        await trx.updateTable('items').set({ qty: qty + 1 }).where('name', '=', 'counter').execute();
        events.push(`${label}:end`);
      });
    await Promise.all([increment('A'), increment('B')]);
    expect(events).toEqual(['A:begin', 'A:end', 'B:begin', 'B:end']);
    const { qty } = await db.selectFrom('items').select('qty').where('name', '=', 'counter').executeTakeFirstOrThrow();
    expect(qty).toBe(2);
  });

  it('keeps queries outside a transaction from running inside it', async () => {
    const events: string[] = [];
    const trx = db.transaction().execute(async (t) => {
      await t.insertInto('items').values({ name: 'x', qty: 1 }).execute();
      await new Promise((r) => setTimeout(r, 20));
      events.push('trx done');
      throw new Error('abort');
    });
    const read = db
      .selectFrom('items')
      .selectAll()
      .execute()
      .then((rows) => events.push(`read ${rows.length}`));
    await expect(trx).rejects.toThrow('abort');
    await read;
    expect(events).toEqual(['trx done', 'read 0']);
  });

  it('fails clearly on a folder that does not exist', async () => {
    const bad = new KyselyClass<TestDb>({ dialect: new Sqlite3Dialect({ filename: tmp.file('missing/dir/x.sqlite') }) });
    await expect(bad.selectFrom('items').selectAll().execute()).rejects.toThrow(/SQLITE_CANTOPEN.*missing\/dir\/x\.sqlite/);
    await bad.destroy().catch(() => {});
  });
});
