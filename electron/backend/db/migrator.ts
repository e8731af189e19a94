import path from 'node:path';
import { sql, type Kysely, type Transaction } from 'kysely';
import { migrations } from '../../../migrations';
import type { SchemaMigration } from '../../../migrations/migration';
import { localFileStamp } from '../../shared/local-time';
import { migrationLog } from '../changelog/migration-log';
import { AppError } from '../rpc/app-error';
import type { Database } from './schema';
import type { Db } from './connection';
import type { ReadDb } from './read-db';
import { backupDatabase } from './backup';

// Kysely's table name and layout, kept so that databases migrated before this migrator still read.
const MIGRATION_TABLE = 'kysely_migration';

export interface MigrateOutcome {
  applied: string[];
  backupPath: string | null;
}

/**
 * Brings the database up to this app's schema. Refuses a database written by a newer app,
 * and copies the file to a dated backup before any migration runs on existing data.
 *
 * Pending migrations run in order. Consecutive ordinary ones share one transaction (all of
 * them or none); a migration that needs foreign keys off runs alone: foreign keys are switched
 * off outside any transaction (SQLite ignores the pragma inside one), the step and a
 * `foreign_key_check` run in one transaction, and a dangling reference rolls it back.
 */
export async function migrateToLatest(
  db: Db,
  dbPath: string,
  opts: { now?: Date; migrations?: Record<string, SchemaMigration> } = {},
): Promise<MigrateOutcome> {
  const known = opts.migrations ?? migrations;
  await ensureMigrationTable(db);
  const applied = await appliedMigrations(db);
  const unknown = applied.filter((name) => !(name in known));
  if (unknown.length > 0) {
    throw new AppError(
      'DB_NEWER_THAN_APP',
      '此数据库由更新版本的程序创建，当前程序无法打开。请升级支行贷后台账后再试。',
      `database has migrations unknown to this app: ${unknown.join(', ')}`,
    );
  }
  const pending = Object.keys(known)
    .filter((name) => !applied.includes(name))
    .sort();
  if (pending.length === 0) return { applied: [], backupPath: null };

  let backupPath: string | null = null;
  if (applied.length > 0 && dbPath !== ':memory:') {
    backupPath = backupPathFor(dbPath, opts.now ?? new Date(), 'before-migration');
    await backupDatabase(db, backupPath);
  }

  const done: string[] = [];
  for (const batch of batches(pending, known)) {
    const name = batch[0];
    try {
      if (known[name].foreignKeys === 'off') await runWithForeignKeysOff(db, name, known[name]);
      else await db.transaction().execute(async (trx) => {
        for (const n of batch) await runOne(trx, n, known[n]);
      });
    } catch (err) {
      throw failed(batch.find((n) => !done.includes(n)) ?? name, err);
    }
    done.push(...batch);
  }
  return { applied: done, backupPath };
}

/** Runs of consecutive ordinary migrations; each foreign-keys-off migration is a run of its own. */
function batches(pending: string[], known: Record<string, SchemaMigration>): string[][] {
  const out: string[][] = [];
  for (const name of pending) {
    const last = out.at(-1);
    if (known[name].foreignKeys !== 'off' && last && known[last[0]].foreignKeys !== 'off') last.push(name);
    else out.push([name]);
  }
  return out;
}

async function runOne(trx: Kysely<any>, name: string, migration: SchemaMigration): Promise<void> {
  // Another process (the app and the CLI) may have applied it since we looked: the write lock is ours now.
  const { rows } = await sql`select 1 from ${sql.table(MIGRATION_TABLE)} where name = ${name}`.execute(trx);
  if (rows.length > 0) return;
  await migration.up(trx, migrationLog(trx as Transaction<Database>, name));
  await sql`insert into ${sql.table(MIGRATION_TABLE)} (name, timestamp) values (${name}, ${new Date().toISOString()})`.execute(trx);
}

async function runWithForeignKeysOff(db: Db, name: string, migration: SchemaMigration): Promise<void> {
  await db.connection().execute(async (conn) => {
    await sql`pragma foreign_keys = off`.execute(conn);
    try {
      await conn.transaction().execute(async (trx) => {
        await runOne(trx, name, migration);
        const { rows } = await sql<{ table: string; parent: string }>`pragma foreign_key_check`.execute(trx);
        if (rows.length > 0) {
          const where = [...new Set(rows.map((r) => `${r.table} → ${r.parent}`))].join(', ');
          throw new Error(`foreign_key_check found ${rows.length} dangling reference(s): ${where}`);
        }
      });
    } finally {
      await sql`pragma foreign_keys = on`.execute(conn);
    }
  });
}

async function ensureMigrationTable(db: Db): Promise<void> {
  await sql`create table if not exists ${sql.table(MIGRATION_TABLE)} (name varchar(255) not null primary key, timestamp varchar(255) not null)`.execute(db);
}

async function appliedMigrations(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`.execute(db);
  return rows.map((r) => r.name);
}

/** The newest migration this database has: the schema version stamped on each change-log transaction. */
export async function schemaVersion(db: Kysely<any> | ReadDb): Promise<string> {
  const { rows } = await sql<{ name: string | null }>`select max(name) as name from ${sql.table(MIGRATION_TABLE)}`.execute(db);
  return rows[0]?.name ?? '';
}

function failed(name: string, error: unknown): AppError {
  return new AppError(
    'MIGRATION_FAILED',
    '数据库升级失败，失败的一步已撤销，数据未受损。请联系管理员，并保留升级前的备份文件。',
    `migration ${name} failed: ${error instanceof Error ? error.message : String(error)}`,
  );
}

/** `<dir>/backups/<name>-YYYYMMDD-HHmmss-<reason>.sqlite`, local time as users read it. */
export function backupPathFor(dbPath: string, now: Date, reason: string): string {
  const base = path.basename(dbPath).replace(/\.(sqlite3?|db)$/i, '');
  return path.join(path.dirname(dbPath), 'backups', `${base}-${localFileStamp(now)}-${reason}.sqlite`);
}
