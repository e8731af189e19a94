import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/backend/db/connection';
import { backupPathFor, migrateToLatest } from '../../../electron/backend/db/migrator';
import { AppError } from '../../../electron/backend/rpc/app-error';
import { migrations } from '../../../migrations';
import { makeTempDir } from '../../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let db: Db;
let dbPath: string;
const names = Object.keys(migrations);
const firstOnly = { [names[0]]: migrations[names[0]] };

beforeEach(async () => {
  tmp = makeTempDir();
  dbPath = tmp.file('ledger.sqlite');
  db = await openDatabase(dbPath);
});
afterEach(async () => {
  await db.destroy();
  tmp.cleanup();
});

describe('migrateToLatest', () => {
  it('migrates a new database without a backup (nothing to lose)', async () => {
    const outcome = await migrateToLatest(db, dbPath);
    expect(outcome.applied).toEqual(names);
    expect(outcome.backupPath).toBeNull();
    expect((await migrateToLatest(db, dbPath)).applied).toEqual([]);
  });

  it('copies the file to a dated backup before migrating existing data', async () => {
    await migrateToLatest(db, dbPath, { migrations: firstOnly });
    await sql`insert into settings (key, value, updated_at) values ('branch_name', '林家坪支行', 1)`.execute(db);
    const now = new Date(2026, 10, 25, 9, 5, 7);
    const outcome = await migrateToLatest(db, dbPath, { now });
    expect(outcome.applied).toEqual(names.slice(1));
    expect(outcome.backupPath).toBe(backupPathFor(dbPath, now, 'before-migration'));
    expect(outcome.backupPath).toMatch(/backups[\\/]ledger-20261125-090507-before-migration\.sqlite$/);
    expect(existsSync(outcome.backupPath!)).toBe(true);

    // The backup holds the data as it was, at the old schema.
    const backup = await openDatabase(outcome.backupPath!);
    try {
      const { rows } = await sql<{ value: string }>`select value from settings`.execute(backup);
      expect(rows).toEqual([{ value: '林家坪支行' }]);
      const tables = (await backup.introspection.getTables()).map((t) => t.name);
      expect(tables).not.toContain('loans');
    } finally {
      await backup.destroy();
    }
  });

  it('refuses a database written by a newer app, and changes nothing', async () => {
    await migrateToLatest(db, dbPath);
    await sql`insert into kysely_migration (name, timestamp) values ('9999-from-the-future', '2030-01-01T00:00:00.000Z')`.execute(db);
    const attempt = migrateToLatest(db, dbPath);
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(migrateToLatest(db, dbPath)).rejects.toMatchObject({ code: 'DB_NEWER_THAN_APP' });
    await expect(migrateToLatest(db, dbPath)).rejects.toMatchObject({ userMessage: expect.stringContaining('更新版本') });
    expect(existsSync(tmp.file('backups'))).toBe(false);
  });

  it('rolls a failing migration back and reports it', async () => {
    const broken = {
      ...migrations,
      '0099-broken': {
        up: async (d: any) => {
          await sql`create table half_done (id integer)`.execute(d);
          await sql`select * from no_such_table`.execute(d);
        },
      },
    };
    await expect(migrateToLatest(db, dbPath, { migrations: broken })).rejects.toMatchObject({ code: 'MIGRATION_FAILED' });
    const tables = (await db.introspection.getTables()).map((t) => t.name);
    expect(tables).not.toContain('half_done');
  });
});
