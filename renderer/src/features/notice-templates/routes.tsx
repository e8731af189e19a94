import type { FeatureRoutes, NavEntry } from '../../router/route-types';
import { NoticeTemplatesPage } from './NoticeTemplatesPage';

export const NOTICE_TEMPLATES_NAV: NavEntry = { path: '/notice-templates', label: '通知书模板', title: '通知书模板与抬头', ready: true };

export const noticeTemplatesRoutes: FeatureRoutes = {
  nav: [NOTICE_TEMPLATES_NAV],
  match: (path) => (path === NOTICE_TEMPLATES_NAV.path ? { nav: NOTICE_TEMPLATES_NAV, title: NOTICE_TEMPLATES_NAV.title, page: <NoticeTemplatesPage /> } : undefined),
};
