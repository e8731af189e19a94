import type { FeatureRoutes, NavEntry } from '../../router/route-types';
import { TargetsPage } from './TargetsPage';

export const TARGETS_NAV: NavEntry = { path: '/targets', label: '业绩', title: '业绩排名', ready: true };

/** 业绩排名: monthly targets per manager and the month's ranking (按月公布业绩). */
export const targetsRoutes: FeatureRoutes = {
  nav: [TARGETS_NAV],
  match: (path) => (path === TARGETS_NAV.path ? { nav: TARGETS_NAV, title: TARGETS_NAV.title, page: <TargetsPage /> } : undefined),
};
