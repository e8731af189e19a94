import type { FeatureRoutes, NavEntry } from '../../router/route-types';
import { InspectionsPage } from './InspectionsPage';

export const INSPECTIONS_NAV: NavEntry = { path: '/inspections', label: '贷后检查', title: '贷后检查与抽查', ready: true };

export const inspectionsRoutes: FeatureRoutes = {
  nav: [INSPECTIONS_NAV],
  match: (path) => (path === INSPECTIONS_NAV.path ? { nav: INSPECTIONS_NAV, title: INSPECTIONS_NAV.title, page: <InspectionsPage /> } : undefined),
};
