import { useEffect, useMemo, useState } from 'react';
import { ROLE_LABELS } from '../../../electron/shared/domain';
import { navigate, useHashPath } from '../router/hash-router';
import { useSession } from '../session/session';
import { HouseholdPanel } from '../features/household/HouseholdPanel';
import { createChangeHub, HouseholdPanelContext, type HouseholdPanelApi } from '../features/household/household-context';
import { GlobalSearch } from '../features/search/GlobalSearch';
import { DEFAULT_ROUTE, matchPage } from './routes';
import { NavBar } from './NavBar';
import { DataAsOf } from './DataAsOf';
import { MyPhone } from './MyPhone';
import { WriteWaiting } from './WriteWaiting';
import { ImportWritingBanner } from '../features/imports/ImportWritingBanner';

/**
 * The signed-in frame: header (branch, 数据截至, search, user, 退出登录), left navigation, the current page,
 * and the household panel over it.
 */
export function Shell() {
  const { user, branch, signOut } = useSession();
  const path = useHashPath();
  const match = matchPage(path);
  const title = match?.title;
  const [householdId, setHouseholdId] = useState<string | null>(null);

  const panel = useMemo<HouseholdPanelApi>(() => {
    const hub = createChangeHub();
    return {
      open: (id) => setHouseholdId(id),
      close: () => setHouseholdId(null),
      notifyChanged: hub.emit,
      onChanged: hub.subscribe,
    };
  }, []);

  useEffect(() => {
    if (!match) navigate(DEFAULT_ROUTE, { replace: true });
  }, [match]);

  useEffect(() => {
    document.title = title ? `${title} - 支行贷后台账` : '支行贷后台账';
  }, [title]);

  return (
    <HouseholdPanelContext.Provider value={panel}>
      <div className="shell">
        <header className="app-header">
          <span className="app-title">支行贷后台账</span>
          <span className="app-branch" data-testid="branch-name">
            {branch.name ?? '未设置机构名称'}
            {branch.code ? <span className="muted">（{branch.code}）</span> : null}
          </span>
          <DataAsOf />
          <GlobalSearch />
          <div className="app-user">
            <span data-testid="current-user">{user.displayName}</span>
            <span className="role-tag">{ROLE_LABELS[user.role]}</span>
            <MyPhone />
            <button type="button" className="btn" onClick={() => void signOut()}>
              退出登录
            </button>
          </div>
        </header>
        <div className="shell-banners">
          <WriteWaiting />
          <ImportWritingBanner />
        </div>
        <NavBar current={match?.nav.path ?? null} />
        <main className="app-main">{match?.page ?? null}</main>
        {householdId ? <HouseholdPanel key={householdId} borrowerId={householdId} onClose={panel.close} /> : null}
      </div>
    </HouseholdPanelContext.Provider>
  );
}
