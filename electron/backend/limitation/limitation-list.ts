import type { LimitationListQuery, LimitationPage } from '../../shared/api/limitation';
import { todayLocal } from '../../shared/dates';
import { tablesVersion } from '../changelog/table-versions';
import { readTransaction, type ReadDb } from '../db/read-db';
import { clockOrderSql, clockRows, type ClockFilter } from './clock-query';

/** What the clocks and a filter's list are read from: while none of these changes, neither does the list's order. */
const CLOCK_TABLES = ['loans', 'borrowers', 'loan_assignments', 'limitation_events', 'notices', 'legal_steps', 'loan_snapshots', 'imports'];

/**
 * 全部 on a county's book works out every loan's clock to put them in order (seconds): the
 * order, as loan ids, is kept per database for the last filter read, so that each further page
 * works out only its own loans' clocks.
 */
const kept = new WeakMap<ReadDb, { version: number; key: string; ids: string[] }>();

/** One page of the limitation list; the as-of date is today unless asked. */
export async function limitationPage(db: ReadDb, q: LimitationListQuery): Promise<LimitationPage> {
  const asOf = q.asOf ?? todayLocal();
  const { offset, limit, ...rest } = q;
  const filter: ClockFilter = { ...rest, asOf };
  return readTransaction(db, async (trx) => {
    const ids = await listOrder(db, trx, filter);
    const pageIds = ids.slice(offset, offset + limit);
    const { rows } = pageIds.length === 0 ? { rows: [] } : await clockRows(trx, { ...filter, loanIds: pageIds }, null);
    return { asOf, withinDays: q.withinDays, rows, count: ids.length };
  });
}

async function listOrder(db: ReadDb, trx: ReadDb, filter: ClockFilter): Promise<string[]> {
  const version = await tablesVersion(trx, CLOCK_TABLES);
  const key = JSON.stringify([filter.asOf, filter.withinDays, filter.show, filter.managerId, filter.villageId, filter.text]);
  const cached = kept.get(db);
  if (cached && cached.version === version && cached.key === key) return cached.ids;
  const { rows } = await clockOrderSql(filter).execute(trx);
  const ids = rows.map((r) => r.loanId);
  kept.set(db, { version, key, ids });
  return ids;
}
