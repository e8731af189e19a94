import { describe, expect, it } from 'vitest';
import { closeAppContext } from '../../../electron/backend/app-context';
import { dispatch } from '../../../electron/backend/rpc/dispatch';
import { capturingLog } from '../../helpers/captured-log';
import { signedInApp } from '../../helpers/signed-in-app';
import { makeTempDir } from '../../helpers/temp-dir';

describe('dispatch while the app closes', () => {
  it('answers a call the closing app cut short with APP_CLOSING in Chinese, not as an internal error (nothing logged as ERROR)', async () => {
    const tmp = makeTempDir();
    try {
      const { app, token } = await signedInApp(tmp.file('ledger.sqlite'));
      // A call in flight when the window quits (or an e2e test ends), and one that comes after.
      const inFlight = dispatch(app, 'villages.overview', {}, { token });
      const closed = closeAppContext(app);
      const { value: results, logged } = await capturingLog(async () => [await inFlight, await dispatch(app, 'register.household', { borrowerId: 'b1' }, { token })]);
      await closed;
      const late = results[1];
      expect(late).toMatchObject({ ok: false, error: { code: 'APP_CLOSING', message: '程序正在关闭，操作未完成。' } });
      expect(results[0].ok || (!results[0].ok && results[0].error.code === 'APP_CLOSING')).toBe(true);
      expect(logged).not.toMatch(/ERROR/);
    } finally {
      tmp.cleanup();
    }
  });
});
