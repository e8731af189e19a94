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

export function findRoute(path: string): RouteDef | undefined {
  return ROUTES.find((r) => r.path === path);
}
