import type { FeatureRoutes, NavEntry } from '../../router/route-types';
import { LimitationPage } from './LimitationPage';

export const LIMITATION_NAV: NavEntry = { path: '/limitation', label: '诉讼时效', title: '诉讼时效', ready: true };

export const limitationRoutes: FeatureRoutes = {
  nav: [LIMITATION_NAV],
  match: (path) => (path === LIMITATION_NAV.path ? { nav: LIMITATION_NAV, title: LIMITATION_NAV.title, page: <LimitationPage /> } : undefined),
};
