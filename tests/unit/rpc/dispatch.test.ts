import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeAppContext, type AppContext } from '../../../electron/backend/app-context';
import { dispatch } from '../../../electron/backend/rpc/dispatch';
import { capturingLog } from '../../helpers/captured-log';
import { makeTempDir } from '../../helpers/temp-dir';
import { ADMIN, signedInApp } from '../../helpers/signed-in-app';

let tmp: ReturnType<typeof makeTempDir>;
let app: AppContext;
let token: string;

beforeEach(async () => {
  tmp = makeTempDir();
  ({ app, token } = await signedInApp(tmp.file('ledger.sqlite')));
});
afterEach(async () => {
  await closeAppContext(app);
  tmp.cleanup();
});

describe('dispatch', () => {
  it('runs a handler and answers {ok: true, value}', async () => {
    const result = await dispatch(app, 'auth.me', {}, { token });
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ username: ADMIN.username, role: 'admin' }) });
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'no.such', '', 'auth.me ', 'AUTH.ME'])(
    'refuses the method name %j',
    async (name) => {
      const result = await dispatch(app, name, {}, { token });
      expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD', message: '不支持的操作' } });
    },
  );

  it('gives a validation error in Chinese for bad input, without running the handler', async () => {
    const result = await dispatch(app, 'staff.create', { username: 'x', displayName: '', password: 'short', role: 'boss' }, { token });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.message).toMatch(/^输入有误：/);
    expect(result.error.message).toContain('用户名至少 2 个字符');
    expect(result.error.message).toContain('密码至少 8 位');
    const staff = await app.db.selectFrom('staff').select('username').where('role', '<>', 'system').execute();
    expect(staff).toEqual([{ username: ADMIN.username }]);
  });

  it('refuses unknown keys and non-object input', async () => {
    for (const args of [{ extra: 1 }, 'text', [1, 2], 42]) {
      const result = await dispatch(app, 'auth.me', args, { token });
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });

  it('asks for sign-in without a valid session, and checks roles', async () => {
    expect(await dispatch(app, 'villages.overview', {})).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN', message: '请先登录' } });
    expect(await dispatch(app, 'villages.overview', {}, { token: 'forged' })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });

    const created = await dispatch(app, 'staff.create', { username: 'clerk1', displayName: '内勤乙', password: 'clerk-pass-1', role: 'clerk' }, { token });
    expect(created.ok).toBe(true);
    const login = await dispatch(app, 'auth.login', { username: 'clerk1', password: 'clerk-pass-1' });
    if (!login.ok) throw new Error(login.error.message);
    const clerkToken = (login.value as { token: string }).token;
    const forbidden = await dispatch(app, 'staff.create', { username: 'x2', displayName: '某', password: 'whatever-1', role: 'admin' }, { token: clerkToken });
    expect(forbidden).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '您的角色无权执行此操作' } });
  });

  it('maps unexpected failures to INTERNAL without leaking details', async () => {
    await app.db.destroy(); // the handler's query now fails inside the driver
    const { value: result, logged } = await capturingLog(() => dispatch(app, 'villages.overview', {}, { token }));
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('系统内部错误') } });
    // Printed even under test, where expected failures are not (tests/helpers/quiet-test-logs.ts).
    expect(logged).toMatch(/ ERROR rpc villages\.overview failed: Error: driver has already been destroyed\n {4}at /);
    ({ app } = await signedInAppAgain());
  });

  it('logs nothing under test for an expected failure, so that an unexpected one stands out', async () => {
    const { value, logged } = await capturingLog(async () => [
      await dispatch(app, 'auth.login', { username: 'admin', password: 'wrong-password' }),
      await dispatch(app, 'villages.overview', {}, { token: 'forged' }),
      await dispatch(app, 'staff.create', { username: '' }, { token }),
    ]);
    expect(value.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['LOGIN_FAILED', 'NOT_SIGNED_IN', 'VALIDATION']);
    expect(logged).toBe('');
  });

  it('answers JSON-safe values that survive a round trip unchanged', async () => {
    const result = await dispatch(app, 'villages.overview', {}, { token });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});

// After destroying the DB in one test, reopen so afterEach can close cleanly.
async function signedInAppAgain() {
  tmp.cleanup();
  tmp = makeTempDir();
  return signedInApp(tmp.file('ledger.sqlite'));
}
