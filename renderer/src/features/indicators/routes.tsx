import type { FeatureRoutes, NavEntry } from '../../router/route-types';
import { IndicatorsPage } from './IndicatorsPage';

export const INDICATORS_NAV: NavEntry = { path: '/indicators', label: '指标', title: '贷后指标', ready: true };

export const indicatorsRoutes: FeatureRoutes = {
  nav: [INDICATORS_NAV],
  match: (path) => (path === INDICATORS_NAV.path ? { nav: INDICATORS_NAV, title: INDICATORS_NAV.title, page: <IndicatorsPage /> } : undefined),
};
