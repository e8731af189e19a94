import { sql } from 'kysely';
import type { Db } from '../db/connection';
import type { Row } from '../db/schema';

/** What an import compares the file against: the register as it stands. */
export interface RegisterState {
  loansByNo: Map<string, Row<'loans'>>;
  /** Latest snapshot date per loan id. */
  lastAsOf: Map<string, string>;
  snapshots: Map<string, Row<'loan_snapshots'>>; // key `${loan_id}|${as_of}` for the import's as-of only
  borrowersById: Map<string, Row<'borrowers'>>;
  borrowerByCustomerNo: Map<string, Row<'borrowers'>>;
  borrowerByResidentId: Map<string, Row<'borrowers'>>;
  /** Phones per borrower, with the core value each was imported as. */
  phonesByBorrower: Map<string, Array<{ phone: string; core_value: string | null }>>;
  villageByKey: Map<string, Row<'villages'>>;
  managerByName: Map<string, Row<'staff'>>;
}

export const villageKey = (township: string, village: string) => `${township}|${village}`;
export const snapshotKey = (loanId: string, asOf: string) => `${loanId}|${asOf}`;

export async function loadRegisterState(db: Db, asOf: string): Promise<RegisterState> {
  const [loans, lastAsOf, snapshots, borrowers, phones, villages, staff] = await Promise.all([
    db.selectFrom('loans').selectAll().execute(),
    sql<{ loan_id: string; as_of: string }>`select loan_id, max(as_of) as as_of from loan_snapshots group by loan_id`.execute(db),
    db.selectFrom('loan_snapshots').selectAll().where('as_of', '=', asOf).execute(),
    db.selectFrom('borrowers').selectAll().execute(),
    db.selectFrom('borrower_phones').select(['borrower_id', 'phone', 'core_value']).execute(),
    db.selectFrom('villages').selectAll().execute(),
    db.selectFrom('staff').selectAll().execute(),
  ]);

  const phonesByBorrower = new Map<string, Array<{ phone: string; core_value: string | null }>>();
  for (const p of phones) {
    const list = phonesByBorrower.get(p.borrower_id) ?? [];
    list.push({ phone: p.phone, core_value: p.core_value });
    phonesByBorrower.set(p.borrower_id, list);
  }
  const borrowerByResidentId = new Map<string, Row<'borrowers'>>();
  for (const b of borrowers) if (b.resident_id && !borrowerByResidentId.has(b.resident_id)) borrowerByResidentId.set(b.resident_id, b);
  // Account managers first, so a clerk who shares a manager's name does not take over the loans.
  const managerByName = new Map<string, Row<'staff'>>();
  for (const s of [...staff].sort((a, b) => Number(b.role === 'manager') - Number(a.role === 'manager'))) {
    if (!managerByName.has(s.display_name)) managerByName.set(s.display_name, s);
  }

  return {
    loansByNo: new Map(loans.map((l) => [l.loan_no, l])),
    lastAsOf: new Map(lastAsOf.rows.map((r) => [r.loan_id, r.as_of])),
    snapshots: new Map(snapshots.map((s) => [snapshotKey(s.loan_id, s.as_of), s])),
    borrowersById: new Map(borrowers.map((b) => [b.id, b])),
    borrowerByCustomerNo: new Map(borrowers.filter((b) => b.customer_no).map((b) => [b.customer_no!, b])),
    borrowerByResidentId,
    phonesByBorrower,
    villageByKey: new Map(villages.map((v) => [villageKey(v.township, v.name), v])),
    managerByName,
  };
}
