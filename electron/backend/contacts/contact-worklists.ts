import { sql, type RawBuilder } from 'kysely';
import type { ContactList, ContactListPage, ContactView, FollowUpRow } from '../../shared/api/contacts';
import { todayLocal } from '../../shared/dates';
import type { ReadDb } from '../db/read-db';
import { registerDataAsOf } from '../import/data-as-of';
import { readManyRows } from '../db/read-many-rows';
import { ON_BOOK } from '../worklists/worklist-sql';
import { contactRecords, contactViews, type ContactRecord } from './contact-views';

/**
 * The two contact-driven worklists, per target (a loan, or a household as a whole):
 * - 今日跟进 (follow-ups): the target's latest contact set a follow-up date on or before today,
 *   or promised payment today and the imports do not show it kept yet. A newer contact replaces it.
 * - 违约承诺 (broken promises): the target's latest promise is broken and nobody has contacted the
 *   target since the promised date; that contact takes it off (its own follow-up date then counts).
 * Only targets still on the branch's book: an active loan not handed over, or a household with one.
 */
export async function contactWorklist(
  db: ReadDb,
  q: { list: ContactList; asOf?: string; managerId?: string | null; villageId?: string },
): Promise<ContactListPage> {
  const asOf = q.asOf ?? todayLocal();
  const scope = filterScope(q);
  const candidates = q.list === 'follow-ups' ? await latestContacts(db, asOf, scope) : await latestPromises(db, asOf, scope);
  // The book and the filters first: only what is left is judged against the imports.
  const book = await targetsOnBook(db, candidates, q);
  const onBook = candidates.filter((c) => book.has(targetKey(c.borrower_id, c.loan_id)));
  const views = await contactViews(db, onBook, asOf);
  const nameKey = new Map(onBook.map((c) => [c.id, `${c.borrower_pinyin}\u0000${c.borrower}\u0000${c.loan_no ?? ''}`]));
  const keyed: Array<{ key: string; row: FollowUpRow }> = [];
  for (const v of views) {
    const dueOn = q.list === 'follow-ups' ? followUpDue(v, asOf) : v.promise?.status === 'broken' ? v.promiseOn : null;
    if (dueOn !== null) keyed.push({ key: `${dueOn}\u0000${nameKey.get(v.id)!}`, row: { ...v, ...book.get(targetKey(v.borrowerId, v.loanId))!, dueOn } });
  }
  // Due date, then the register's order (the name's pinyin): plain string order, no collator per pair.
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const rows = keyed.map((k) => k.row);
  return {
    asOf,
    dataAsOf: await registerDataAsOf(db),
    rows,
    count: rows.length,
    promisedFen: rows.reduce((sum, r) => sum + (r.promiseFen ?? 0), 0),
  };
}

/** When a target's latest contact asks for work by `asOf`: its follow-up date, or a promise due that day and not kept yet. */
function followUpDue(v: ContactView, asOf: string): string | null {
  const dues = [
    v.followUpOn !== null && v.followUpOn <= asOf ? v.followUpOn : null,
    v.promiseOn === asOf && v.promise?.status !== 'kept' ? v.promiseOn : null,
  ].filter((d): d is string => d !== null);
  return dues.sort()[0] ?? null;
}

const targetKey = (borrowerId: string, loanId: string | null) => `${borrowerId}/${loanId ?? ''}`;

/** No newer contact with the same target than `c` (contacted later, or recorded later at the same minute). */
const LATEST_OF_TARGET = sql`not exists (select 1 from contacts n where n.borrower_id = c.borrower_id
  and coalesce(n.loan_id, '') = coalesce(c.loan_id, '')
  and (n.contacted_at > c.contacted_at or (n.contacted_at = c.contacted_at and (n.created_at > c.created_at or (n.created_at = c.created_at and n.id > c.id)))))`;

/** Each target's latest contact, when it sets a follow-up or a promise due by `asOf`. */
async function latestContacts(db: ReadDb, asOf: string, scope: RawBuilder<unknown>): Promise<ContactRecord[]> {
  return contactRecords(db, sql`(c.follow_up_on <= ${asOf} or c.promise_on = ${asOf}) and ${scope} and ${LATEST_OF_TARGET}`);
}

/**
 * The manager and village filters as a first cut on the contacts: households with a loan of that
 * manager (or none), or in that village. targetsOnBook then applies them exactly, per target.
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
async function latestPromises(db: ReadDb, asOf: string, scope: RawBuilder<unknown>): Promise<ContactRecord[]> {
  return contactRecords(
    db,
    sql`c.promise_on < ${asOf} and ${scope}
      and not exists (select 1 from contacts n where n.borrower_id = c.borrower_id and coalesce(n.loan_id, '') = coalesce(c.loan_id, '')
        and n.promise_on is not null and (n.contacted_at > c.contacted_at or (n.contacted_at = c.contacted_at and (n.created_at > c.created_at or (n.created_at = c.created_at and n.id > c.id)))))
      and not exists (select 1 from contacts later where later.borrower_id = c.borrower_id and coalesce(later.loan_id, '') = coalesce(c.loan_id, '')
        and substr(later.contacted_at, 1, 10) > c.promise_on)`,
  );
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
