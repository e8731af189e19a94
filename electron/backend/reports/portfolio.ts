import { sql } from 'kysely';
import type { PortfolioReport } from '../../shared/api/reports';
import type { ReadDb } from '../db/read-db';

/** Figures over active loans: overdue means principal overdue days > 0. */
export async function portfolioReport(db: ReadDb): Promise<PortfolioReport> {
  const [totals, villages] = await Promise.all([
    sql<Omit<PortfolioReport, 'villages'>>`
      select count(*) as loans, count(distinct borrower_id) as borrowers, total(balance_fen) as "balanceFen",
             coalesce(sum(principal_overdue_days > 0), 0) as "overdueLoans"
      from loans where status = 'active'`.execute(db),
    sql<PortfolioReport['villages'][number]>`
      select coalesce(v.township, '') as township, coalesce(v.name, '') as village, count(*) as loans, total(l.balance_fen) as "balanceFen"
      from loans l join borrowers b on b.id = l.borrower_id left join villages v on v.id = b.village_id
      where l.status = 'active'
      group by v.id order by township, village`.execute(db),
  ]);
  return { ...totals.rows[0], villages: villages.rows };
}
