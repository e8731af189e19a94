import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../electron/backend/changelog/actor';
import { writerAs } from '../../electron/backend/changelog/write-context';
import { openDatabase } from '../../electron/backend/db/connection';
import { parallelReads, type ReadTask } from '../../electron/backend/db/parallel-reads';
import { readTransaction, type ReadDb } from '../../electron/backend/db/read-db';
import { useTempApp } from '../helpers/temp-app';

const t = useTempApp();

const settingsCount = async (db: ReadDb) => Number((await sql<{ n: number }>`select count(*) as n from settings`.execute(db)).rows[0].n);

/** A statement that keeps its connection busy for a while (a recursive count), then says which handle ran it. */
const busy =
  (out: ReadDb[]): ReadTask<number> =>
  async (db) => {
    out.push(db);
    const { rows } = await sql<{ n: number }>`with recursive c(i) as (select 1 union all select i + 1 from c where i < 300000) select count(*) as n from c`.execute(db);
    return Number(rows[0].n) + (await settingsCount(db)) * 0;
  };

describe('parallelReads', () => {
  it('runs the tasks on the caller and on helper connections, and returns their results in order', async () => {
    const handles: ReadDb[] = [];
    const tasks = Array.from({ length: 8 }, (_, i) => async (db: ReadDb) => (await busy(handles)(db)) + i);
    const results = await readTransaction(t.app.db, (trx) => parallelReads<number[]>(t.app.db, trx, tasks));
    expect(results).toEqual(Array.from({ length: 8 }, (_, i) => 300000 + i));
    expect(handles).toHaveLength(8);
    expect(new Set(handles).size).toBeGreaterThan(1);
  });

  it('reads what the caller’s transaction sees when a write commits after it began', async () => {
    const writer = await openDatabase(t.app.dbPath);
    try {
      const handles: ReadDb[] = [];
      const results = await readTransaction(t.app.db, async (trx) => {
        const before = await settingsCount(trx);
        await writerAs(writer, SYSTEM_ACTOR)((w) => w.setSetting('parallel_reads_probe', '1'));
        const counts = await parallelReads<number[]>(
          t.app.db,
          trx,
          Array.from({ length: 6 }, () => async (db: ReadDb) => {
            await busy(handles)(db);
            return settingsCount(db);
          }),
        );
        return { before, counts };
      });
      expect(results.counts).toEqual(Array(6).fill(results.before));
      expect(await settingsCount(t.app.db)).toBe(results.before + 1);
    } finally {
      await writer.destroy();
    }
  });
});
