import type { NavEntry } from '../../router/route-types';

/** 通知书: batch issue, the notice register with receipt scanning, and 本月未发催收. */
export const NOTICES_NAV: NavEntry = { path: '/notices', label: '通知书', title: '催收通知书', ready: true };
