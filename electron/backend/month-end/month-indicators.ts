import type { IndicatorMonth, IndicatorsByManager } from '../../shared/api/indicators';
import type { ReadDb } from '../db/read-db';
import { indicatorMonth, indicatorsByManager } from '../indicators/indicator-month';

/** The indicators of the month as the indicators page computes them: the branch's (or one manager's) and managers side by side. */
export async function monthIndicators(db: ReadDb, month: string, managerId?: string): Promise<{ month: IndicatorMonth; byManager: IndicatorsByManager | null }> {
  if (managerId !== undefined) return { month: await indicatorMonth(db, month, managerId), byManager: null };
  const [branch, byManager] = [await indicatorMonth(db, month), await indicatorsByManager(db, month)];
  return { month: branch, byManager };
}
