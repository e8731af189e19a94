import type { FeatureRoutes, NavEntry } from '../../router/route-types';
import { RecoverabilityPage } from './RecoverabilityPage';

export const RECOVERABILITY_NAV: NavEntry = { path: '/recoverability', label: '不良', title: '不良贷款可回收性', ready: true };

export const recoverabilityRoutes: FeatureRoutes = {
  nav: [RECOVERABILITY_NAV],
  match: (path) => (path === RECOVERABILITY_NAV.path ? { nav: RECOVERABILITY_NAV, title: RECOVERABILITY_NAV.title, page: <RecoverabilityPage /> } : undefined),
};
