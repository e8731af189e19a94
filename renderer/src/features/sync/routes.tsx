import type { FeatureRoutes, NavEntry } from '../../router/route-types';
import { SyncPage } from './SyncPage';

export const SYNC_NAV: NavEntry = { path: '/sync', label: '同步', title: '与总行同步', ready: true };

export const syncRoutes: FeatureRoutes = {
  nav: [SYNC_NAV],
  match: (path) => (path === SYNC_NAV.path ? { nav: SYNC_NAV, title: SYNC_NAV.title, page: <SyncPage /> } : undefined),
};
