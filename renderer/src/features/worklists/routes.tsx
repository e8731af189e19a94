import type { FeatureRoutes } from '../../router/route-types';
import { WORKLISTS_NAV } from './paths';
import { WorklistsPage } from './WorklistsPage';

/** 工作清单: one page, a tab per list and overdue bucket. */
export const worklistRoutes: FeatureRoutes = {
  nav: [WORKLISTS_NAV],
  match: (path) => (path === WORKLISTS_NAV.path ? { nav: WORKLISTS_NAV, title: WORKLISTS_NAV.title, page: <WorklistsPage /> } : undefined),
};
