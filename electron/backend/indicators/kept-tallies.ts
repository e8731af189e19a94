import { tablesVersion } from '../changelog/table-versions';
import type { ReadDb } from '../db/read-db';
import { monthTallies, type MonthTallies } from './month-tallies';

/** What a month's figures are read from: while none of these tables changes, neither do they. */
const TALLY_TABLES = ['loan_snapshots', 'loans', 'borrowers', 'loan_assignments', 'inspection_tasks', 'inspections', 'spot_checks', 'staff'];
/** A trend of three years and a few filters. */
const KEPT_MAX = 48;

const kept = new WeakMap<ReadDb, { version: number; months: Map<string, MonthTallies> }>();

/**
 * A month's tallies, kept per database until one of their tables changes: the page asks for the
 * month, the managers side by side, the trend and a drill of the same month one after another,
 * and on a county book each month is seconds of work. `trx` is a read transaction on `db`.
 */
export async function keptMonthTallies(db: ReadDb, trx: ReadDb, month: string, villageId?: string): Promise<MonthTallies> {
  const version = await tablesVersion(trx, TALLY_TABLES);
  let entry = kept.get(db);
  if (!entry || entry.version !== version) {
    entry = { version, months: new Map() };
    kept.set(db, entry);
  }
  const key = `${month}|${villageId ?? ''}`;
  const hit = entry.months.get(key);
  if (hit) return hit;
  const tallies = await monthTallies(db, trx, month, villageId);
  if (entry.months.size >= KEPT_MAX) entry.months.delete(entry.months.keys().next().value!);
  entry.months.set(key, tallies);
  return tallies;
}
