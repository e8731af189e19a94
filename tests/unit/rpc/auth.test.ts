import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeAppContext, createAppContext, type AppContext } from '../../../electron/backend/app-context';
import { dispatch } from '../../../electron/backend/rpc/dispatch';
import { SYSTEM_STAFF_ID } from '../../../electron/backend/changelog/actor';
import { makeTempDir } from '../../helpers/temp-dir';
import { appLog } from '../../helpers/app-log';

let tmp: ReturnType<typeof makeTempDir>;
let app: AppContext;
const admin = { username: 'admin', displayName: '管理员', password: 'correct-horse-1' };

beforeEach(async () => {
  tmp = makeTempDir();
  app = await createAppContext(tmp.file('ledger.sqlite'));
});
afterEach(async () => {
  await closeAppContext(app);
  tmp.cleanup();
});

/** Sets the branch up and signs its first admin in; returns the admin's token. */
async function setUpAsAdmin(): Promise<string> {
  await dispatch(app, 'setup.init', { branchCode: '880110', branchName: '林家坪支行', admin });
  const login = await dispatch(app, 'auth.login', { username: 'admin', password: admin.password });
  return (login as { value: { token: string } }).value.token;
}

/** A staff member as an import creates them: no login yet. */
function addStaffWithoutLogin(id: string, displayName: string, role: 'manager' | 'clerk') {
  return app.db
    .insertInto('staff')
    .values({ id, username: null, display_name: displayName, role, password_hash: null, active: 1, created_at: 1, updated_at: 1 })
    .returningAll()
    .executeTakeFirstOrThrow();
}

describe('first-run setup and login', () => {
  it('sets up the branch and first admin once, then logs in with scrypt-hashed password', async () => {
    expect(await dispatch(app, 'setup.status', {})).toEqual({ ok: true, value: { initialized: false, branchCode: null, branchName: null } });
    // The code names the branch's folder and package files on a USB stick: nothing that climbs out of it.
    for (const branchCode of ['../..', 'a/b', '白文支行', '88 01']) {
      expect(await dispatch(app, 'setup.init', { branchCode, branchName: '林家坪支行', admin })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', message: expect.stringContaining('机构号应为 1–20 位字母或数字') },
      });
    }
    const init = await dispatch(app, 'setup.init', { branchCode: '880110', branchName: '林家坪支行', admin });
    expect(init).toMatchObject({ ok: true, value: { username: 'admin', role: 'admin' } });
    expect(await dispatch(app, 'setup.status', {})).toEqual({ ok: true, value: { initialized: true, branchCode: '880110', branchName: '林家坪支行' } });

    const again = await dispatch(app, 'setup.init', { branchCode: '1', branchName: '别的', admin: { ...admin, username: 'admin2' } });
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_INITIALIZED' } });

    const row = await app.db.selectFrom('staff').selectAll().where('role', '=', 'admin').executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.password_hash).not.toContain(admin.password);

    expect(await dispatch(app, 'auth.login', { username: 'admin', password: 'wrong-password' })).toEqual({
      ok: false,
      error: { code: 'LOGIN_FAILED', message: '用户名或密码错误' },
    });
    expect(await dispatch(app, 'auth.login', { username: 'nobody', password: 'x' })).toMatchObject({ ok: false, error: { code: 'LOGIN_FAILED' } });
    const login = await dispatch(app, 'auth.login', { username: 'admin', password: admin.password });
    expect(login).toMatchObject({ ok: true, value: { token: expect.any(String), user: { displayName: '管理员' } } });
    const token = (login as { value: { token: string } }).value.token;

    expect(await dispatch(app, 'auth.logout', {}, { token })).toEqual({ ok: true, value: { ok: true } });
    expect(await dispatch(app, 'auth.me', {}, { token })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });

  it('records setup in the change log with the system as actor', async () => {
    await dispatch(app, 'setup.init', { branchCode: '880110', branchName: '林家坪支行', admin });
    const log = await appLog(app.db).select(['table_name', 'action', 'actor_name', 'row_id', 'after_json']).orderBy('seq').execute();
    expect(log.map((e) => `${e.table_name}:${e.action}:${e.actor_name}`)).toEqual([
      'settings:insert:系统',
      'settings:insert:系统',
      'staff:insert:系统',
    ]);
    expect(JSON.parse(log[1].after_json!)).toMatchObject({ key: 'branch_name', value: '林家坪支行' });
  });

  it('lets an admin give an imported account manager a login', async () => {
    const token = await setUpAsAdmin();
    const manager = await addStaffWithoutLogin('m1', '李志强', 'manager');
    expect(await dispatch(app, 'auth.login', { username: 'lizq', password: 'manager-pass-1' })).toMatchObject({ ok: false });

    expect(await dispatch(app, 'staff.setLogin', { staffId: manager.id, username: 'admin', password: 'manager-pass-1' }, { token })).toMatchObject({
      ok: false,
      error: { code: 'USERNAME_TAKEN' },
    });
    const set = await dispatch(app, 'staff.setLogin', { staffId: manager.id, username: 'lizq', password: 'manager-pass-1' }, { token });
    expect(set).toMatchObject({ ok: true, value: { username: 'lizq', role: 'manager', displayName: '李志强' } });
    expect(await dispatch(app, 'auth.login', { username: 'lizq', password: 'manager-pass-1' })).toMatchObject({ ok: true, value: { user: { role: 'manager' } } });
    // The built-in 系统 row (imports, scheduled work) gets no login: a clear refusal, not a database error.
    expect(await dispatch(app, 'staff.setLogin', { staffId: SYSTEM_STAFF_ID, username: 'sys', password: 'system-pass-1' }, { token })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('slows a username down after wrong passwords instead of locking its owner out, and a new password ends the old sessions', async () => {
    const adminToken = await setUpAsAdmin();
    const clerk = await addStaffWithoutLogin('c1', '张敏', 'clerk');
    await dispatch(app, 'staff.setLogin', { staffId: clerk.id, username: 'zhangm', password: 'clerk-pass-1' }, { token: adminToken });
    const clerkLogin = await dispatch(app, 'auth.login', { username: 'zhangm', password: 'clerk-pass-1' });
    const clerkToken = (clerkLogin as { value: { token: string } }).value.token;

    // Five wrong passwords, as fast as any local process may send them.
    for (let failed = 0, i = 0; failed < 5; i++) {
      const r = await dispatch(app, 'auth.login', { username: 'zhangm', password: `guess-${i}` });
      if (r.ok) throw new Error('a wrong password was taken');
      if (r.error.code === 'LOGIN_FAILED') failed++;
      else await new Promise((resolve) => setTimeout(resolve, 500));
    }
    // The next try must wait a moment, not minutes; other usernames need not wait at all.
    const soon = await dispatch(app, 'auth.login', { username: 'zhangm', password: 'clerk-pass-1' });
    expect(soon).toMatchObject({ ok: false, error: { code: 'LOGIN_THROTTLED', message: expect.stringMatching(/请 [12] 秒后再试/) } });
    expect(await dispatch(app, 'auth.login', { username: 'admin', password: admin.password })).toMatchObject({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect(await dispatch(app, 'auth.login', { username: 'zhangm', password: 'clerk-pass-1' })).toMatchObject({ ok: true });

    // The admin sets a new password: the clerk's old session ends.
    expect(await dispatch(app, 'auth.me', {}, { token: clerkToken })).toMatchObject({ ok: true });
    await dispatch(app, 'staff.setLogin', { staffId: clerk.id, username: 'zhangm', password: 'clerk-pass-2' }, { token: adminToken });
    expect(await dispatch(app, 'auth.me', {}, { token: clerkToken })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(await dispatch(app, 'auth.login', { username: 'zhangm', password: 'clerk-pass-2' })).toMatchObject({ ok: true });
  });

  it('slows down guesses spread over many usernames', async () => {
    await setUpAsAdmin();
    const codes: string[] = [];
    for (let i = 0; i < 30; i++) {
      const r = await dispatch(app, 'auth.login', { username: `user${i}`, password: 'guess-pass-1' });
      codes.push(r.ok ? 'ok' : r.error.code);
    }
    expect(codes.filter((c) => c === 'LOGIN_FAILED').length).toBeLessThanOrEqual(21);
    expect(codes).toContain('LOGIN_THROTTLED');
  });

  it('applies a role change at once, and signs out a deactivated account', async () => {
    const adminToken = await setUpAsAdmin();
    await dispatch(app, 'staff.create', { username: 'head1', displayName: '支行长', password: 'head-pass-1', role: 'admin' }, { token: adminToken });
    const token = ((await dispatch(app, 'auth.login', { username: 'head1', password: 'head-pass-1' })) as { value: { token: string } }).value.token;
    const setLogin = () => dispatch(app, 'staff.setLogin', { staffId: 'nobody', username: 'x1', password: 'whatever-pass-1' }, { token });
    expect(await setLogin()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } }); // allowed, nobody to find

    await app.db.updateTable('staff').set({ role: 'clerk' }).where('username', '=', 'head1').execute();
    expect(await setLogin()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await dispatch(app, 'auth.me', {}, { token })).toMatchObject({ ok: true, value: { role: 'clerk' } });

    await app.db.updateTable('staff').set({ active: 0 }).where('username', '=', 'head1').execute();
    expect(await dispatch(app, 'auth.me', {}, { token })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });
});
