import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli-in-process';
import { checkBackupFile } from '../../electron/backend/db/backup-check';
import { openDatabase } from '../../electron/backend/db/connection';
import { setQuietLogs } from '../../electron/backend/log';
import { makeTempDir } from '../helpers/temp-dir';

const ROOT = new URL('../..', import.meta.url).pathname;

let tmp: ReturnType<typeof makeTempDir>;
beforeAll(() => setQuietLogs(true));
afterAll(() => setQuietLogs(false));
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

/** A migrated database with `megabytes` of filler, so that writing its backup takes a while. */
async function databaseOf(name: string, megabytes: number): Promise<string> {
  const file = tmp.file(name);
  expect((await cli('migrate', '--db', file)).code).toBe(0);
  const db = await openDatabase(file);
  try {
    await sql`create table filler (b blob)`.execute(db);
    await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < ${megabytes * 256})
              insert into filler select randomblob(4096) from n`.execute(db);
  } finally {
    await db.destroy();
  }
  return file;
}

describe('backup onto an existing file', () => {
  it('is refused without --force, and the file is left as it was', async () => {
    const db = await databaseOf('a.sqlite', 1);
    const out = tmp.file('copy.sqlite');
    expect((await cli('backup', '--db', db, '--out', out)).code).toBe(0);
    const before = readFileSync(out);
    const again = await cli('backup', '--db', db, '--out', out, '--json');
    expect(again.code).toBe(1);
    expect(again.json.error).toEqual({ code: 'BACKUP_EXISTS', message: `备份文件已存在：${out}。要覆盖它请加 --force。` });
    expect(readFileSync(out).equals(before)).toBe(true);
  });

  it('replaces it with --force', async () => {
    const db = await databaseOf('a.sqlite', 1);
    const out = tmp.file('copy.sqlite');
    copyFileSync(path.join(ROOT, 'package.json'), out);
    expect((await cli('backup', '--db', db, '--out', out, '--force')).code).toBe(0);
    await checkBackupFile(out);
    expect(readdirSync(tmp.dir).sort()).toEqual(['a.sqlite', 'copy.sqlite']);
  });
});

describe('a backup file', () => {
  it('is checked: a copy cut short fails the check', async () => {
    const db = await databaseOf('a.sqlite', 2);
    const out = tmp.file('copy.sqlite');
    expect((await cli('backup', '--db', db, '--out', out)).code).toBe(0);
    await expect(checkBackupFile(out)).resolves.toBeUndefined();
    const cut = tmp.file('cut.sqlite');
    copyFileSync(out, cut);
    truncateSync(cut, Math.floor(statSync(out).size / 2));
    await expect(checkBackupFile(cut)).rejects.toThrow();
  });
});

/** A file in a folder of its own beside the database (whose -wal and -shm come and go). */
function backupsFolder(name: string): string {
  mkdirSync(tmp.file('backups'), { recursive: true });
  return tmp.file(`backups/${name}`);
}

/** Each file of a folder with its inode, size and time, to see when anything in it changes. */
function folderState(dir: string): string {
  return readdirSync(dir)
    .sort()
    .map((f) => {
      const st = statSync(path.join(dir, f));
      return `${f}:${st.ino}:${st.size}:${st.mtimeMs}`;
    })
    .join('|');
}

/**
 * Starts the real CLI in a process of its own and kills it (SIGKILL) as soon as anything changes
 * in the backup's folder, i.e. while the backup is being written.
 */
async function backupKilledMidWrite(db: string, out: string, ...flags: string[]): Promise<void> {
  const dir = path.dirname(out);
  const before = folderState(dir);
  const child = spawn(process.execPath, ['electron/cli-launcher.mjs', 'backup', '--db', db, '--out', out, ...flags], { cwd: ROOT, stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  while (child.exitCode === null && child.signalCode === null && folderState(dir) === before) await new Promise((r) => setTimeout(r, 2));
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL'); // killed mid-write, not finished
}

describe('a backup killed while it writes', () => {
  it('leaves no file under the target name', async () => {
    const db = await databaseOf('big.sqlite', 100);
    const out = backupsFolder('big-copy.sqlite');
    await backupKilledMidWrite(db, out);
    expect(existsSync(out)).toBe(false);
    // What a kill leaves behind does not look like a backup.
    const left = readdirSync(path.dirname(out));
    expect(left.length).toBeGreaterThan(0);
    for (const f of left) expect(f).toMatch(/\.unfinished(-journal)?$/);
  });

  it('leaves files the next backup to that target removes once they are an hour old; one being written stays', async () => {
    const db = await databaseOf('big.sqlite', 100);
    const out = backupsFolder('big-copy.sqlite');
    await backupKilledMidWrite(db, out);
    const dir = path.dirname(out);
    const left = readdirSync(dir);
    expect(left.length).toBeGreaterThan(0);
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    for (const f of left) utimesSync(path.join(dir, f), twoHoursAgo, twoHoursAgo);
    // Another backup of the same target under way (written to just now), and another target's leftover.
    writeFileSync(path.join(dir, 'big-copy.sqlite.0a1b2c3d.unfinished'), 'x');
    writeFileSync(path.join(dir, 'other.sqlite.0a1b2c3d.unfinished'), 'x');
    utimesSync(path.join(dir, 'other.sqlite.0a1b2c3d.unfinished'), twoHoursAgo, twoHoursAgo);

    expect((await cli('backup', '--db', db, '--out', out)).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['big-copy.sqlite', 'big-copy.sqlite.0a1b2c3d.unfinished', 'other.sqlite.0a1b2c3d.unfinished']);
    await checkBackupFile(out);
  });

  it('with --force, leaves the backup it was replacing whole', async () => {
    const db = await databaseOf('big.sqlite', 100);
    const out = backupsFolder('big-copy.sqlite');
    expect((await cli('backup', '--db', db, '--out', out)).code).toBe(0);
    const before = statSync(out);
    await backupKilledMidWrite(db, out, '--force');
    expect(statSync(out).size).toBe(before.size);
    expect(statSync(out).mtimeMs).toBe(before.mtimeMs);
    await checkBackupFile(out);
  });
});
