import { useEffect } from 'react';
import { ROLE_LABELS } from '../../../electron/shared/domain';
import { navigate, useHashPath } from '../router/hash-router';
import { useSession } from '../session/session';
import { VillagesOverviewPage } from '../features/register/VillagesOverviewPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { DEFAULT_ROUTE, findRoute, type RouteDef } from './routes';
import { NavBar } from './NavBar';
import { NotYetAvailable } from './NotYetAvailable';

/** The signed-in frame: header (branch, user, 退出登录), left navigation, the current page. */
export function Shell() {
  const { user, branch, signOut } = useSession();
  const path = useHashPath();
  const route = findRoute(path);

  useEffect(() => {
    if (!route) navigate(DEFAULT_ROUTE, { replace: true });
  }, [route]);

  useEffect(() => {
    document.title = route ? `${route.title} - 支行贷后台账` : '支行贷后台账';
  }, [route]);

  return (
    <div className="shell">
      <header className="app-header">
        <span className="app-title">支行贷后台账</span>
        <span className="app-branch" data-testid="branch-name">
          {branch.name ?? '未设置机构名称'}
          {branch.code ? <span className="muted">（{branch.code}）</span> : null}
        </span>
        <div className="app-user">
          <span data-testid="current-user">{user.displayName}</span>
          <span className="role-tag">{ROLE_LABELS[user.role]}</span>
          <button type="button" className="btn" onClick={() => void signOut()}>
            退出登录
          </button>
        </div>
      </header>
      <NavBar current={route?.path ?? null} />
      <main className="app-main">{route ? <Page route={route} /> : null}</main>
    </div>
  );
}

function Page({ route }: { route: RouteDef }) {
  switch (route.path) {
    case '/register':
      return <VillagesOverviewPage />;
    case '/settings':
      return <SettingsPage />;
    default:
      return <NotYetAvailable route={route} />;
  }
}
