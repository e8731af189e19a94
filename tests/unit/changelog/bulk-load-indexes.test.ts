import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../electron/backend/changelog/actor';
import { withWrite } from '../../../electron/backend/changelog/write-context';
import { useTempApp } from '../../helpers/temp-app';

/**
 * insertBulk into an empty table builds the table's plain indexes after the rows (a county's
 * first import). The schema must come out exactly as it went in, whatever happens in between.
 */

const t = useTempApp();

const schema = async () => (await sql<{ sql: string }>`select type, name, sql from sqlite_schema where sql is not null order by name`.execute(t.app.db)).rows;
/** Moves on with every change of the schema (a drop or create of an index). */
const schemaVersion = async () => (await sql<{ v: number }>`select schema_version as v from pragma_schema_version`.execute(t.app.db)).rows[0].v;
const borrowers = (n: number, from = 0) =>
  Array.from({ length: n }, (_, i) => ({ name: `借款人${from + i}`, name_initials: `j${(from + i) % 97}`, address: '', village_id: null }));
const count = async () => Number((await sql<{ n: number }>`select count(*) as n from borrowers`.execute(t.app.db)).rows[0].n);

describe('a bulk load into an empty table', () => {
  it('builds its plain indexes after the rows: the same schema, every row found through them', async () => {
    const before = await schema();
    const version = await schemaVersion();
    await withWrite(t.app.db, SYSTEM_ACTOR, (w) => w.insertBulk('borrowers', borrowers(20_000)));
    expect(await schemaVersion()).toBeGreaterThan(version);
    expect(await schema()).toEqual(before);
    expect((await sql<{ integrity_check: string }>`pragma integrity_check`.execute(t.app.db)).rows).toEqual([{ integrity_check: 'ok' }]);
    const plan = await sql<{ detail: string }>`explain query plan select id from borrowers where name_initials = 'j5'`.execute(t.app.db);
    expect(plan.rows.map((r) => r.detail).join()).toContain('borrowers_initials');
    const found = await t.app.db.selectFrom('borrowers').select('id').where('name_initials', '=', 'j5').execute();
    expect(found).toHaveLength(borrowers(20_000).filter((b) => b.name_initials === 'j5').length);
  });

  it('leaves the indexes alone for a table that has rows, or for fewer rows', async () => {
    await withWrite(t.app.db, SYSTEM_ACTOR, (w) => w.insertBulk('borrowers', borrowers(19_999)));
    const version = await schemaVersion();
    await withWrite(t.app.db, SYSTEM_ACTOR, (w) => w.insertBulk('borrowers', borrowers(20_000, 19_999)));
    expect(await schemaVersion()).toBe(version);
    expect(await count()).toBe(39_999);
  });

  it('rolled back, or failing half-way, leaves the schema as it was', async () => {
    const before = await schema();
    await expect(
      withWrite(t.app.db, SYSTEM_ACTOR, async (w) => {
        await w.insertBulk('borrowers', borrowers(20_000));
        throw new Error('a later step of the import failed');
      }),
    ).rejects.toThrow(/later step/);
    expect(await schema()).toEqual(before);
    expect(await count()).toBe(0);

    // A row the table refuses, in the third batch: the error is the row's, as without the drop.
    const rows = borrowers(20_000);
    (rows[12_345] as { name: string | null }).name = null;
    await expect(withWrite(t.app.db, SYSTEM_ACTOR, (w) => w.insertBulk('borrowers', rows))).rejects.toThrow(/NOT NULL constraint failed: borrowers.name/);
    expect(await schema()).toEqual(before);
    expect(await count()).toBe(0);

    // Caught inside the transaction, which then commits: the indexes were built again all the same.
    await withWrite(t.app.db, SYSTEM_ACTOR, async (w) => {
      await w.insertBulk('borrowers', rows).catch(() => undefined);
      await w.insertBulk('borrowers', borrowers(3));
    });
    expect(await schema()).toEqual(before);
    expect(await count()).toBe(10_003);
  });
});
