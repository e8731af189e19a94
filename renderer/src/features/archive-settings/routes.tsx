import type { FeatureRoutes, NavEntry } from '../../router/route-types';
import { ArchiveSettingsPage } from './ArchiveSettingsPage';

export const ARCHIVE_SETTINGS_NAV: NavEntry = { path: '/archive-settings', label: '档案设置', title: '信贷档案设置', ready: true };

export const archiveSettingsRoutes: FeatureRoutes = {
  nav: [ARCHIVE_SETTINGS_NAV],
  match: (path) => (path === ARCHIVE_SETTINGS_NAV.path ? { nav: ARCHIVE_SETTINGS_NAV, title: ARCHIVE_SETTINGS_NAV.title, page: <ArchiveSettingsPage /> } : undefined),
};
