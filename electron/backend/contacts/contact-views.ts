import type { ContactView } from '../../shared/api/contacts';
import { todayLocal } from '../../shared/dates';
import { sql, type RawBuilder } from 'kysely';
import type { ReadDb } from '../db/read-db';
import { columnsOf, readManyRows } from '../db/read-many-rows';
import { judgePromises } from './promise-judgement';

/** A contacts row with the names a view shows, as the queries below select it. */
export interface ContactRecord {
  id: string;
  borrower_id: string;
  loan_id: string | null;
  loan_no: string | null;
  borrower: string;
  /** Toneless pinyin of the name: the register's order. */
  borrower_pinyin: string;
  contacted_at: string;
  way: ContactView['way'];
  reached: ContactView['reached'];
  outcome: string;
  promise_on: string | null;
  promise_fen: number | null;
  follow_up_on: string | null;
  note: string;
  staff_id: string;
  staff_name: string;
  updated_at: number;
}

const RECORD_COLUMNS = columnsOf<ContactRecord>({
  id: true,
  borrower_id: true,
  loan_id: true,
  loan_no: true,
  borrower: true,
  borrower_pinyin: true,
  contacted_at: true,
  way: true,
  reached: true,
  outcome: true,
  promise_on: true,
  promise_fen: true,
  follow_up_on: true,
  note: true,
  staff_id: true,
  staff_name: true,
  updated_at: true,
});

/**
 * Contacts (`c`) with the names a view shows, those matching `where`, newest first; read as one
 * JSON text (readManyRows): a county's lists hold thousands.
 */
export async function contactRecords(db: ReadDb, where: RawBuilder<unknown>): Promise<ContactRecord[]> {
  return readManyRows<ContactRecord>(
    db,
    sql`(select c.id, c.borrower_id, c.loan_id, l.loan_no, b.name as borrower, b.name_pinyin as borrower_pinyin, c.contacted_at,
        c.way, c.reached, c.outcome, c.promise_on, c.promise_fen, c.follow_up_on, c.note, c.staff_id,
        st.display_name as staff_name, c.updated_at
      from contacts c join borrowers b on b.id = c.borrower_id left join loans l on l.id = c.loan_id join staff st on st.id = c.staff_id
      where ${where} order by c.contacted_at desc, c.created_at desc, c.id desc)`,
    RECORD_COLUMNS,
  );
}

/** Contacts as the renderer sees them, each promise judged from the imports as of `today`. */
export async function contactViews(db: ReadDb, records: readonly ContactRecord[], today = todayLocal()): Promise<ContactView[]> {
  const withPromise = records.filter((r) => r.promise_on !== null && r.promise_fen !== null);
  const judged = await judgePromises(
    db,
    withPromise.map((r) => ({ borrowerId: r.borrower_id, loanId: r.loan_id, contactedOn: r.contacted_at.slice(0, 10), promiseOn: r.promise_on!, promiseFen: r.promise_fen! })),
    today,
  );
  const byId = new Map(withPromise.map((r, i) => [r.id, judged[i]!]));
  return records.map((r) => ({
    id: r.id,
    borrowerId: r.borrower_id,
    loanId: r.loan_id,
    loanNo: r.loan_no,
    borrower: r.borrower,
    contactedAt: r.contacted_at,
    way: r.way,
    reached: r.reached,
    outcome: r.outcome,
    promiseOn: r.promise_on,
    promiseFen: r.promise_fen,
    promise: byId.get(r.id) ?? null,
    followUpOn: r.follow_up_on,
    note: r.note,
    staffId: r.staff_id,
    staffName: r.staff_name,
    updatedAt: r.updated_at,
  }));
}

/** A household's contacts, or a loan's and its household's as a whole; newest first. */
export async function listContacts(db: ReadDb, target: { borrowerId: string } | { loanId: string }): Promise<ContactView[]> {
  let where: RawBuilder<unknown>;
  if ('borrowerId' in target) where = sql`c.borrower_id = ${target.borrowerId}`;
  else {
    const loan = await db.selectFrom('loans').select('borrower_id').where('id', '=', target.loanId).executeTakeFirst();
    if (!loan) return [];
    where = sql`c.borrower_id = ${loan.borrower_id} and (c.loan_id = ${target.loanId} or c.loan_id is null)`;
  }
  return contactViews(db, await contactRecords(db, where));
}
