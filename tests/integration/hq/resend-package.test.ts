import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli-in-process';
import { ok, pairedBranch } from '../../helpers/hq-branch-fixture';
import { useHqTestDatabase } from '../../helpers/hq-test-connection';
import { makeTempDir } from '../../helpers/temp-dir';

const hqDb = useHqTestDatabase();
let tmp: ReturnType<typeof makeTempDir>;
let db: string;

beforeAll(async () => {
  tmp = makeTempDir();
  await ok('hq', 'init', '--dir', tmp.file('hq'));
  const branch = await pairedBranch(tmp.file('101'), '101', '一支行', tmp.file('hq/hq-identity.json'), 50, 5);
  db = branch.db;
  await ok('hq', 'register', '--dir', tmp.file('hq'), '--branch-identity', branch.identity, '--pg', hqDb.url);
});
afterAll(() => tmp.cleanup());

describe('hq export --resend', () => {
  it('writes a lost package again byte for byte, and the branch then applies it and the one it held', async () => {
    const hq = ['--dir', tmp.file('hq'), '--pg', hqDb.url];
    await ok('hq', 'message', ...hq, '--title', '第一条', '--text', '第一条通知');
    const first = await ok('hq', 'export', ...hq, '--branch', '101', '--out', tmp.file('usb'));
    const firstBytes = readFileSync(first.package);
    rmSync(first.package); // the stick is lost
    await ok('hq', 'message', ...hq, '--title', '第二条', '--text', '第二条通知');
    const second = await ok('hq', 'export', ...hq, '--branch', '101', '--out', tmp.file('usb'));
    expect(second.seq).toBe(2);
    const held = await cli('sync', 'apply', second.package, '--db', db, '--json');
    expect(held.json).toMatchObject({ status: 'held', reason: '在它之前的第 1 号包还没有导入：已保存这个包，收到缺少的包后会按顺序自动导入。' });

    const again = await ok('hq', 'export', ...hq, '--branch', '101', '--out', tmp.file('usb2'), '--resend', '1', '--as', '总行科技部');
    expect(again).toMatchObject({ seq: 1, rows: first.rows });
    expect(readFileSync(again.package).equals(firstBytes)).toBe(true);
    const applied = await ok('sync', 'apply', again.package, '--db', db);
    expect(applied).toMatchObject({ status: 'applied', seq: 1, applied: expect.arrayContaining([2]) });
    // A package sent twice is skipped there.
    expect((await cli('sync', 'apply', again.package, '--db', db, '--json')).json).toMatchObject({ status: 'skipped' });
    // Nothing new was numbered: the next package is the third.
    await ok('hq', 'message', ...hq, '--title', '第三条', '--text', '第三条通知');
    expect((await ok('hq', 'export', ...hq, '--branch', '101', '--out', tmp.file('usb'))).seq).toBe(3);

    const log = await hqDb.conn.db.selectFrom('hq_log').select(['actor', 'action', 'branch_code', 'detail']).where('action', '=', 'resend_package').execute();
    expect(log).toEqual([{ actor: '总行科技部', action: 'resend_package', branch_code: '101', detail: { seq: 1, fileName: expect.any(String) } }]);
  });

  it('refuses a package never built, or a branch never registered, in Chinese', async () => {
    const hq = ['--dir', tmp.file('hq'), '--pg', hqDb.url];
    const missing = await cli('hq', 'export', ...hq, '--branch', '101', '--out', tmp.file('usb'), '--resend', '99', '--json');
    expect(missing.code).toBe(1);
    expect(missing.json.error.message).toMatch(/^没有发往机构号 101 的第 99 号同步包（已生成第 1–\d+ 号）。$/);
    const unknown = await cli('hq', 'export', ...hq, '--branch', '999', '--out', tmp.file('usb'), '--resend', '1', '--json');
    expect(unknown.json.error).toEqual({ code: 'NOT_FOUND', message: '机构号 999 尚未登记。' });
    const zero = await cli('hq', 'export', ...hq, '--branch', '101', '--out', tmp.file('usb'), '--resend', '0', '--json');
    expect(zero.code).not.toBe(0);
  });
});
