import { sql } from 'kysely';
import type { UnnoticedPage, UnnoticedRow } from '../../shared/api/notices';
import { todayLocal } from '../../shared/dates';
import type { ReadDb } from '../db/read-db';
import { registerDataAsOf } from '../import/data-as-of';
import { CURRENT_MANAGER_JOIN, MANAGER_STAFF_JOIN } from '../worklists/current-manager';
import { IN_ARREARS, ON_BOOK } from '../worklists/worklist-sql';

export interface UnnoticedQuery {
  month?: string;
  managerId?: string | null;
  villageId?: string;
  offset: number;
  limit: number;
}

/**
 * 每月书面催收: overdue loans on the branch's book with no overdue notice issued in the calendar
 * month (a void one does not count), in the register's order, with the last notice they had.
 */
export async function unnoticedLoans(db: ReadDb, q: UnnoticedQuery): Promise<UnnoticedPage> {
  const month = q.month ?? todayLocal().slice(0, 7);
  const manager = q.managerId === undefined ? sql`` : q.managerId === null ? sql`and cm.manager_id is null` : sql`and cm.manager_id = ${q.managerId}`;
  const village = q.villageId ? sql`and b.village_id = ${q.villageId}` : sql``;
  const from = sql`
    from loans l
    join borrowers b on b.id = l.borrower_id
    left join villages v on v.id = b.village_id
    ${sql.raw(CURRENT_MANAGER_JOIN)}
    ${sql.raw(MANAGER_STAFF_JOIN)}
    where ${ON_BOOK} and ${IN_ARREARS} ${manager} ${village}
      and not exists (select 1 from notices n where n.loan_id = l.id and n.kind = 'overdue' and n.status = 'issued'
                        and n.issued_on between ${`${month}-01`} and ${`${month}-31`})`;
  const [{ rows }, { rows: totals }, asOf] = await Promise.all([
    sql<UnnoticedRow>`
      select l.id as "loanId", l.loan_no as "loanNo", b.name as "borrowerName", v.name as village, s.display_name as manager,
        l.balance_fen as "balanceFen", coalesce(l.interest_owed_fen, 0) as "interestOwedFen",
        l.principal_overdue_days as "principalOverdueDays", coalesce(l.interest_overdue_days, 0) as "interestOverdueDays",
        (select n.notice_no from notices n where n.loan_id = l.id and n.kind = 'overdue' and n.status = 'issued' order by n.issued_on desc, n.seq desc limit 1) as "lastNoticeNo",
        (select max(n.issued_on) from notices n where n.loan_id = l.id and n.kind = 'overdue' and n.status = 'issued') as "lastNoticeOn"
      ${from}
      order by coalesce(v.township, ''), coalesce(v.name, ''), b.name_pinyin, b.name, b.id, l.loan_no
      limit ${q.limit} offset ${q.offset}`.execute(db),
    sql<{ count: number; balance: number | null }>`select count(*) as count, sum(l.balance_fen) as balance ${from}`.execute(db),
    registerDataAsOf(db),
  ]);
  return { month, asOf, rows, count: totals[0]?.count ?? 0, balanceFen: totals[0]?.balance ?? 0 };
}
