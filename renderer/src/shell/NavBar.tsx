import { routeHref } from '../router/hash-router';
import { NAV_ENTRIES } from './routes';

/** The left navigation: one link per page; pages not built yet are marked 未开放. */
export function NavBar({ current }: { current: string | null }) {
  return (
    <nav className="app-nav" aria-label="主导航">
      {NAV_ENTRIES.map((r) => (
        <a key={r.path} href={routeHref(r.path)} aria-current={r.path === current ? 'page' : undefined}>
          {r.label}
          {r.ready ? null : <span className="nav-hint">未开放</span>}
        </a>
      ))}
    </nav>
  );
}
