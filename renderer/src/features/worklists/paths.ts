import type { NavEntry } from '../../router/route-types';

/** 工作清单: 到期提示, 逾期 by bucket, 待移交风险资产部. */
export const WORKLISTS_NAV: NavEntry = { path: '/worklists', label: '清单', title: '工作清单', ready: true };
