import { sql } from 'kysely';
import type { WorklistDates } from '../../shared/api/worklists';
import type { ReadDb } from '../db/read-db';
import { AppError } from '../rpc/app-error';
import { DUE_SOON, HANDOVER, LITIGATION, ON_BOOK, OVERDUE } from '../worklists/worklist-sql';
import { worklistDates } from '../worklists/worklist-query';

export type ContactWayCode = 'phone' | 'sms' | 'visit' | 'letter' | 'other';

export interface RouteSheetRow {
  seq: number;
  loanId: string;
  loanNo: string;
  borrower: string;
  address: string;
  whereabouts: string;
  phones: string[];
  contactName: string;
  contactPhone: string;
  balanceFen: number;
  interestOwedFen: number | null;
  /** What to ask for: see amountDue. */
  amountDueFen: number;
  overdueDays: number;
  interestOverdueDays: number | null;
  maturityOn: string | null;
  manager: string | null;
  lastContact: { on: string; way: ContactWayCode; outcome: string } | null;
  lastPromise: { on: string; fen: number } | null;
}

export interface RouteSheetData {
  branchName: string;
  township: string;
  village: string;
  /** The manager asked for, or every current manager of the rows. */
  managers: string[];
  dates: WorklistDates;
  rows: RouteSheetRow[];
  amountDueFen: number;
}

/**
 * The amount due (应还金额) printed for a loan: the whole balance when its principal is overdue
 * or it matures within the 到期提示 window (the principal falls due), plus the interest owed
 * (欠息) either way. A loan on a list only for its interest (欠息 90 天以上) owes its interest.
 */
export function amountDue(row: { balanceFen: number; interestOwedFen: number | null; overdueDays: number; maturityOn: string | null }, dates: Pick<WorklistDates, 'dueFrom' | 'dueTo'>): number {
  const principalDue = row.overdueDays > 0 || (row.maturityOn !== null && row.maturityOn >= dates.dueFrom && row.maturityOn <= dates.dueTo);
  return (principalDue ? row.balanceFen : 0) + (row.interestOwedFen ?? 0);
}

interface RawRow {
  loanId: string;
  loanNo: string;
  borrower: string;
  address: string;
  whereabouts: string;
  phones: string | null;
  contactName: string;
  contactPhone: string;
  balanceFen: number;
  interestOwedFen: number | null;
  overdueDays: number;
  interestOverdueDays: number | null;
  maturityOn: string | null;
  manager: string | null;
  contactJson: string | null;
  promiseJson: string | null;
}

/**
 * The village's loans on some worklist, in the village register's order (households by name in
 * pinyin order, then loan number). The last contact and promise are the latest about the loan
 * or about its household as a whole (a contact with no loan named).
 */
export async function routeSheetData(db: ReadDb, q: { villageId: string; managerId?: string; asOf?: string }): Promise<RouteSheetData> {
  const village = await db.selectFrom('villages').select(['township', 'name']).where('id', '=', q.villageId).executeTakeFirst();
  if (!village) throw new AppError('NOT_FOUND', '找不到这个村，请刷新后重试。', `route sheet: village ${q.villageId} not found`);
  const dates = await worklistDates(db, q.asOf);
  const onSomeList = sql`(${OVERDUE} or ${DUE_SOON(dates.dueFrom, dates.dueTo)} or ${HANDOVER} or ${LITIGATION})`;
  const manager = q.managerId === undefined ? sql`` : sql`and cm.manager_id = ${q.managerId}`;
  const sameLoanOrHousehold = sql.raw('c.borrower_id = b.id and (c.loan_id = l.id or c.loan_id is null)');
  const { rows } = await sql<RawRow>`
    select l.id as "loanId", l.loan_no as "loanNo", b.name as borrower, b.address, b.whereabouts,
      (select group_concat(p.phone, char(10) order by p.created_at, p.id) from borrower_phones p where p.borrower_id = b.id) as phones,
      b.contact_name as "contactName", b.contact_phone as "contactPhone",
      l.balance_fen as "balanceFen", l.interest_owed_fen as "interestOwedFen",
      l.principal_overdue_days as "overdueDays", l.interest_overdue_days as "interestOverdueDays",
      l.maturity_on as "maturityOn", s.display_name as manager,
      (select json_object('on', substr(c.contacted_at, 1, 10), 'way', c.way, 'outcome', c.outcome) from contacts c
        where ${sameLoanOrHousehold} order by c.contacted_at desc, c.created_at desc limit 1) as "contactJson",
      (select json_object('on', c.promise_on, 'fen', c.promise_fen) from contacts c
        where ${sameLoanOrHousehold} and c.promise_on is not null order by c.contacted_at desc, c.created_at desc limit 1) as "promiseJson"
    from loans l
    join borrowers b on b.id = l.borrower_id
    left join current_loan_managers cm on cm.loan_id = l.id
    left join staff s on s.id = cm.manager_id
    where ${ON_BOOK} and b.village_id = ${q.villageId} and ${onSomeList} ${manager}
    order by b.name_pinyin, b.name, b.id, l.loan_no, l.id`.execute(db);

  const settings = await db.selectFrom('settings').select('value').where('key', '=', 'branch_name').executeTakeFirst();
  let managers: string[];
  if (q.managerId !== undefined) {
    const staff = await db.selectFrom('staff').select('display_name').where('id', '=', q.managerId).executeTakeFirst();
    if (!staff) throw new AppError('NOT_FOUND', '找不到这位客户经理，请刷新后重试。', `route sheet: manager ${q.managerId} not found`);
    managers = [staff.display_name];
  } else {
    managers = [...new Set(rows.map((r) => r.manager).filter((m): m is string => !!m))];
  }
  const out: RouteSheetRow[] = rows.map((r, i) => ({
    seq: i + 1,
    loanId: r.loanId,
    loanNo: r.loanNo,
    borrower: r.borrower,
    address: r.address,
    whereabouts: r.whereabouts,
    phones: r.phones ? r.phones.split('\n') : [],
    contactName: r.contactName,
    contactPhone: r.contactPhone,
    balanceFen: r.balanceFen,
    interestOwedFen: r.interestOwedFen,
    amountDueFen: amountDue(r, dates),
    overdueDays: r.overdueDays,
    interestOverdueDays: r.interestOverdueDays,
    maturityOn: r.maturityOn,
    manager: r.manager,
    lastContact: r.contactJson ? (JSON.parse(r.contactJson) as RouteSheetRow['lastContact']) : null,
    lastPromise: r.promiseJson ? (JSON.parse(r.promiseJson) as RouteSheetRow['lastPromise']) : null,
  }));
  return {
    branchName: settings?.value ?? '',
    township: village.township,
    village: village.name,
    managers,
    dates,
    rows: out,
    amountDueFen: out.reduce((s, r) => s + r.amountDueFen, 0),
  };
}
