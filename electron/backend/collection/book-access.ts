import type { StaffRole } from '../../shared/domain';
import type { Caller } from '../auth/caller';
import type { ReadDb } from '../db/read-db';
import { AppError } from '../rpc/app-error';

/**
 * Whose collection work a caller may record (issue 10, roles): an account manager only for their
 * own book, that is loans whose current manager (loan_assignments) they are, households with such
 * a loan, and villages given to them or where they manage a loan; everyone else for any
 * (clerks log contacts for anyone, the branch head and admins oversee). Others' work stays
 * readable to all. Checked in the backend on every write, not only hidden in the UI.
 */
const OWN_BOOK_ONLY: readonly StaffRole[] = ['manager'];

export function isLimitedToOwnBook(user: Caller): boolean {
  return OWN_BOOK_ONLY.includes(user.role);
}

function notYours(what: string, log: string): AppError {
  return new AppError('NOT_YOUR_BOOK', `${what}不在您管户的范围内，客户经理只能登记自己管户的工作。`, log);
}

export async function assertMayWorkOnLoans(db: ReadDb, user: Caller, loanIds: readonly string[]): Promise<void> {
  if (!isLimitedToOwnBook(user) || loanIds.length === 0) return;
  const unique = [...new Set(loanIds)];
  const own = await db
    .selectFrom('current_loan_managers')
    .select('loan_id')
    .where('loan_id', 'in', unique)
    .where('manager_id', '=', user.id)
    .execute();
  if (own.length < unique.length) {
    const ownIds = new Set(own.map((r) => r.loan_id));
    const other = unique.find((id) => !ownIds.has(id));
    throw notYours('这笔贷款', `manager ${user.id} may not record work on loan ${other}`);
  }
}

export async function assertMayWorkOnBorrower(db: ReadDb, user: Caller, borrowerId: string): Promise<void> {
  if (!(await mayWorkOnBorrower(db, user, borrowerId))) throw notYours('这户', `manager ${user.id} may not record work on borrower ${borrowerId}`);
}

/** Whether assertMayWorkOnBorrower lets the caller through: for screens that show a household read-only. */
export async function mayWorkOnBorrower(db: ReadDb, user: Caller, borrowerId: string): Promise<boolean> {
  if (!isLimitedToOwnBook(user)) return true;
  const own = await db
    .selectFrom('loans as l')
    .innerJoin('current_loan_managers as cm', 'cm.loan_id', 'l.id')
    .select('l.id')
    .where('l.borrower_id', '=', borrowerId)
    .where('cm.manager_id', '=', user.id)
    .limit(1)
    .executeTakeFirst();
  return own !== undefined;
}

export async function assertMayWorkOnVillage(db: ReadDb, user: Caller, villageId: string): Promise<void> {
  if (!isLimitedToOwnBook(user)) return;
  const village = await db.selectFrom('villages').select('manager_id').where('id', '=', villageId).executeTakeFirst();
  if (village?.manager_id === user.id) return;
  const own = await db
    .selectFrom('loans as l')
    .innerJoin('borrowers as b', 'b.id', 'l.borrower_id')
    .innerJoin('current_loan_managers as cm', 'cm.loan_id', 'l.id')
    .select('l.id')
    .where('b.village_id', '=', villageId)
    .where('cm.manager_id', '=', user.id)
    .limit(1)
    .executeTakeFirst();
  if (!own) throw notYours('这个村', `manager ${user.id} may not record work in village ${villageId}`);
}
