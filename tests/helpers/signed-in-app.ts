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
  return { app, token, call: callsWith(app, token) };
}

/** A call through the dispatcher with a session: the answer's value, or an Error carrying the answer's code. */
export type Call = (name: string, args?: unknown) => Promise<any>;

function callsWith(app: AppContext, token: string): Call {
  return async (name, args = {}) => {
    const result = await dispatch(app, name, args, { token });
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.value;
  };
}

/** Signs a staff member in (the tests' logins use 'pass-word-1') and calls as them. */
export async function signInAs(app: AppContext, username: string, password = 'pass-word-1'): Promise<Call> {
  const login = await dispatch(app, 'auth.login', { username, password });
  if (!login.ok) throw new Error(login.error.message);
  return callsWith(app, (login.value as { token: string }).token);
}
