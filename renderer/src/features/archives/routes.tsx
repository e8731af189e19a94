import type { FeatureRoutes } from '../../router/route-types';
import { ArchivesPage } from './ArchivesPage';
import { ARCHIVES_NAV } from './paths';

export const archivesRoutes: FeatureRoutes = {
  nav: [ARCHIVES_NAV],
  match: (path) => (path === ARCHIVES_NAV.path ? { nav: ARCHIVES_NAV, title: ARCHIVES_NAV.title, page: <ArchivesPage /> } : undefined),
};
