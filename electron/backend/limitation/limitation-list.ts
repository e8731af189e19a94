import { sql } from 'kysely';
import type { LimitationListQuery, LimitationPage } from '../../shared/api/limitation';
import { todayLocal } from '../../shared/dates';
import type { ReadDb } from '../db/read-db';
import { clockRows, clockSql } from './clock-query';

/** One page of the limitation list; the as-of date is today unless asked. */
export async function limitationPage(db: ReadDb, q: LimitationListQuery): Promise<LimitationPage> {
  const asOf = q.asOf ?? todayLocal();
  const filter = { ...q, asOf };
  const { rows, count } = await clockRows(db, filter, { offset: q.offset, limit: q.limit });
  // A page past the end has no row to carry the count.
  const total = count ?? (q.offset === 0 ? 0 : await countAll(db, filter));
  return { asOf, withinDays: q.withinDays, rows, count: total };
}

async function countAll(db: ReadDb, filter: Parameters<typeof clockSql>[0]): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from (${clockSql(filter, null)})`.execute(db);
  return rows[0]?.n ?? 0;
}
