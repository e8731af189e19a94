/** The app's pages, in navigation order. `ready: false` pages show a plain "not yet available" note. */
export interface RouteDef {
  path: string;
  label: string;
  title: string;
  ready: boolean;
}

export const ROUTES: readonly RouteDef[] = [
  { path: '/register', label: '台账', title: '村级概览', ready: true },
  { path: '/assignment', label: '分配', title: '管户分配', ready: false },
  { path: '/collection', label: '催收', title: '催收登记', ready: false },
  { path: '/notices', label: '通知书', title: '催收通知书', ready: false },
  { path: '/archives', label: '档案', title: '信贷档案', ready: false },
  { path: '/sync', label: '同步', title: '与总行同步', ready: false },
  { path: '/settings', label: '设置', title: '设置', ready: true },
];

export const DEFAULT_ROUTE = '/register';

/** Pages below 台账 (they keep 台账 highlighted in the navigation). */
export const REGISTER_PATHS = {
  overview: '/register',
  import: '/register/import',
  all: '/register/all',
  village: (villageId: string) => `/register/village/${encodeURIComponent(villageId)}`,
} as const;

/** What the current hash path shows: a navigation entry and, under 台账, which of its pages. */
export type PageMatch =
  | { route: RouteDef; page: 'route'; title: string }
  | { route: RouteDef; page: 'import'; title: string }
  | { route: RouteDef; page: 'register-all'; title: string }
  | { route: RouteDef; page: 'register-village'; villageId: string; title: string };

export function findRoute(path: string): RouteDef | undefined {
  return ROUTES.find((r) => r.path === path);
}

/** The page for a path, or undefined for an unknown path (the shell then goes to 台账). */
export function matchPage(path: string): PageMatch | undefined {
  const route = findRoute(path);
  if (route) return { route, page: 'route', title: route.title };
  const register = findRoute('/register')!;
  if (path === REGISTER_PATHS.import) return { route: register, page: 'import', title: '导入核心系统文件' };
  if (path === REGISTER_PATHS.all) return { route: register, page: 'register-all', title: '全部贷款' };
  const village = /^\/register\/village\/([^/]+)$/.exec(path);
  if (village) {
    let villageId: string;
    try {
      villageId = decodeURIComponent(village[1]);
    } catch {
      return undefined;
    }
    return { route: register, page: 'register-village', villageId, title: '分村贷款清册' };
  }
  return undefined;
}
