import type { ReactNode } from 'react';

/** One link in the left navigation. A `ready: false` entry shows a plain "not yet available" page. */
export interface NavEntry {
  path: string;
  label: string;
  title: string;
  ready: boolean;
}

/** What the current path shows: the page, its title, and the navigation entry it keeps highlighted. */
export interface PageMatch {
  nav: NavEntry;
  title: string;
  page: ReactNode;
}

/** What a feature adds to the app: its navigation entries and the pages it shows. */
export interface FeatureRoutes {
  nav: readonly NavEntry[];
  /** The page for `path`, or undefined when the path is not this feature's. */
  match(path: string): PageMatch | undefined;
}
