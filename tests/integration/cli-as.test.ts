import { copyFileSync, existsSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeAppContext, createAppContext } from '../../electron/backend/app-context';
import { dispatch } from '../../electron/backend/rpc/dispatch';
import { SYSTEM_STAFF_ID } from '../../electron/backend/changelog/actor';
import { cli } from '../helpers/cli-in-process';
import { openDatabase } from '../../electron/backend/db/connection';
import { setQuietLogs } from '../../electron/backend/log';
import { SAMPLE } from '../helpers/sample-files';
import { signedInApp } from '../helpers/signed-in-app';
import { makeTempDir } from '../helpers/temp-dir';

// The CLI is a transport of the dispatcher: `--as <username>` names the staff member it acts for
// (their role decides, the change log records them); without it, the built-in system actor.

let tmp: ReturnType<typeof makeTempDir>;
let db: string;
const staff: Record<'head' | 'clerk' | 'manager', { id: string; displayName: string }> = {} as never;

beforeAll(() => setQuietLogs(true)); // the refusals below are expected
afterAll(() => setQuietLogs(false));

// The branch every test starts from, built once (its staff's passwords are hashed with scrypt) and copied per test.
let template: ReturnType<typeof makeTempDir>;
beforeAll(async () => {
  template = makeTempDir();
  const file = template.file('ledger.sqlite');
  const { app, call } = await signedInApp(file);
  try {
    const people = [
      { username: 'head1', displayName: '支行长乙', role: 'head' },
      { username: 'clerk1', displayName: '内勤丙', role: 'clerk' },
      { username: 'manager1', displayName: '客户经理丁', role: 'manager' },
    ] as const;
    for (const p of people) {
      const user = (await call('staff.create', { ...p, password: 'password-123' })) as { id: string };
      staff[p.role] = { id: user.id, displayName: p.displayName };
    }
  } finally {
    await closeAppContext(app);
  }
  expect((await cli('import', SAMPLE.xlsx, '--db', file, '--as-of', '2026-10-31')).code).toBe(0);
});
afterAll(() => template.cleanup());

beforeEach(() => {
  tmp = makeTempDir();
  db = tmp.file('ledger.sqlite');
  copyFileSync(template.file('ledger.sqlite'), db);
});
afterEach(() => tmp.cleanup());

async function query<T>(fn: (conn: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const conn = await openDatabase(db);
  try {
    return await fn(conn);
  } finally {
    await conn.destroy();
  }
}

const exportLog = () => query((c) => c.selectFrom('export_log').select(['ids_masked', 'actor_id', 'actor_name', 'rows']).execute());

/** The change-log transactions that wrote the export log, with their entries' actors. */
const exportTxns = () =>
  query((c) =>
    c
      .selectFrom('change_log')
      .innerJoin('change_txns', 'change_txns.id', 'change_log.txn_id')
      .select(['change_txns.actor_id as txnActor', 'change_txns.actor_name as txnActorName', 'change_log.actor_id as entryActor'])
      .where('change_log.table_name', '=', 'export_log')
      .execute(),
  );

describe('export register --full-ids', () => {
  it('is refused without --as, saying to use it, and writes nothing', async () => {
    const out = tmp.file('full.xlsx');
    const refused = await cli('export', 'register', '--db', db, '--village', '刘家会村', '--out', out, '--full-ids', '--json');
    expect(refused.code).toBe(1);
    expect(refused.json.error.code).toBe('FORBIDDEN');
    expect(refused.json.error.message).toContain('只有支行长或管理员可以导出或打印完整身份证号');
    expect(refused.json.error.message).toContain('--as <用户名>');
    expect(existsSync(out)).toBe(false);
    expect(await exportLog()).toEqual([]);
  });

  it('is refused with --as of a clerk', async () => {
    const out = tmp.file('full.xlsx');
    const refused = await cli('export', 'register', '--db', db, '--village', '刘家会村', '--out', out, '--full-ids', '--as', 'clerk1');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('只有支行长或管理员可以导出或打印完整身份证号。\n');
    expect(existsSync(out)).toBe(false);
    expect(await exportLog()).toEqual([]);
  });

  it('works with --as of the branch head, and the export log and change log name them', async () => {
    const out = tmp.file('full.xlsx');
    const done = await cli('export', 'register', '--db', db, '--village', '刘家会村', '--out', out, '--full-ids', '--as', 'head1', '--json');
    expect(done.code).toBe(0);
    expect(done.json).toEqual({ out, households: expect.any(Number), loans: expect.any(Number) });
    expect(existsSync(out)).toBe(true);
    expect(await exportLog()).toEqual([{ ids_masked: 0, actor_id: staff.head.id, actor_name: '支行长乙', rows: done.json.loans }]);
    expect(await exportTxns()).toEqual([{ txnActor: staff.head.id, txnActorName: '支行长乙', entryActor: staff.head.id }]);
  });
});

describe('without --as', () => {
  it('exports masked IDs as the system actor, recorded as such', async () => {
    const out = tmp.file('masked.xlsx');
    expect((await cli('export', 'register', '--db', db, '--village', '刘家会村', '--out', out)).code).toBe(0);
    expect(await exportLog()).toEqual([{ ids_masked: 1, actor_id: SYSTEM_STAFF_ID, actor_name: '系统', rows: expect.any(Number) }]);
    expect(await exportTxns()).toEqual([{ txnActor: SYSTEM_STAFF_ID, txnActorName: '系统', entryActor: SYSTEM_STAFF_ID }]);
  });

  it('imports as the system actor: its change-log transaction and the import record say so', async () => {
    const txns = await query((c) => c.selectFrom('change_txns').select(['actor_id', 'cause_kind', 'cause_id']).where('cause_kind', '=', 'import').execute());
    const imports = await query((c) => c.selectFrom('imports').select(['id', 'actor_id', 'actor_name']).execute());
    expect(imports).toEqual([{ id: expect.any(String), actor_id: SYSTEM_STAFF_ID, actor_name: '系统' }]);
    expect(txns).toEqual([{ actor_id: SYSTEM_STAFF_ID, cause_kind: 'import', cause_id: imports[0].id }]);
  });
});

describe('--as', () => {
  it('imports as the clerk it names', async () => {
    const later = await cli('import', SAMPLE.csv, '--db', db, '--as-of', '2026-11-30', '--as', 'clerk1', '--json');
    expect(later.code).toBe(0);
    const txns = await query((c) => c.selectFrom('change_txns').select(['actor_id', 'actor_name']).where('cause_kind', '=', 'import').orderBy('seq').execute());
    expect(txns.at(-1)).toEqual({ actor_id: staff.clerk.id, actor_name: '内勤丙' });
  });

  it('gives the named person’s role: an account manager may not import, a clerk may not generate demo data', async () => {
    const imported = await cli('import', SAMPLE.csv, '--db', db, '--as-of', '2026-11-30', '--as', 'manager1', '--json');
    expect(imported.code).toBe(1);
    expect(imported.json.error).toEqual({ code: 'FORBIDDEN', message: '您的角色无权执行此操作' });
    const demo = await cli('demo-data', '--db', db, '--loans', '10', '--as', 'clerk1', '--json');
    expect(demo.json.error).toEqual({ code: 'FORBIDDEN', message: '您的角色无权执行此操作' });
  });

  it('refuses a username that is no staff member, in Chinese', async () => {
    const report = await cli('report', 'portfolio', '--db', db, '--as', 'nobody', '--json');
    expect(report.code).toBe(1);
    expect(report.json.error).toEqual({ code: 'UNKNOWN_STAFF', message: '没有用户名为“nobody”的员工。' });
  });

  it('refuses a staff member who may not sign in', async () => {
    await query((c) => c.updateTable('staff').set({ active: 0 }).where('id', '=', staff.head.id).execute());
    const out = tmp.file('full.xlsx');
    const refused = await cli('export', 'register', '--db', db, '--village', '刘家会村', '--out', out, '--full-ids', '--as', 'head1', '--json');
    expect(refused.json.error).toEqual({ code: 'STAFF_INACTIVE', message: '员工“head1”已停用或没有登录权限，不能以其身份操作。' });
    expect(existsSync(out)).toBe(false);
  });
});

describe('the dispatcher’s CLI caller', () => {
  it('is the system actor only where a handler names the role; a named person has their own role', async () => {
    const app = await createAppContext(db);
    try {
      const asSystem = (name: string, args: unknown = {}) => dispatch(app, name, args, { cli: { as: null } });
      expect(await asSystem('villages.overview')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await asSystem('staff.setLogin', { staffId: staff.clerk.id, username: 'x1', password: 'password-123' })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
      expect(await asSystem('reports.portfolio')).toMatchObject({ ok: true });
      expect(await dispatch(app, 'villages.overview', {}, { cli: { as: 'clerk1' } })).toMatchObject({ ok: true });
      expect(await dispatch(app, 'auth.me', {}, { cli: { as: 'head1' } })).toEqual({
        ok: true,
        value: { id: staff.head.id, username: 'head1', displayName: '支行长乙', role: 'head' },
      });
    } finally {
      await closeAppContext(app);
    }
  });
});

describe('input checked by the contract’s schema', () => {
  it.each([
    ['0', '--loans 0'],
    ['600000', '--loans 600000'],
  ])('demo-data --loans %s is refused before a database is created', async (loans, flag) => {
    const target = tmp.file('demo.sqlite');
    const out = await cli('demo-data', '--db', target, '--loans', loans, '--json');
    expect(out.code).toBe(2);
    expect(out.json.error.code).toBe('USAGE');
    expect(out.json.error.message).toMatch(new RegExp(`^参数错误：${flag}：[^A-Za-z]+$`));
    expect(existsSync(target)).toBe(false);
  });
});
