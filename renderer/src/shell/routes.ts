/** The app's pages: each feature's routes, combined here in navigation order. */
import { archiveSettingsRoutes } from '../features/archive-settings/routes';
import { archivesRoutes } from '../features/archives/routes';
import { assignmentRoutes } from '../features/assignment/routes';
import { indicatorsRoutes } from '../features/indicators/routes';
import { inspectionsRoutes } from '../features/inspections/routes';
import { importRoutes } from '../features/imports/routes';
import { limitationRoutes } from '../features/limitation/routes';
import { noticeTemplatesRoutes } from '../features/notice-templates/routes';
import { noticesRoutes } from '../features/notices/routes';
import { REGISTER_PATHS } from '../features/register/paths';
import { registerRoutes } from '../features/register/routes';
import { recoverabilityRoutes } from '../features/recoverability/routes';
import { settingsRoutes } from '../features/settings/routes';
import { targetsRoutes } from '../features/targets/routes';
import { villageWorkRoutes } from '../features/village-work/routes';
import { worklistRoutes } from '../features/worklists/routes';
import type { FeatureRoutes, NavEntry, PageMatch } from '../router/route-types';
import { plannedRoutes } from './planned-routes';
import { syncRoutes } from '../features/sync/routes';

const FEATURES: readonly FeatureRoutes[] = [registerRoutes, importRoutes, assignmentRoutes, worklistRoutes, noticesRoutes, limitationRoutes, villageWorkRoutes, recoverabilityRoutes, targetsRoutes, archivesRoutes, inspectionsRoutes, indicatorsRoutes, syncRoutes, plannedRoutes, noticeTemplatesRoutes, archiveSettingsRoutes, settingsRoutes];

export const NAV_ENTRIES: readonly NavEntry[] = FEATURES.flatMap((f) => f.nav);

export const DEFAULT_ROUTE = REGISTER_PATHS.overview;

/** The page for a path, or undefined for an unknown path (the shell then goes to 台账). */
export function matchPage(path: string): PageMatch | undefined {
  for (const feature of FEATURES) {
    const match = feature.match(path);
    if (match) return match;
  }
  return undefined;
}
