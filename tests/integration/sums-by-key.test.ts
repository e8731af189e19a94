import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/backend/db/connection';
import { readTransaction, type ReadDb } from '../../electron/backend/db/read-db';
import { sumsByKey } from '../../electron/backend/db/sums-by-key';
import { useTempDatabase } from '../helpers/temp-database';

const t = useTempDatabase();

/** 3,000 rows over 7 keys and no key, with null amounts among them. */
async function fill(): Promise<void> {
  await sql`create table facts (k text, a integer, b integer)`.execute(t.db);
  await sql`
    insert into facts (k, a, b)
    with recursive n(value) as (select 1 union all select value + 1 from n where value < 3000)
    select case when value % 8 = 7 then null else 'm' || (value % 8) end,
      case when value % 5 = 0 then null else value * 101 end,
      value % 3
    from n`.execute(t.db);
}

const rows = sql`select k as manager_id, a, b from facts`;

async function tempTables(db: ReadDb): Promise<string[]> {
  const { rows: out } = await sql<{ name: string }>`select name from sqlite_temp_master where type = 'table'`.execute(db);
  return out.map((r) => r.name);
}

describe('sumsByKey', () => {
  it('gives what GROUP BY gives: a null key as the empty one, a sum of nulls as 0', async () => {
    await fill();
    const got = await readTransaction(t.db, (trx) => sumsByKey(trx, rows, 'manager_id', { a: 'a', b: 'b', big: 'case when a > 150000 then 1 else 0 end', n: '1' }));
    const { rows: expected } = await sql<{ k: string; a: number | null; b: number; big: number; n: number }>`
      select coalesce(k, '') as k, sum(a) as a, sum(b) as b, sum(case when a > 150000 then 1 else 0 end) as big, count(*) as n
      from facts group by 1`.execute(t.db);
    expect(expected).toHaveLength(8);
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(expected.map((r) => [r.k, { a: r.a ?? 0, b: r.b, big: r.big, n: r.n }])));
    expect(got.get('')?.n).toBe(375);
  });

  it('leaves no table behind, also when its statement fails', async () => {
    await fill();
    await readTransaction(t.db, async (trx) => {
      await sumsByKey(trx, rows, 'manager_id', { a: 'a' });
      await expect(sumsByKey(trx, rows, 'manager_id', { a: 'no_such_column' })).rejects.toThrow(/no_such_column/);
      expect(await tempTables(trx)).toEqual([]);
    });
    expect(await tempTables(t.db)).toEqual([]);
  });

  it('does not take the write lock: another connection writes while the read transaction is open', async () => {
    await fill();
    const writer = await openDatabase(t.path);
    try {
      const seen = await readTransaction(t.db, async (trx) => {
        const before = await sumsByKey(trx, rows, 'manager_id', { n: '1' });
        await sql`insert into facts (k, a, b) values ('m1', 1, 1)`.execute(writer);
        const after = await sumsByKey(trx, rows, 'manager_id', { n: '1' });
        return { before: before.get('m1')?.n, after: after.get('m1')?.n };
      });
      // The read transaction keeps its snapshot; the writer's row is there for the next one.
      expect(seen.after).toBe(seen.before);
      expect((await sumsByKey(t.db, rows, 'manager_id', { n: '1' })).get('m1')?.n).toBe((seen.before ?? 0) + 1);
    } finally {
      await writer.destroy();
    }
  });
});
