import type { NavEntry } from '../../router/route-types';

/** 台账: the villages overview; the pages below it keep it highlighted in the navigation. */
export const REGISTER_NAV: NavEntry = { path: '/register', label: '台账', title: '村级概览', ready: true };

/** Pages below 台账 (the import page is the imports feature's). */
export const REGISTER_PATHS = {
  overview: REGISTER_NAV.path,
  import: '/register/import',
  all: '/register/all',
  village: (villageId: string) => `/register/village/${encodeURIComponent(villageId)}`,
} as const;
