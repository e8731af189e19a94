import { todayLocal } from '../../shared/dates';
import type { HqDb } from './hq-db';

/**
 * Files still at a branch whose hand-over deadline has passed, by the app's today (the PC's date):
 * not by the PostgreSQL server's, whose time zone may not be China's (migration 0030).
 */
export function handoversPastDeadline(db: HqDb) {
  return db.selectFrom('hq_handovers_at_branch').where('due_on', '<', todayLocal());
}
