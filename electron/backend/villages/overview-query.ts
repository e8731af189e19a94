import { sql } from 'kysely';
import type { VillageOverviewRow, VillagesOverview } from '../../shared/api/villages';
import type { ReadDb } from '../db/read-db';

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
    ),
    manager_loans as (
      select b.village_id as village_id, a.manager_id as manager_id, count(*) as loans
      from borrowers b cross join loans l on l.borrower_id = b.id and l.status = 'active'
      join current_loan_managers a on a.loan_id = l.id
      group by b.village_id, a.manager_id
    ),
    main_manager as (
      select village_id, manager_id, managers from (
        select village_id, manager_id,
               row_number() over (partition by village_id order by loans desc, manager_id) as n,
               count(*) over (partition by village_id) as managers
        from manager_loans
      ) where n = 1
    )
    select v.id as "villageId", v.township as township, v.name as village,
           coalesce(t.households, 0) as households,
           coalesce(t.loans, 0) as loans,
           coalesce(t.balance_fen, 0) as "balanceFen",
           coalesce(t.overdue_loans, 0) as "overdueLoans",
           coalesce(t.overdue_balance_fen, 0) as "overdueBalanceFen",
           case when coalesce(t.loans, 0) = 0 then d.display_name
                when m.managers > 1 then s.display_name || '等' || m.managers || '人'
                else s.display_name end as "managerName"
    from villages v
    left join loan_totals t on t.village_id = v.id
    left join main_manager m on m.village_id = v.id
    left join staff s on s.id = m.manager_id
    left join staff d on d.id = v.manager_id
  `.execute(db);
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
