import type { FeatureRoutes, NavEntry } from '../../router/route-types';
import { SettingsPage } from './SettingsPage';

const SETTINGS_NAV: NavEntry = { path: '/settings', label: '设置', title: '设置', ready: true };

export const settingsRoutes: FeatureRoutes = {
  nav: [SETTINGS_NAV],
  match: (path) => (path === SETTINGS_NAV.path ? { nav: SETTINGS_NAV, title: SETTINGS_NAV.title, page: <SettingsPage /> } : undefined),
};
