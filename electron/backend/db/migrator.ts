import path from 'node:path';
import { Migrator, sql, type Migration, type MigrationResultSet } from 'kysely';
import { migrations } from '../../../migrations';
import { AppError } from '../rpc/app-error';
import type { Db } from './connection';
import { backupDatabase } from './backup';

const MIGRATION_TABLE = 'kysely_migration';

export interface MigrateOutcome {
  applied: string[];
  backupPath: string | null;
}

/**
 * Brings the database up to this app's schema. Refuses a database written by a newer app,
 * and copies the file to a dated backup before any migration runs on existing data.
 */
export async function migrateToLatest(
  db: Db,
  dbPath: string,
  opts: { now?: Date; migrations?: Record<string, Migration> } = {},
): Promise<MigrateOutcome> {
  const known = opts.migrations ?? migrations;
  const applied = await appliedMigrations(db);
  const unknown = applied.filter((name) => !(name in known));
  if (unknown.length > 0) {
    throw new AppError(
      'DB_NEWER_THAN_APP',
      '此数据库由更新版本的程序创建，当前程序无法打开。请升级支行贷后台账后再试。',
      `database has migrations unknown to this app: ${unknown.join(', ')}`,
    );
  }
  const pending = Object.keys(known).filter((name) => !applied.includes(name));
  if (pending.length === 0) return { applied: [], backupPath: null };

  let backupPath: string | null = null;
  if (applied.length > 0 && dbPath !== ':memory:') {
    backupPath = backupPathFor(dbPath, opts.now ?? new Date(), 'before-migration');
    await backupDatabase(db, backupPath);
  }

  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => known },
    migrationTableName: MIGRATION_TABLE,
  });
  const result = await migrator.migrateToLatest();
  throwIfFailed(result);
  return { applied: (result.results ?? []).map((r) => r.migrationName), backupPath };
}

async function appliedMigrations(db: Db): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === MIGRATION_TABLE)) return [];
  const { rows } = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)}`.execute(db);
  return rows.map((r) => r.name);
}

function throwIfFailed({ error, results }: MigrationResultSet): void {
  if (!error) return;
  const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
  throw new AppError(
    'MIGRATION_FAILED',
    '数据库升级失败，数据未作改动。请联系管理员，并保留备份文件。',
    `migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`,
  );
}

/** `<dir>/backups/<name>-YYYYMMDD-HHmmss-<reason>.sqlite`, local time as users read it. */
export function backupPathFor(dbPath: string, now: Date, reason: string): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
  const base = path.basename(dbPath).replace(/\.(sqlite3?|db)$/i, '');
  return path.join(path.dirname(dbPath), 'backups', `${base}-${stamp}-${reason}.sqlite`);
}
