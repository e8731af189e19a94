import { Migrator } from 'kysely';
import { hqMigrations } from '../../../migrations/hq';
import { AppError } from '../rpc/app-error';
import type { HqDb } from './hq-db';

/**
 * Brings head office's database to this version's schema (Kysely's migrator: each step in its own
 * transaction, an advisory lock against two consoles starting at once). A database newer than
 * this version is refused, not downgraded.
 */
export async function migrateHq(db: HqDb, upTo?: string): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => hqMigrations },
    migrationTableName: 'hq_migrations',
    migrationLockTableName: 'hq_migrations_lock',
  });
  const { error, results } = upTo ? await migrator.migrateTo(upTo) : await migrator.migrateToLatest();
  if (error) {
    const detail = error instanceof Error ? error.message : String(error);
    if (/corrupted migrations/.test(detail)) {
      throw new AppError('HQ_SCHEMA_NEWER', '总行数据库由更新版本的软件建立，请先升级本软件。', `head-office schema is newer than this build: ${detail}`);
    }
    throw new AppError('HQ_MIGRATION_FAILED', `总行数据库升级失败：${detail}`, `head-office migration failed: ${detail}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
