import type { FeatureRoutes, NavEntry } from '../router/route-types';
import { NotYetAvailable } from './NotYetAvailable';

/** Features to come: listed in the navigation now, each showing a plain "not yet available" page. */
const PLANNED: readonly NavEntry[] = [];

export const plannedRoutes: FeatureRoutes = {
  nav: PLANNED,
  match(path) {
    const nav = PLANNED.find((r) => r.path === path);
    return nav ? { nav, title: nav.title, page: <NotYetAvailable route={nav} /> } : undefined;
  },
};
