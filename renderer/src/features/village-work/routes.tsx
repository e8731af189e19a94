import type { FeatureRoutes, NavEntry } from '../../router/route-types';
import { VillageWorkPage } from './VillageWorkPage';

export const VILLAGE_WORK_NAV: NavEntry = { path: '/village-work', label: '驻村', title: '驻村工作', ready: true };

/** 驻村工作: villages not visited in half a year; each village's cadres and visits. */
export const villageWorkRoutes: FeatureRoutes = {
  nav: [VILLAGE_WORK_NAV],
  match: (path) => (path === VILLAGE_WORK_NAV.path ? { nav: VILLAGE_WORK_NAV, title: VILLAGE_WORK_NAV.title, page: <VillageWorkPage /> } : undefined),
};
