import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/backend/db/connection';
import { backupPathFor, migrateToLatest } from '../../../electron/backend/db/migrator';
import { AppError } from '../../../electron/backend/rpc/app-error';
import { migrations } from '../../../migrations';
import type { MigrationLog } from '../../../migrations/migration';
import { SYSTEM_STAFF_ID } from '../../../electron/backend/changelog/actor';
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

  it('runs a migration that needs foreign keys off on its own, and can add a status to a CHECK that loans refer to', async () => {
    await migrateToLatest(db, dbPath);
    await seedLoanWithSnapshot(db);
    const withWrittenOff = { ...migrations, '9990-loan-status-written-off': addLoanStatus('written_off') };
    const outcome = await migrateToLatest(db, dbPath, { migrations: withWrittenOff });
    expect(outcome.applied).toEqual(['9990-loan-status-written-off']);
    await sql`update loans set status = 'written_off' where id = 'l1'`.execute(db);
    expect((await sql<{ n: number }>`select count(*) as n from loan_snapshots where loan_id = 'l1'`.execute(db)).rows[0].n).toBe(1);
    // Foreign keys are on again afterwards, and the rebuilt table still enforces them.
    expect((await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db)).rows[0].foreign_keys).toBe(1);
    await expect(sql`insert into loan_snapshots (id, loan_id, as_of, balance_fen, principal_overdue_days, status, created_at, updated_at)
      values ('s2', 'no-such-loan', '2026-10-31', 0, 0, 'active', 1, 1)`.execute(db)).rejects.toThrow(/FOREIGN KEY/);
  });

  it('the same rebuild fails in the ordinary batch, with foreign keys on', async () => {
    await migrateToLatest(db, dbPath);
    await seedLoanWithSnapshot(db);
    const { foreignKeys: _off, ...inBatch } = addLoanStatus('written_off');
    await expect(migrateToLatest(db, dbPath, { migrations: { ...migrations, '9990-loan-status-written-off': inBatch } })).rejects.toMatchObject({
      code: 'MIGRATION_FAILED',
    });
    expect((await sql<{ n: number }>`select count(*) as n from loans`.execute(db)).rows[0].n).toBe(1);
  });

  it('rolls a foreign-keys-off migration back when it leaves a dangling reference', async () => {
    await migrateToLatest(db, dbPath);
    await seedLoanWithSnapshot(db);
    const dangling = {
      foreignKeys: 'off' as const,
      up: async (d: any) => {
        await sql`delete from loans where id = 'l1'`.execute(d);
      },
    };
    await expect(migrateToLatest(db, dbPath, { migrations: { ...migrations, '9990-dangling': dangling } })).rejects.toMatchObject({
      code: 'MIGRATION_FAILED',
      message: expect.stringContaining('foreign_key_check'),
    });
    expect((await sql<{ n: number }>`select count(*) as n from loans`.execute(db)).rows[0].n).toBe(1);
    expect((await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db)).rows[0].foreign_keys).toBe(1);
  });
});

describe('a migration that changes rows', () => {
  it('logs them under its own transaction record, as the system with the migration as cause', async () => {
    await migrateToLatest(db, dbPath);
    await sql`insert into borrowers (id, name, created_at, updated_at) values ('b1', '陈斌', 1, 1), ('b2', '单田芳', 1, 1)`.execute(db);
    const fillPinyin = {
      up: async (d: any, log: MigrationLog) => {
        const { rows } = await sql<{ id: string; name_pinyin: string; updated_at: number }>`select id, name_pinyin, updated_at from borrowers order by id`.execute(d);
        const keys: Record<string, string> = { b1: 'chen bin', b2: 'shan tian fang' };
        await sql`update borrowers set name_pinyin = case id when 'b1' then 'chen bin' else 'shan tian fang' end, updated_at = 2`.execute(d);
        await log.changed(rows.map((r) => ({ action: 'update' as const, table: 'borrowers', rowId: r.id, before: { name_pinyin: r.name_pinyin, updated_at: r.updated_at }, after: { name_pinyin: keys[r.id], updated_at: 2 } })));
      },
    };
    await migrateToLatest(db, dbPath, { migrations: { ...migrations, '9990-fill-pinyin': fillPinyin } });
    const txn = await db.selectFrom('change_txns').selectAll().where('cause_id', '=', '9990-fill-pinyin').executeTakeFirstOrThrow();
    expect(txn).toMatchObject({ actor_id: SYSTEM_STAFF_ID, cause_kind: 'migration', cause_id: '9990-fill-pinyin' });
    const log = await db.selectFrom('change_log').select(['txn_id', 'row_id', 'after_json']).where('table_name', '=', 'borrowers').orderBy('seq').execute();
    expect(log).toEqual([
      { txn_id: txn.id, row_id: 'b1', after_json: '{"name_pinyin":"chen bin","updated_at":2}' },
      { txn_id: txn.id, row_id: 'b2', after_json: '{"name_pinyin":"shan tian fang","updated_at":2}' },
    ]);
  });
});

async function seedLoanWithSnapshot(d: Db): Promise<void> {
  await sql`insert into borrowers (id, name, created_at, updated_at) values ('b1', '张三', 1, 1)`.execute(d);
  await sql`insert into loans (id, loan_no, borrower_id, balance_fen, created_at, updated_at) values ('l1', 'L1', 'b1', 100, 1, 1)`.execute(d);
  await sql`insert into loan_snapshots (id, loan_id, as_of, balance_fen, principal_overdue_days, status, created_at, updated_at)
    values ('s1', 'l1', '2026-10-31', 100, 0, 'active', 1, 1)`.execute(d);
}

/** SQLite's twelve-step rebuild: the only way to change the CHECK on loans.status. */
function addLoanStatus(status: string) {
  return {
    foreignKeys: 'off' as const,
    up: async (d: any) => {
      const { rows } = await sql<{ sql: string }>`select sql from sqlite_schema where type = 'table' and name = 'loans'`.execute(d);
      const createNext = rows[0].sql
        .replace(/^create table "?loans"?/i, 'create table loans_next')
        .replace("status in ('active', 'settled')", `status in ('active', 'settled', '${status}')`);
      const indexes = await sql<{ sql: string }>`select sql from sqlite_schema where type = 'index' and tbl_name = 'loans' and sql is not null`.execute(d);
      await sql.raw(createNext).execute(d);
      await sql`insert into loans_next select * from loans`.execute(d);
      await sql`drop table loans`.execute(d);
      await sql`alter table loans_next rename to loans`.execute(d);
      for (const i of indexes.rows) await sql.raw(i.sql).execute(d);
    },
  };
}
