import { sql } from 'kysely';
import { BUCKET_DAYS, OVERDUE_BUCKETS, type OverdueBucket } from '../../shared/api/worklists';
import type { ReadDb } from '../db/read-db';
import type { RowImage } from './changed-rows';

/** The branch's book on an import's as-of date, as head office's report reads it. */
export interface ImportBook {
  loans: number;
  balanceFen: number;
  overdueLoans: number;
  overdueBalanceFen: number;
  /** Overdue loans by principal overdue days, as the 逾期贷款 worklist buckets them. */
  buckets: Record<OverdueBucket, { loans: number; balanceFen: number }>;
}

type BookRow = { as_of: string; loans: number; balance_fen: number | null } & Record<string, number | null>;

const bucketCondition = (b: OverdueBucket) => {
  const { min, max } = BUCKET_DAYS[b];
  return max === null ? `principal_overdue_days >= ${min}` : `principal_overdue_days between ${min} and ${max}`;
};

// Built from the bucket table, so that the report buckets as the worklist does. The column
// aliases are the bucket's index: '1-30' is no SQL name.
const BUCKET_SUMS = sql.raw(
  OVERDUE_BUCKETS.map((b, i) => `sum(${bucketCondition(b)}) as b${i}_loans, sum(case when ${bucketCondition(b)} then balance_fen else 0 end) as b${i}_fen`).join(',\n    '),
);

/**
 * The book (active loans) on each of these as-of dates, from their snapshots: one grouped read,
 * each date a range of the covering index loan_snapshots_history (as_of first, the figures in it),
 * so no loan row is visited. A date without snapshots has an empty book.
 */
export async function booksOn(trx: ReadDb, asOfs: readonly string[]): Promise<Map<string, ImportBook>> {
  const { rows } = await sql<BookRow>`
    select as_of, count(*) as loans, sum(balance_fen) as balance_fen,
      sum(principal_overdue_days > 0) as overdue_loans,
      sum(case when principal_overdue_days > 0 then balance_fen else 0 end) as overdue_fen,
      ${BUCKET_SUMS}
    from loan_snapshots indexed by loan_snapshots_history
    where as_of in (select value from json_each(${JSON.stringify([...new Set(asOfs)])})) and status = 'active'
    group by as_of`.execute(trx);
  const books = new Map<string, ImportBook>(asOfs.map((d) => [d, emptyBook()]));
  for (const r of rows) {
    books.set(r.as_of, {
      loans: Number(r.loans),
      balanceFen: Number(r.balance_fen ?? 0),
      overdueLoans: Number(r.overdue_loans ?? 0),
      overdueBalanceFen: Number(r.overdue_fen ?? 0),
      buckets: Object.fromEntries(OVERDUE_BUCKETS.map((b, i) => [b, { loans: Number(r[`b${i}_loans`] ?? 0), balanceFen: Number(r[`b${i}_fen`] ?? 0) }])) as ImportBook['buckets'],
    });
  }
  return books;
}

function emptyBook(): ImportBook {
  return { loans: 0, balanceFen: 0, overdueLoans: 0, overdueBalanceFen: 0, buckets: Object.fromEntries(OVERDUE_BUCKETS.map((b) => [b, { loans: 0, balanceFen: 0 }])) as ImportBook['buckets'] };
}

/** sync-tables' `extend` for imports: each import's row image carries the book on its as-of date. */
export async function importBooks(trx: ReadDb, rows: readonly RowImage[]): Promise<Map<string, ImportBook>> {
  const books = await booksOn(trx, rows.map((r) => String(r.as_of)));
  return new Map(rows.map((r) => [String(r.id), books.get(String(r.as_of))!]));
}
