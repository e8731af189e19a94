import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { AppError } from '../rpc/app-error';
import { checkBackupFile } from './backup-check';
import type { Db } from './connection';

export interface BackupOptions {
  /** Replace a file already at the target (the CLI's --force); refused otherwise. */
  replace?: boolean;
}

/**
 * A consistent copy of the live database (WAL included) while it stays open: VACUUM INTO writes
 * a fresh, compacted file inside one read transaction. It is written under a temporary name
 * beside the target, checked (integrity, page count), flushed to disk and only then renamed to
 * the target, so that a crash or kill never leaves a file under the target's name that looks like
 * a backup and is not; a replaced backup stays whole until the new one is.
 */
export async function backupDatabase(db: Db, outPath: string, opts: BackupOptions = {}): Promise<void> {
  const target = path.resolve(outPath);
  const dir = path.dirname(target);
  await mkdir(dir, { recursive: true });
  refuseExisting(target, opts);
  await removeLeftovers(dir, path.basename(target));
  // Ends in neither .sqlite nor .db: a file left behind by a kill is not taken for a backup.
  const temp = path.join(dir, `${path.basename(target)}.${randomBytes(4).toString('hex')}.unfinished`);
  try {
    await sql`vacuum into ${temp}`.execute(db);
    try {
      await checkBackupFile(temp);
    } catch (err) {
      throw new AppError('BACKUP_CHECK_FAILED', `备份文件写入后检查未通过，未保存：${target}`, `backup check of ${temp} failed: ${String(err)}`);
    }
    await flush(temp);
    refuseExisting(target, opts);
    await rename(temp, target);
    await flushDirectory(dir);
  } finally {
    await rm(temp, { force: true });
  }
}

/** A temporary file not written for this long is left by a killed backup, not one being written. */
const LEFTOVER_AFTER_MS = 60 * 60 * 1000;

/**
 * Removes what killed backups to the same target left (the temporary file and SQLite's journal of
 * it). One written to within the hour may be another process's backup under way, and stays.
 */
async function removeLeftovers(dir: string, baseName: string): Promise<void> {
  const now = Date.now();
  for (const name of await readdir(dir)) {
    if (!name.startsWith(`${baseName}.`) || !/^\.[0-9a-f]{8}\.unfinished(-journal)?$/.test(name.slice(baseName.length))) continue;
    const file = path.join(dir, name);
    const modified = await stat(file).then((s) => s.mtimeMs, () => null);
    if (modified !== null && now - modified > LEFTOVER_AFTER_MS) await rm(file, { force: true });
  }
}

function refuseExisting(target: string, opts: BackupOptions): void {
  if (!opts.replace && existsSync(target)) {
    throw new AppError('BACKUP_EXISTS', `备份文件已存在，未覆盖：${target}`, `backup target ${target} exists`);
  }
}

async function flush(file: string): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes the rename itself durable (POSIX); Windows cannot open a folder for this, nor needs to. */
async function flushDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
