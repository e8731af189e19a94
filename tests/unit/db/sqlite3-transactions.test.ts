import { sql, type Generated, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/backend/db/connection';
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
