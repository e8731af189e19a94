import { sql } from 'kysely';
import type { VillageOverviewRow, VillagesOverview } from '../../shared/api/villages';
import type { ReadDb } from '../db/read-db';
import { managersText, readBook, villageManagers } from '../assignment/book';

const PINYIN = new Intl.Collator('zh-Hans-CN-u-co-pinyin');

/**
 * One row per village over active loans: households with an active loan (as the printed
 * register and the portfolio report count them), loans, balances, and the village's manager.
 *
 * The manager is the real assignment: the manager of most of the village's active loans, and
 * when several share them, that one's name with how many (张三等2人), so a split village shows
 * as split and is still found by its main manager's name. A village without active loans shows
 * its own manager (the one new loans there go to); one whose loans have no manager shows none.
 */
export async function villagesOverview(db: ReadDb): Promise<VillagesOverview> {
  const { rows } = await sql<VillageOverviewRow>`
    with loan_totals as (
      select b.village_id as village_id,
             count(distinct b.id) as households,
             count(*) as loans,
             total(l.balance_fen) as balance_fen,
             sum(l.principal_overdue_days > 0) as overdue_loans,
             total(case when l.principal_overdue_days > 0 then l.balance_fen else 0 end) as overdue_balance_fen
      -- CROSS JOIN keeps this order: borrowers by village (covering index), then each one's
      -- loans (covering index). Starting from loans costs a borrower lookup per loan, ~5x slower.
      from borrowers b cross join loans l on l.borrower_id = b.id and l.status = 'active'
      group by b.village_id
    )
    select v.id as "villageId", v.township as township, v.name as village,
           coalesce(t.households, 0) as households,
           coalesce(t.loans, 0) as loans,
           coalesce(t.balance_fen, 0) as "balanceFen",
           coalesce(t.overdue_loans, 0) as "overdueLoans",
           coalesce(t.overdue_balance_fen, 0) as "overdueBalanceFen",
           d.display_name as "managerName"
    from villages v
    left join loan_totals t on t.village_id = v.id
    left join staff d on d.id = v.manager_id
  `.execute(db);
  // Who looks after the loans comes from the assignment book (one lookup per loan, read once per change of the register).
  const managers = villageManagers(await readBook(db));
  const names = new Map((await db.selectFrom('staff').select(['id', 'display_name']).execute()).map((s) => [s.id, s.display_name]));
  for (const r of rows) {
    if (r.loans === 0) continue;
    r.managerName = managersText(managers.get(r.villageId) ?? [], (id) => names.get(id) ?? '') || null;
  }
  // Pinyin order, as staff read a list of places (SQLite would sort by code point).
  rows.sort((a, b) => PINYIN.compare(a.township, b.township) || PINYIN.compare(a.village, b.village));

  const totals = rows.reduce(
    (acc, r) => ({
      villages: acc.villages + 1,
      households: acc.households + r.households,
      loans: acc.loans + r.loans,
      balanceFen: acc.balanceFen + r.balanceFen,
      overdueLoans: acc.overdueLoans + r.overdueLoans,
      overdueBalanceFen: acc.overdueBalanceFen + r.overdueBalanceFen,
    }),
    { villages: 0, households: 0, loans: 0, balanceFen: 0, overdueLoans: 0, overdueBalanceFen: 0 },
  );
  return { rows, totals };
}
