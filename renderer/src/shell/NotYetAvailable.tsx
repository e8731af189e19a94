import type { NavEntry } from '../router/route-types';

/** What a page that is not built yet shows — said plainly. */
export function NotYetAvailable({ route }: { route: NavEntry }) {
  return (
    <div className="page">
      <div className="page-header">
        <h1>{route.title}</h1>
      </div>
      <div className="panel placeholder" data-testid="not-yet-available">
        此功能尚未开放：将在后续版本提供 {route.label} 功能。
      </div>
    </div>
  );
}
