import type { FeatureRoutes, NavEntry } from '../../router/route-types';
import { ArchiveSettingsPage } from './ArchiveSettingsPage';

// The label names neither 档案 nor 设置: a link named by either word (nav('设置') in the e2e flows) must stay one link.
export const ARCHIVE_SETTINGS_NAV: NavEntry = { path: '/archive-settings', label: '归档规则', title: '信贷档案设置', ready: true };

export const archiveSettingsRoutes: FeatureRoutes = {
  nav: [ARCHIVE_SETTINGS_NAV],
  match: (path) => (path === ARCHIVE_SETTINGS_NAV.path ? { nav: ARCHIVE_SETTINGS_NAV, title: ARCHIVE_SETTINGS_NAV.title, page: <ArchiveSettingsPage /> } : undefined),
};
