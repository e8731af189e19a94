import { CompiledQuery, sql, type Generated, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/backend/db/connection';
import { readBesideWrites } from '../../../electron/backend/db/reads-beside-writes';
import { SqliteError } from '../../../electron/backend/db/sqlite-error';
import { Sqlite3Dialect, type Sqlite3Connection } from '../../../electron/backend/db/sqlite3-dialect';
import { makeTempDir } from '../../helpers/temp-dir';

interface TestDb {
  items: { id: Generated<number>; name: string; qty: number };
}

let tmp: ReturnType<typeof makeTempDir>;
let db: Kysely<TestDb>;
/** Another connection to the same file, as the CLI in another process would have. */
let other: Kysely<TestDb>;

const open = async () => (await openDatabase(tmp.file('trx.sqlite'))) as unknown as Kysely<TestDb>;
const count = async (k: Kysely<TestDb>) =>
  (await k.selectFrom('items').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

beforeEach(async () => {
  tmp = makeTempDir();
  db = await open();
  await sql`create table items (id integer primary key autoincrement, name text not null unique, qty integer not null)`.execute(db);
  other = await open();
  // Waiting 5 s for a lock would only slow a failing test down.
  await sql`pragma busy_timeout = 100`.execute(other);
});

afterEach(async () => {
  await other.destroy();
  await db.destroy();
  tmp.cleanup();
});

describe('read-only transactions', () => {
  it('leave the write lock free for another connection, and read one snapshot', async () => {
    await db.insertInto('items').values({ name: 'a', qty: 1 }).execute();
    const seen = await db
      .transaction()
      .setAccessMode('read only')
      .execute(async (trx) => {
        const before = await count(trx);
        await other.insertInto('items').values({ name: 'b', qty: 2 }).execute();
        return [before, await count(trx)];
      });
    expect(seen).toEqual([1, 1]);
    expect(await count(db)).toBe(2);
  });

  it('read-write transactions still take the write lock when they begin', async () => {
    await expect(
      db.transaction().execute(async () => {
        await other.insertInto('items').values({ name: 'b', qty: 2 }).execute();
      }),
    ).rejects.toThrow(/SQLITE_BUSY/);
  });
});

describe('errors', () => {
  it('a transaction SQLite rolled back itself fails with its own error, not the rollback’s', async () => {
    await sql`create trigger no_boom before insert on items when new.name = 'boom' begin select raise(rollback, 'no boom allowed'); end`.execute(db);
    const failed = await db
      .transaction()
      .execute(async (trx) => {
        await trx.insertInto('items').values({ name: 'a', qty: 1 }).execute();
        await trx.insertInto('items').values({ name: 'boom', qty: 2 }).execute();
      })
      .catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(SqliteError);
    expect(failed).toMatchObject({ code: 'SQLITE_CONSTRAINT', message: expect.stringMatching(/no boom allowed/) });
    expect(await count(db)).toBe(0);
    await db.insertInto('items').values({ name: 'b', qty: 1 }).execute();
    expect(await count(db)).toBe(1);
  });

  it('carry the stack of the call, the code and the statement, never its parameters', async () => {
    await db.insertInto('items').values({ name: 'Zhang San', qty: 1 }).execute();
    const query = db.insertInto('items').values({ name: 'Zhang San', qty: 2 });
    const failed = (await query.execute().catch((e: unknown) => e)) as SqliteError;
    expect(failed).toBeInstanceOf(SqliteError);
    expect(failed.code).toBe('SQLITE_CONSTRAINT');
    expect(failed.sql).toBe(query.compile().sql);
    expect(failed.message).toContain('UNIQUE constraint failed: items.name');
    expect(failed.message).toContain('insert into "items"');
    expect(failed.message).not.toContain('Zhang San');
    expect(failed.stack).toContain('sqlite3-transactions.test.ts');
    expect((failed.cause as Error).message).toMatch(/^SQLITE_CONSTRAINT/);
  });

  it('a rollback on a closed connection does not hide the error that closed it', async () => {
    const driver = new Sqlite3Dialect({ filename: tmp.file('closed.sqlite') }).createDriver();
    await driver.init();
    const conn = (await driver.acquireConnection()) as Sqlite3Connection;
    await driver.beginTransaction(conn, {});
    await conn.close();
    await expect(conn.executeQuery(CompiledQuery.raw('select 1'))).rejects.toThrow(/Database is closed/);
    await expect(driver.rollbackTransaction(conn)).resolves.toBeUndefined();
    await driver.releaseConnection(conn);
  });
});

describe('destroy', () => {
  it('waits for a running transaction to commit before it closes the database', async () => {
    let begun!: () => void;
    const started = new Promise<void>((resolve) => (begun = resolve));
    const trx = db.transaction().execute(async (t) => {
      await t.insertInto('items').values({ name: 'a', qty: 1 }).execute();
      begun();
      await new Promise((r) => setTimeout(r, 50));
      await t.insertInto('items').values({ name: 'b', qty: 2 }).execute();
    });
    await started;
    await db.destroy();
    await trx;
    db = await open();
    expect(await count(db)).toBe(2);
  });
});

describe('a read-write transaction waiting for another connection’s write lock', () => {
  /** `other` takes the write lock and keeps it until the returned function is called. */
  async function otherHoldsLock(): Promise<() => Promise<void>> {
    const held = await other.startTransaction().execute();
    await held.insertInto('items').values({ name: 'other', qty: 1 }).execute();
    return () => held.commit().execute();
  }

  it('leaves the connection to queries meanwhile, and begins once the lock is free', async () => {
    const release = await otherHoldsLock();
    let landed = false;
    const write = db.transaction().execute(async (t) => {
      await t.insertInto('items').values({ name: 'mine', qty: 2 }).execute();
      landed = true;
    });
    expect(await count(db)).toBe(0);
    expect(landed).toBe(false);
    await release();
    await write;
    expect(await count(db)).toBe(2);
  });

  it('ends when the database is closed under it, and the close does not wait for the lock', async () => {
    const release = await otherHoldsLock();
    const write = db.transaction().execute(async (t) => {
      await t.insertInto('items').values({ name: 'mine', qty: 2 }).execute();
    });
    const failed = write.catch((e: unknown) => e);
    // Let it find the lock taken first.
    expect(await count(db)).toBe(0);
    await db.destroy();
    expect(await failed).toMatchObject({ message: 'the database is closed' });
    await release();
    db = await open();
    expect(await count(db)).toBe(1);
  });
});

describe('the reader connection (reads beside writes)', () => {
  let app: Kysely<TestDb>;
  beforeEach(async () => {
    app = (await openDatabase(tmp.file('trx.sqlite'), { readerConnection: true })) as unknown as Kysely<TestDb>;
  });
  afterEach(async () => {
    await app.destroy();
  });

  it('answers a read beside while a transaction holds the first connection, with what was committed', async () => {
    await app.insertInto('items').values({ name: 'a', qty: 1 }).execute();
    let finish!: () => void;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    let inserted!: () => void;
    const insertedNow = new Promise<void>((resolve) => (inserted = resolve));
    const trx = app.transaction().execute(async (t) => {
      await t.insertInto('items').values({ name: 'b', qty: 2 }).execute();
      inserted();
      await gate;
    });
    await insertedNow;
    expect(await readBesideWrites(() => count(app))).toBe(1);
    finish();
    await trx;
    expect(await readBesideWrites(() => count(app))).toBe(2);
  });
});
