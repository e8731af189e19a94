import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli-in-process';
import { openDatabase } from '../../electron/backend/db/connection';
import { migrations } from '../../migrations';
import { makeTempDir } from '../helpers/temp-dir';

const run = promisify(execFile);
let tmp: ReturnType<typeof makeTempDir>;

beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(() => tmp.cleanup());

describe('CLI', () => {
  it('migrate creates a database and reports what it applied', async () => {
    const db = tmp.file('a.sqlite');
    const first = await cli('migrate', '--db', db, '--json');
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ applied: Object.keys(migrations), backupPath: null });
    const second = await cli('migrate', '--db', db);
    expect(second.stdout).toContain('已是最新版本');
  });

  it('demo-data prints the counts as one JSON object, then backup copies the data', async () => {
    const db = tmp.file('demo.sqlite');
    const gen = await cli('demo-data', '--db', db, '--loans', '600', '--seed', '7', '--json');
    expect(gen.code).toBe(0);
    const summary = JSON.parse(gen.stdout);
    expect(Object.keys(summary).sort()).toEqual(['households', 'loans', 'managers', 'villages']);
    expect(summary.loans).toBe(600);

    const out = tmp.file('backups/copy.sqlite');
    const backup = await cli('backup', '--db', db, '--out', out, '--json');
    expect(backup.code).toBe(0);
    expect(JSON.parse(backup.stdout)).toEqual({ backup: out });
    const copy = await openDatabase(out);
    try {
      const { n } = await copy.selectFrom('loans').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(n).toBe(600);
    } finally {
      await copy.destroy();
    }
  });

  it('fails with a clear message and a non-zero exit', async () => {
    const missing = await cli('backup', '--db', tmp.file('nope.sqlite'), '--out', tmp.file('x.sqlite'), '--json');
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toEqual({ error: { code: 'DB_NOT_FOUND', message: `数据库文件不存在：${tmp.file('nope.sqlite')}` } });
    expect(existsSync(tmp.file('nope.sqlite'))).toBe(false);

    const usage = await cli('demo-data', '--loans', '10');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('参数错误：缺少 --db');
    expect((await cli('frobnicate')).code).toBe(2);
    expect((await cli('demo-data', '--db', tmp.file('a.sqlite'), '--loans', 'many')).stderr).toContain('--loans 应为整数：many');
  });

  it('answers a usage error in JSON too when JSON was asked for', async () => {
    const bad = await cli('import', 'x.csv', '--db', tmp.file('a.sqlite'), '--as-of', '2026-02-30', '--json');
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout)).toEqual({ error: { code: 'USAGE', message: '参数错误：--as-of 2026-02-30：日期无效，应为 YYYY-MM-DD 的真实日期' } });
  });

  it('runs as `npm run --silent cli` from a terminal', async () => {
    const db = tmp.file('t.sqlite');
    const { stdout } = await run('npm', ['run', '--silent', 'cli', '--', 'migrate', '--db', db, '--json'], { cwd: new URL('../..', import.meta.url).pathname });
    expect(JSON.parse(stdout).applied).toEqual(Object.keys(migrations));
    const failed = run('npm', ['run', '--silent', 'cli', '--', 'backup', '--db', tmp.file('none.sqlite'), '--out', tmp.file('o.sqlite')], {
      cwd: new URL('../..', import.meta.url).pathname,
    });
    await expect(failed).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('数据库文件不存在') });
  });
});
