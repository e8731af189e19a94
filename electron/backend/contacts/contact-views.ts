import type { ContactView } from '../../shared/api/contacts';
import { todayLocal } from '../../shared/dates';
import type { ReadDb } from '../db/read-db';
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

export function contactRecordQuery(db: ReadDb) {
  return db
    .selectFrom('contacts as c')
    .innerJoin('borrowers as b', 'b.id', 'c.borrower_id')
    .leftJoin('loans as l', 'l.id', 'c.loan_id')
    .innerJoin('staff as st', 'st.id', 'c.staff_id')
    .select([
      'c.id',
      'c.borrower_id',
      'c.loan_id',
      'l.loan_no',
      'b.name as borrower',
      'b.name_pinyin as borrower_pinyin',
      'c.contacted_at',
      'c.way',
      'c.reached',
      'c.outcome',
      'c.promise_on',
      'c.promise_fen',
      'c.follow_up_on',
      'c.note',
      'c.staff_id',
      'st.display_name as staff_name',
      'c.updated_at',
    ]);
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
  let q = contactRecordQuery(db);
  if ('borrowerId' in target) q = q.where('c.borrower_id', '=', target.borrowerId);
  else {
    const loan = await db.selectFrom('loans').select('borrower_id').where('id', '=', target.loanId).executeTakeFirst();
    if (!loan) return [];
    q = q.where('c.borrower_id', '=', loan.borrower_id).where((eb) => eb.or([eb('c.loan_id', '=', target.loanId), eb('c.loan_id', 'is', null)]));
  }
  const records = await q.orderBy('c.contacted_at', 'desc').orderBy('c.created_at', 'desc').execute();
  return contactViews(db, records);
}
