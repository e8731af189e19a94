import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeAppContext, type AppContext } from '../../../electron/backend/app-context';
import { dispatch } from '../../../electron/backend/rpc/dispatch';
import { capturingLog } from '../../helpers/captured-log';
import { signedInApp } from '../../helpers/signed-in-app';
import { makeTempDir } from '../../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let app: AppContext;
let token: string;

beforeEach(async () => {
  tmp = makeTempDir();
  ({ app, token } = await signedInApp(tmp.file('ledger.sqlite')));
});
afterEach(async () => {
  await closeAppContext(app).catch(() => undefined); // one test closes the database itself
  tmp.cleanup();
});

// As the tests run (tests/helpers/quiet-test-logs.ts): expected failures print nothing, so that
// an unexpected one stands out.
describe('what a failed call logs under test', () => {
  it('nothing for an expected failure', async () => {
    const { value, logged } = await capturingLog(async () => [
      await dispatch(app, 'auth.login', { username: 'admin', password: 'wrong-password' }),
      await dispatch(app, 'villages.overview', {}, { token: 'forged' }),
      await dispatch(app, 'staff.create', { username: '' }, { token }),
    ]);
    expect(value.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['LOGIN_FAILED', 'NOT_SIGNED_IN', 'VALIDATION']);
    expect(logged).toBe('');
  });

  it('the error and its stack for an unexpected one', async () => {
    await app.db.destroy(); // the handler's query now fails inside the driver
    const { value, logged } = await capturingLog(() => dispatch(app, 'villages.overview', {}, { token }));
    expect(value).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(logged).toMatch(/ ERROR rpc villages\.overview failed: Error: driver has already been destroyed\n {4}at /);
  });
});
