import type { NavEntry } from '../../router/route-types';

/** 档案: the loan files' checklists, review, hand-over batches to head office and receipts. */
export const ARCHIVES_NAV: NavEntry = { path: '/archives', label: '档案', title: '信贷档案', ready: true };
