import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../electron/backend/changelog/actor';
import { withWrite } from '../../../electron/backend/changelog/write-context';
import { openDatabase } from '../../../electron/backend/db/connection';
import { readTransaction, type ReadDb } from '../../../electron/backend/db/read-db';
import type { SignedInContext } from '../../../electron/backend/rpc/handler-types';
import { useTempApp } from '../../helpers/temp-app';

const t = useTempApp();

describe('ReadDb: code that only reads cannot write', () => {
  it('has no write builders (a compile error, checked by `npm run typecheck`)', () => {
    const db: ReadDb = t.app.db;
    const ctx = { app: t.app } as unknown as SignedInContext;
    const attempts = [
      // @ts-expect-error a handler's database has no insertInto
      () => ctx.app.db.insertInto('villages'),
      // @ts-expect-error nor updateTable
      () => db.updateTable('villages'),
      // @ts-expect-error nor deleteFrom
      () => db.deleteFrom('villages'),
      // @ts-expect-error nor a transaction of its own that could write
      () => db.transaction(),
      // @ts-expect-error nor schema changes
      () => db.schema.dropTable('loans'),
      // @ts-expect-error a handler that does not declare `writes` gets no writer
      () => ctx.write,
    ];
    expect(attempts).toHaveLength(6);
  });

  it('reads in a read-only transaction that does not take the write lock', async () => {
    const other = await openDatabase(t.app.dbPath);
    try {
      await readTransaction(t.app.db, async (trx) => {
        await sql`select count(*) from loans`.execute(trx);
        // Another connection (the CLI in another process) writes while the snapshot is open.
        await withWrite(other, SYSTEM_ACTOR, (w) => w.insert('villages', { township: '白文镇', name: '刘家会村', manager_id: null }));
        expect((await sql<{ n: number }>`select count(*) as n from villages`.execute(trx)).rows[0].n).toBe(0);
      });
      expect((await sql<{ n: number }>`select count(*) as n from villages`.execute(t.app.db)).rows[0].n).toBe(1);
    } finally {
      await other.destroy();
    }
  });
});
