import { useSyncExternalStore } from 'react';

/**
 * A tiny hash router: the page lives in location.hash (`#/register`), so a reload keeps it and
 * the Electron window (loaded from file://) needs no server-side routing.
 */

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function currentPath(): string {
  const raw = window.location.hash.replace(/^#/, '');
  const path = raw.split('?')[0] ?? '';
  return path.startsWith('/') ? path : `/${path}`;
}

/** The current route path, e.g. "/register"; "/" when there is no hash. */
export function useHashPath(): string {
  return useSyncExternalStore(subscribe, currentPath);
}

/** The href for a route path, e.g. routeHref('/settings') → "#/settings". */
export function routeHref(path: string): string {
  return `#${path}`;
}

export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  const href = routeHref(path);
  if (opts.replace) {
    history.replaceState(null, '', href);
    // replaceState does not fire hashchange; tell our subscribers ourselves.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = href;
  }
}
