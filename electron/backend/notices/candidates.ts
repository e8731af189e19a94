import { sql, type RawBuilder } from 'kysely';
import type { NoticeBatchRequest, NoticeScope } from '../../shared/api/notices';
import { addDays } from '../../shared/dates';
import type { NoticeKind } from '../../shared/notices';
import { maskResidentId } from '../../shared/resident-id';
import type { Caller } from '../auth/caller';
import { assertMayWorkOnLoans, isLimitedToOwnBook } from '../collection/book-access';
import type { ReadDb } from '../db/read-db';
import { DUE_SOON_DAYS } from '../../shared/api/worklists';

/** A loan in a batch's scope, with what its notices print. */
export interface ScopeLoan {
  id: string;
  loan_no: string;
  contract_no: string;
  borrower_id: string;
  borrower_name: string;
  resident_id: string | null;
  address: string;
  village: string | null;
  disbursed_on: string | null;
  maturity_on: string | null;
  contract_amount_fen: number | null;
  balance_fen: number;
  principal_overdue_days: number;
  interest_overdue_days: number | null;
  interest_owed_fen: number | null;
  guarantors: string;
  manager_name: string;
  manager_phone: string;
  handed_over: number;
}

/** One notice to issue, before its number. */
export interface PlannedNotice {
  kind: NoticeKind;
  loan: ScopeLoan;
  addressee: string;
  addresseeRole: 'borrower' | 'guarantor';
}

export interface NoticePlanRows {
  notices: PlannedNotice[];
  skipped: Array<{ reason: string; loans: number }>;
}

function scopeCondition(scope: NoticeScope): RawBuilder<unknown> {
  switch (scope.by) {
    case 'village':
      return sql`b.village_id = ${scope.villageId}`;
    case 'manager':
      return scope.managerId === null ? sql`cm.manager_id is null` : sql`cm.manager_id = ${scope.managerId}`;
    case 'branch':
      return sql`1 = 1`;
    case 'loans':
      return sql`l.id in (select value from json_each(${JSON.stringify(scope.loanIds)}))`;
  }
}

/**
 * The active loans of a scope in the register's order (village, then household as the village
 * register lists them), so that a manager can walk the village with the pile. An account manager
 * gets only their own book: ticked loans of another's book are refused, a village or the branch
 * is narrowed to their loans.
 */
export async function readScopeLoans(db: ReadDb, user: Caller, scope: NoticeScope): Promise<{ loans: ScopeLoan[]; missing: number }> {
  if (scope.by === 'loans') await assertMayWorkOnLoans(db, user, scope.loanIds);
  const ownBook = isLimitedToOwnBook(user) ? sql`and cm.manager_id = ${user.id}` : sql``;
  const { rows } = await sql<ScopeLoan>`
    select l.id, l.loan_no, l.contract_no, l.borrower_id, b.name as borrower_name, b.resident_id, b.address,
      v.name as village, l.disbursed_on, l.maturity_on, l.contract_amount_fen, l.balance_fen,
      l.principal_overdue_days, l.interest_overdue_days, l.interest_owed_fen, l.guarantors,
      coalesce(s.display_name, '') as manager_name, coalesce(s.phone, '') as manager_phone,
      exists (select 1 from loan_handovers h where h.loan_id = l.id and h.returned_on is null) as handed_over
    from loans l
    join borrowers b on b.id = l.borrower_id
    left join villages v on v.id = b.village_id
    left join current_loan_managers cm on cm.loan_id = l.id
    left join staff s on s.id = cm.manager_id
    where l.status = 'active' and ${scopeCondition(scope)} ${ownBook}
    order by coalesce(v.township, ''), coalesce(v.name, ''), b.name_pinyin, b.name, b.id, l.loan_no, l.id`.execute(db);
  const missing = scope.by === 'loans' ? new Set(scope.loanIds).size - rows.length : 0;
  return { loans: rows, missing };
}

/** The names in a loan's 担保人 field: `张三、李四`, `张三,李四`, `张三 李四`. */
export function guarantorNames(field: string): string[] {
  return [...new Set(field.split(/[、,，;；/\s]+/).map((n) => n.trim()).filter((n) => n !== ''))];
}

/**
 * Which notices a batch issues from its scope's loans, in print order, and the loans left out
 * with the reason. Overdue means principal or interest overdue (IN_ARREARS); a reminder goes to a loan
 * not overdue that matures within 7 days of `issuedOn`; a guarantor notice to each named
 * guarantor of an overdue loan; a balance confirmation to every loan.
 */
export function planNotices(request: Pick<NoticeBatchRequest, 'kind' | 'withGuarantors'>, loans: ScopeLoan[], missing: number, issuedOn: string): NoticePlanRows {
  const notices: PlannedNotice[] = [];
  const skipped = new Map<string, number>();
  const skip = (reason: string) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
  const dueBy = addDays(issuedOn, DUE_SOON_DAYS);
  const borrowerNotice = (kind: NoticeKind, loan: ScopeLoan) => notices.push({ kind, loan, addressee: loan.borrower_name, addresseeRole: 'borrower' });
  const guarantorNotices = (loan: ScopeLoan): boolean => {
    const names = guarantorNames(loan.guarantors);
    for (const name of names) notices.push({ kind: 'guarantor', loan, addressee: name, addresseeRole: 'guarantor' });
    return names.length > 0;
  };

  for (const loan of loans) {
    if (loan.handed_over) {
      skip('已移交风险资产部');
      continue;
    }
    if (loan.balance_fen <= 0 && (loan.interest_owed_fen ?? 0) <= 0) {
      skip('已还清（余额和欠息均为零）');
      continue;
    }
    const overdue = loan.principal_overdue_days > 0 || (loan.interest_overdue_days ?? 0) > 0;
    switch (request.kind) {
      case 'overdue':
        if (!overdue) skip('未逾期');
        else {
          borrowerNotice('overdue', loan);
          if (request.withGuarantors && !guarantorNotices(loan)) skip('未登记担保人姓名（无担保人通知书）');
        }
        break;
      case 'reminder':
        if (overdue) skip('已逾期（应发催收通知书）');
        else if (!loan.maturity_on || loan.maturity_on < issuedOn || loan.maturity_on > dueBy) skip(`不在 ${DUE_SOON_DAYS} 天内到期`);
        else borrowerNotice('reminder', loan);
        break;
      case 'guarantor':
        if (!overdue) skip('未逾期');
        else if (!guarantorNotices(loan)) skip('未登记担保人姓名');
        break;
      case 'confirmation':
        borrowerNotice('confirmation', loan);
        break;
    }
  }
  if (missing > 0) skipped.set('已结清或不存在', missing);
  return { notices, skipped: [...skipped].map(([reason, count]) => ({ reason, loans: count })) };
}

export function maskedId(residentId: string | null): string {
  return residentId ? maskResidentId(residentId) : '';
}
