import type { RegisterQuery, RegisterSums } from '../../shared/api/register';
import { tablesVersion } from '../changelog/table-versions';
import type { ReadDb } from '../db/read-db';

export type ViewTotals = { loans: number } & RegisterSums;

/** What a view's rows are chosen by (its filters reach borrowers, villages, phones and managers): while none of these changes, neither do its totals. */
const VIEW_TABLES = ['loans', 'borrowers', 'villages', 'borrower_phones', 'loan_assignments', 'staff'];
/** A few views a user moves between (the book, a village, a filter or two). */
const KEPT_MAX = 32;

const kept = new WeakMap<ReadDb, { version: number; totals: Map<string, ViewTotals> }>();

/**
 * A view's count and sums, kept per database until one of its tables changes. The grid asks for
 * them with every page, and a new order or the next page of the same view does not change them:
 * on a county's book counting and summing the view is most of a page's work (~60 ms of ~75).
 * `trx` is a read transaction on `db`: the version and the count are of one snapshot.
 */
export async function keptViewTotals(db: ReadDb, trx: ReadDb, q: RegisterQuery, count: (db: ReadDb, q: RegisterQuery) => Promise<ViewTotals>): Promise<ViewTotals> {
  const version = await tablesVersion(trx, VIEW_TABLES);
  let entry = kept.get(db);
  if (!entry || entry.version !== version) {
    entry = { version, totals: new Map() };
    kept.set(db, entry);
  }
  const key = JSON.stringify([q.villageId ?? null, q.includeSettled, q.filter]);
  const hit = entry.totals.get(key);
  if (hit) return hit;
  const totals = await count(trx, q);
  if (entry.totals.size >= KEPT_MAX) entry.totals.delete(entry.totals.keys().next().value!);
  entry.totals.set(key, totals);
  return totals;
}
