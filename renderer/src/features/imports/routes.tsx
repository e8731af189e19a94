import type { FeatureRoutes } from '../../router/route-types';
import { REGISTER_NAV, REGISTER_PATHS } from '../register/paths';
import { ImportPage } from './ImportPage';

/** 导入核心系统文件, a page below 台账: no navigation entry of its own. */
export const importRoutes: FeatureRoutes = {
  nav: [],
  match: (path) => (path === REGISTER_PATHS.import ? { nav: REGISTER_NAV, title: '导入核心系统文件', page: <ImportPage /> } : undefined),
};
