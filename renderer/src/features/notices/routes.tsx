import type { FeatureRoutes } from '../../router/route-types';
import { NoticesPage } from './NoticesPage';
import { NOTICES_NAV } from './paths';

export { NOTICES_NAV };

export const noticesRoutes: FeatureRoutes = {
  nav: [NOTICES_NAV],
  match: (path) => (path === NOTICES_NAV.path ? { nav: NOTICES_NAV, title: NOTICES_NAV.title, page: <NoticesPage /> } : undefined),
};
