import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SessionUser, SetupStatus } from '../../electron/shared/api/auth';
import { call, hasSessionToken, setSessionToken } from './api/client';
import { LoginPage } from './features/auth/LoginPage';
import { SetupPage } from './features/setup/SetupPage';
import { isSessionExpired, SessionContext, type Session } from './session/session';
import { Shell } from './shell/Shell';
import { errorMessage } from './ui/errors';

type AppState =
  | { kind: 'loading' }
  | { kind: 'unreachable'; message: string }
  | { kind: 'setup' }
  | { kind: 'login'; notice?: string; username?: string }
  | { kind: 'signed-in'; user: SessionUser };

/**
 * Startup: setup.status → first-run setup, or a stored token → auth.me, or login.
 * The signed-in user lives in React state and is handed down through SessionContext.
 */
/** What the app shows at startup: setup.status, then auth.me when a token is stored. */
async function startup(): Promise<{ state: AppState; status?: SetupStatus }> {
  let status: SetupStatus;
  try {
    status = await call('setup.status', {});
  } catch (err) {
    return { state: { kind: 'unreachable', message: errorMessage(err) } };
  }
  if (!status.initialized) return { state: { kind: 'setup' }, status };
  if (hasSessionToken()) {
    try {
      return { state: { kind: 'signed-in', user: await call('auth.me', {}) }, status };
    } catch {
      setSessionToken(null);
    }
  }
  return { state: { kind: 'login' }, status };
}

export function App() {
  const [state, setState] = useState<AppState>({ kind: 'loading' });
  const [status, setStatus] = useState<SetupStatus | null>(null);

  // Runs at startup (state is 'loading' then) and from 重试, which sets 'loading' first.
  const start = useCallback(() => {
    void startup().then((next) => {
      if (next.status) setStatus(next.status);
      setState(next.state);
    });
  }, []);

  useEffect(start, [start]);

  const afterSetup = useCallback(async (username: string) => {
    setStatus(await call('setup.status', {}).catch(() => null));
    setState({ kind: 'login', username, notice: '初始设置已完成，请用管理员账号登录。' });
  }, []);

  const session = useMemo<Session | null>(() => {
    if (state.kind !== 'signed-in') return null;
    return {
      user: state.user,
      branch: { code: status?.branchCode ?? null, name: status?.branchName ?? null },
      async signOut() {
        await call('auth.logout', {}).catch(() => undefined);
        setSessionToken(null);
        setState({ kind: 'login', username: state.user.username });
      },
      handleSessionError(err) {
        if (!isSessionExpired(err)) return false;
        setSessionToken(null);
        setState({ kind: 'login', username: state.user.username, notice: '登录已失效，请重新登录。' });
        return true;
      },
    };
  }, [state, status]);

  switch (state.kind) {
    case 'loading':
      return <div className="splash">正在启动…</div>;
    case 'unreachable':
      return (
        <div className="splash">
          <div className="form">
            <div className="alert alert-error" role="alert">
              {state.message}
            </div>
            <button
              type="button"
              className="btn"
              onClick={() => {
                setState({ kind: 'loading' });
                start();
              }}
            >
              重试
            </button>
          </div>
        </div>
      );
    case 'setup':
      return <SetupPage onDone={(username) => void afterSetup(username)} />;
    case 'login':
      return (
        <LoginPage
          key={state.notice ?? 'login'}
          branchName={status?.branchName ?? null}
          notice={state.notice}
          initialUsername={state.username}
          onSignedIn={(user) => setState({ kind: 'signed-in', user })}
        />
      );
    case 'signed-in':
      return (
        <SessionContext.Provider value={session}>
          <Shell />
        </SessionContext.Provider>
      );
  }
}
