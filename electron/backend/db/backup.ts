import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from './connection';

/**
 * A consistent copy of the live database (WAL included) while it stays open:
 * VACUUM INTO writes a fresh, compacted file inside one read transaction.
 */
export async function backupDatabase(db: Db, outPath: string): Promise<void> {
  const target = path.resolve(outPath);
  await mkdir(path.dirname(target), { recursive: true });
  await rm(target, { force: true });
  await sql`vacuum into ${target}`.execute(db);
}
