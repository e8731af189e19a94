import { sql, type RawBuilder } from 'kysely';
import type { ContactList, ContactListPage, FollowUpRow, PromiseStatus } from '../../shared/api/contacts';
import { todayLocal } from '../../shared/dates';
import { readTransaction, type ReadDb } from '../db/read-db';
import { registerDataAsOf } from '../import/data-as-of';
import { columnsOf, readManyRows } from '../db/read-many-rows';
import { ON_BOOK } from '../worklists/worklist-sql';
import { contactRecords, contactViews, type ContactRecord } from './contact-views';
import { judgePromises } from './promise-judgement';

/** The list's query: which list, the day, the manager and village filters. */
export interface ContactListQuery {
  list: ContactList;
  asOf?: string;
  managerId?: string | null;
  villageId?: string;
}

/** A member of a list, before its row is built: what decides membership and order, nothing more. */
interface Member {
  id: string;
  dueOn: string;
  key: string;
  promiseFen: number | null;
  balanceFen: number;
}

/**
 * The two contact-driven worklists, per target (a loan, or a household as a whole):
 * - 今日跟进 (follow-ups): the target's latest contact set a follow-up date on or before today,
 *   or promised payment today and the imports do not show it kept yet. A newer contact replaces it.
 * - 违约承诺 (broken promises): the target's latest promise is broken and nobody has contacted the
 *   target since the promised date; that contact takes it off (its own follow-up date then counts).
 * Only targets still on the branch's book: an active loan not handed over, or a household with one.
 *
 * One page of the list (in order: due date, the borrower's pinyin, the loan number) with the count
 * and sums of the whole list. Membership is worked out in SQL (latest contact, on the book under the
 * filters) and promises are judged only where membership depends on them; full rows (views,
 * figures, phones) are built for the page only.
 */
export async function contactWorklist(db: ReadDb, q: ContactListQuery & { offset?: number; limit?: number }): Promise<ContactListPage> {
  // One snapshot: the page's rows are built for the members just worked out.
  return readTransaction(db, (trx) => listPage(trx, q));
}

async function listPage(db: ReadDb, q: ContactListQuery & { offset?: number; limit?: number }): Promise<ContactListPage> {
  const asOf = q.asOf ?? todayLocal();
  const [members, dataAsOf] = await Promise.all([listMembers(db, q, asOf), registerDataAsOf(db)]);
  const offset = q.offset ?? 0;
  const page = members.slice(offset, q.limit === undefined ? undefined : offset + q.limit);
  return {
    asOf,
    dataAsOf,
    rows: await memberRows(db, page, q, asOf),
    count: members.length,
    promisedFen: members.reduce((sum, m) => sum + (m.promiseFen ?? 0), 0),
    balanceFen: members.reduce((sum, m) => sum + m.balanceFen, 0),
  };
}

/** The whole list (every row built), for the export and the printed list. */
export function contactWorklistAll(db: ReadDb, q: ContactListQuery): Promise<ContactListPage> {
  return contactWorklist(db, { ...q, offset: 0 });
}

/** The list's members in order: candidates on the book under the filters, judged only where that decides. */
async function listMembers(db: ReadDb, q: ContactListQuery, asOf: string): Promise<Member[]> {
  const scope = filterScope(q);
  const onBook = onBookBalance(q);
  const read = await readManyRows<Candidate>(
    db,
    sql`(select c.id, c.borrower_id, c.loan_id, c.contacted_at, c.promise_on, c.promise_fen, c.follow_up_on,
          b.name_pinyin || char(0) || b.name || char(0) || coalesce(l.loan_no, '') as name_key, ${onBook.balance} as balance_fen
        from contacts c join borrowers b on b.id = c.borrower_id left join loans l on l.id = c.loan_id ${onBook.managerJoin}
        where ${q.list === 'follow-ups' ? latestContactsWhere(asOf) : latestPromisesWhere(asOf)} and ${scope}
        order by c.contacted_at desc, c.created_at desc, c.id desc)`,
    CANDIDATE_COLUMNS,
  );
  // Filtered here, not in SQL: SQLite would evaluate the correlated balance twice.
  const candidates = read.filter((c) => c.balance_fen !== null);
  // Promises are judged only where they decide: a follow-up due by its date stays whatever the promise.
  const toJudge = candidates.filter(
    (c) =>
      c.promise_on !== null &&
      c.promise_fen !== null &&
      (q.list === 'broken-promises' || (c.promise_on === asOf && !(c.follow_up_on !== null && c.follow_up_on <= asOf))),
  );
  const judged = await judgePromises(
    db,
    toJudge.map((c) => ({ borrowerId: c.borrower_id, loanId: c.loan_id, contactedOn: c.contacted_at.slice(0, 10), promiseOn: c.promise_on!, promiseFen: c.promise_fen! })),
    asOf,
  );
  const status = new Map(toJudge.map((c, i) => [c.id, judged[i]!.status]));
  const members: Member[] = [];
  for (const c of candidates) {
    const dueOn = q.list === 'follow-ups' ? followUpDue(c, status.get(c.id) ?? null, asOf) : status.get(c.id) === 'broken' ? c.promise_on : null;
    if (dueOn !== null) members.push({ id: c.id, dueOn, key: `${dueOn}\u0000${c.name_key}`, promiseFen: c.promise_fen, balanceFen: c.balance_fen! });
  }
  // Due date, then the register's order (the name's pinyin): plain string order, no collator per pair.
  members.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return members;
}

interface Candidate {
  id: string;
  borrower_id: string;
  loan_id: string | null;
  contacted_at: string;
  promise_on: string | null;
  promise_fen: number | null;
  follow_up_on: string | null;
  /** Pinyin, name and loan number: the order after the due date. */
  name_key: string;
  /** The target's on-book balance under the filters; null when it has no loan on the book there. */
  balance_fen: number | null;
}

const CANDIDATE_COLUMNS = columnsOf<Candidate>({
  id: true,
  borrower_id: true,
  loan_id: true,
  contacted_at: true,
  promise_on: true,
  promise_fen: true,
  follow_up_on: true,
  name_key: true,
  balance_fen: true,
});

/**
 * The balance of the contact's target on the book under the manager filter (as targetsOnBook counts
 * it): its loan (the query's `l`, with `cm` its current manager when the manager filter is on), or
 * the household's on-book loans; null when there is none. The village filter is the household's
 * village, which filterScope applies exactly.
 */
function onBookBalance(f: { managerId?: string | null }): { balance: RawBuilder<unknown>; managerJoin: RawBuilder<unknown> } {
  const manager = f.managerId === null ? sql`cm.manager_id is null` : f.managerId !== undefined ? sql`cm.manager_id = ${f.managerId}` : sql`true`;
  const managerJoin = f.managerId === undefined ? sql`` : sql`left join current_loan_managers cm on cm.loan_id = l.id`;
  const loanOnBook = sql.join([ON_BOOK, sql`l.borrower_id = c.borrower_id`, manager], sql` and `);
  return {
    balance: sql`(case when c.loan_id is null
        then (select sum(l.balance_fen) from loans l ${managerJoin} where l.borrower_id = c.borrower_id and ${loanOnBook})
        when ${loanOnBook} then l.balance_fen end)`,
    managerJoin,
  };
}

/** The page's rows in the members' order: records, judged views, on-book figures and phones. */
async function memberRows(db: ReadDb, page: readonly Member[], f: ContactListQuery, asOf: string): Promise<FollowUpRow[]> {
  if (page.length === 0) return [];
  const records = await contactRecords(db, sql`c.id in (select value from json_each(${JSON.stringify(page.map((m) => m.id))}))`);
  const [views, book] = await Promise.all([contactViews(db, records, asOf), targetsOnBook(db, records, f)]);
  const byId = new Map(views.map((v) => [v.id, v]));
  return page.map((m) => {
    const v = byId.get(m.id)!;
    return { ...v, ...book.get(targetKey(v.borrowerId, v.loanId))!, dueOn: m.dueOn };
  });
}

/** When a target's latest contact asks for work by `asOf`: its follow-up date, or a promise due that day and not kept yet. */
function followUpDue(c: Candidate, promise: PromiseStatus | null, asOf: string): string | null {
  const dues = [
    c.follow_up_on !== null && c.follow_up_on <= asOf ? c.follow_up_on : null,
    c.promise_on === asOf && promise !== 'kept' ? c.promise_on : null,
  ].filter((d): d is string => d !== null);
  return dues.sort()[0] ?? null;
}

const targetKey = (borrowerId: string, loanId: string | null) => `${borrowerId}/${loanId ?? ''}`;

/** No newer contact with the same target than `c` (contacted later, or recorded later at the same minute). */
const LATEST_OF_TARGET = sql`not exists (select 1 from contacts n where n.borrower_id = c.borrower_id
  and coalesce(n.loan_id, '') = coalesce(c.loan_id, '')
  and (n.contacted_at > c.contacted_at or (n.contacted_at = c.contacted_at and (n.created_at > c.created_at or (n.created_at = c.created_at and n.id > c.id)))))`;

/** Each target's latest contact, when it sets a follow-up or a promise due by `asOf`. */
function latestContactsWhere(asOf: string): RawBuilder<unknown> {
  return sql`(c.follow_up_on <= ${asOf} or c.promise_on = ${asOf}) and ${LATEST_OF_TARGET}`;
}

/**
 * The manager and village filters as a first cut on the contacts: households with a loan of that
 * manager (or none), or in that village (exact: the target's household); onBookBalance then applies
 * the manager filter exactly, per target.
 */
function filterScope(f: { managerId?: string | null; villageId?: string }): RawBuilder<unknown> {
  const conds: RawBuilder<unknown>[] = [sql`true`];
  if (f.villageId !== undefined) conds.push(sql`b.village_id = ${f.villageId}`);
  if (f.managerId === null) {
    conds.push(sql`exists (select 1 from loans fl left join current_loan_managers fm on fm.loan_id = fl.id where fl.borrower_id = c.borrower_id and fm.manager_id is null)`);
  } else if (f.managerId !== undefined) {
    conds.push(sql`c.borrower_id in (select fl.borrower_id from current_loan_managers fm join loans fl on fl.id = fm.loan_id where fm.manager_id = ${f.managerId})`);
  }
  return sql.join(conds, sql` and `);
}

/** Each target's latest promise, when its date has passed and nobody has contacted the target since. */
function latestPromisesWhere(asOf: string): RawBuilder<unknown> {
  return sql`c.promise_on < ${asOf}
      and not exists (select 1 from contacts n where n.borrower_id = c.borrower_id and coalesce(n.loan_id, '') = coalesce(c.loan_id, '')
        and n.promise_on is not null and (n.contacted_at > c.contacted_at or (n.contacted_at = c.contacted_at and (n.created_at > c.created_at or (n.created_at = c.created_at and n.id > c.id)))))
      and not exists (select 1 from contacts later where later.borrower_id = c.borrower_id and coalesce(later.loan_id, '') = coalesce(c.loan_id, '')
        and substr(later.contacted_at, 1, 10) > c.promise_on)`;
}

type TargetFigures = Pick<FollowUpRow, 'village' | 'manager' | 'phones' | 'balanceFen' | 'overdueDays'>;

/**
 * The on-book figures of each target under the manager and village filters: its loan, or the
 * household's on-book loans; a target with none is not on the book (or not in the filter).
 */
async function targetsOnBook(
  db: ReadDb,
  contacts: readonly ContactRecord[],
  f: { managerId?: string | null; villageId?: string },
): Promise<Map<string, TargetFigures>> {
  const out = new Map<string, TargetFigures>();
  const borrowerIds = [...new Set(contacts.map((c) => c.borrower_id))];
  if (borrowerIds.length === 0) return out;
  const wanted = new Set(contacts.map((c) => targetKey(c.borrower_id, c.loan_id)));
  const inList = sql`in (select value from json_each(${JSON.stringify(borrowerIds)}))`;
  const conds = [ON_BOOK, sql`l.borrower_id ${inList}`];
  if (f.villageId !== undefined) conds.push(sql`b.village_id = ${f.villageId}`);
  if (f.managerId === null) conds.push(sql`cm.manager_id is null`);
  else if (f.managerId !== undefined) conds.push(sql`cm.manager_id = ${f.managerId}`);
  const [rows, phoneRows] = await Promise.all([
    readManyRows<{ loan_id: string; borrower_id: string; balance_fen: number; overdue_days: number; village: string | null; manager: string | null }>(
      db,
      sql`(select l.id as loan_id, l.borrower_id, l.balance_fen, l.principal_overdue_days as overdue_days, v.name as village, s.display_name as manager
        from loans l join borrowers b on b.id = l.borrower_id left join villages v on v.id = b.village_id
          left join current_loan_managers cm on cm.loan_id = l.id left join staff s on s.id = cm.manager_id
        where ${sql.join(conds, sql` and `)})`,
      ['loan_id', 'borrower_id', 'balance_fen', 'overdue_days', 'village', 'manager'],
    ),
    // The register's 电话: every phone of the household in the order they were entered.
    readManyRows<{ borrower_id: string; phones: string }>(
      db,
      sql`(select borrower_id, group_concat(phone, ' / ' order by created_at, id) as phones from borrower_phones where borrower_id ${inList} group by borrower_id)`,
      ['borrower_id', 'phones'],
    ),
  ]);
  const phones = new Map(phoneRows.map((p) => [p.borrower_id, p.phones]));
  for (const r of rows) {
    const figures = (prev: TargetFigures | undefined): TargetFigures => ({
      village: r.village,
      manager: prev === undefined ? r.manager : [...new Set([...(prev.manager ?? '').split('、').filter(Boolean), r.manager ?? '未分配'])].sort((x, y) => x.localeCompare(y, 'zh-CN')).join('、'),
      phones: phones.get(r.borrower_id) ?? '',
      balanceFen: (prev?.balanceFen ?? 0) + r.balance_fen,
      overdueDays: Math.max(prev?.overdueDays ?? 0, r.overdue_days),
    });
    const loanKey = targetKey(r.borrower_id, r.loan_id);
    if (wanted.has(loanKey)) out.set(loanKey, figures(undefined));
    const householdKey = targetKey(r.borrower_id, null);
    if (wanted.has(householdKey)) out.set(householdKey, figures(out.get(householdKey)));
  }
  return out;
}
