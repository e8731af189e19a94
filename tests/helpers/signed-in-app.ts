import { createAppContext, type AppContext, type AppContextOptions } from '../../electron/backend/app-context';
import { dispatch } from '../../electron/backend/rpc/dispatch';

export const ADMIN = { username: 'admin', password: 'admin-pass-1', displayName: '管理员甲' };

/** A migrated app on a real file with the first admin set up (unless it already is) and signed in. */
export async function signedInApp(
  dbPath: string,
  opts: AppContextOptions = {},
  branchCode = '880110',
): Promise<{ app: AppContext; token: string; call: (name: string, args?: unknown) => Promise<unknown> }> {
  const app = await createAppContext(dbPath, opts);
  const status = await dispatch(app, 'setup.status', {});
  if (status.ok && !(status.value as { initialized: boolean }).initialized) {
    const init = await dispatch(app, 'setup.init', { branchCode, branchName: '林家坪支行', admin: ADMIN });
    if (!init.ok) throw new Error(init.error.message);
  }
  const login = await dispatch(app, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
  if (!login.ok) throw new Error(login.error.message);
  const token = (login.value as { token: string }).token;
  const call = async (name: string, args: unknown = {}) => {
    const result = await dispatch(app, name, args, { token });
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.value;
  };
  return { app, token, call };
}
