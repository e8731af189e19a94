import type { Db } from '../../electron/backend/db/connection';
import { migrateToLatest } from '../../electron/backend/db/migrator';
import { migrations } from '../../migrations';

/** Applies the migrations up to and including `last` (a migration name), as an older app would. */
export async function migrateThrough(db: Db, dbPath: string, last: string | null): Promise<void> {
  const names = Object.keys(migrations);
  const upTo = last === null ? [] : names.slice(0, names.indexOf(last) + 1);
  if (last !== null && upTo.length === 0) throw new Error(`no migration named ${last}`);
  await migrateToLatest(db, dbPath, { migrations: Object.fromEntries(upTo.map((n) => [n, migrations[n]])) });
}
