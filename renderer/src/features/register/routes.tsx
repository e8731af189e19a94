import type { FeatureRoutes } from '../../router/route-types';
import { REGISTER_NAV, REGISTER_PATHS } from './paths';
import { RegisterPage } from './RegisterPage';
import { VillagesOverviewPage } from './VillagesOverviewPage';

/** 台账: the villages overview, all loans, and a village's register (分村贷款清册). */
export const registerRoutes: FeatureRoutes = {
  nav: [REGISTER_NAV],
  match(path) {
    if (path === REGISTER_PATHS.overview) return { nav: REGISTER_NAV, title: REGISTER_NAV.title, page: <VillagesOverviewPage /> };
    if (path === REGISTER_PATHS.all) return { nav: REGISTER_NAV, title: '全部贷款', page: <RegisterPage villageId={null} /> };
    const village = /^\/register\/village\/([^/]+)$/.exec(path);
    if (!village) return undefined;
    let villageId: string;
    try {
      villageId = decodeURIComponent(village[1]);
    } catch {
      return undefined;
    }
    return { nav: REGISTER_NAV, title: '分村贷款清册', page: <RegisterPage key={villageId} villageId={villageId} /> };
  },
};
