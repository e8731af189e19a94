import { sql } from 'kysely';
import type { ContactInput, ContactView } from '../../shared/api/contacts';
import { todayLocal } from '../../shared/dates';
import type { Caller } from '../auth/caller';
import type { WriteContext } from '../changelog/write-context';
import { assertMayWorkOnBorrower, assertMayWorkOnLoans } from '../collection/book-access';
import { AppError } from '../rpc/app-error';
import { contactRecords, contactViews } from './contact-views';

/**
 * Logs one contact, made by the caller. The loan (when given) must be the household's; an account
 * manager may log only for their own book (checked inside the write, so a reassignment cannot slip in between).
 */
export async function recordContact(w: WriteContext, user: Caller, input: ContactInput): Promise<ContactView> {
  if (input.contactedAt.slice(0, 10) > todayLocal()) {
    throw new AppError('INVALID_INPUT', '联系时间不能晚于今天。', `contact dated ${input.contactedAt}, after today`);
  }
  const borrower = await w.trx.selectFrom('borrowers').select('id').where('id', '=', input.borrowerId).executeTakeFirst();
  if (!borrower) throw new AppError('NOT_FOUND', '找不到这户借款人，可能已被删除，请刷新后重试。', `contact for unknown borrower ${input.borrowerId}`);
  if (input.loanId !== null) {
    const loan = await w.trx.selectFrom('loans').select('borrower_id').where('id', '=', input.loanId).executeTakeFirst();
    if (!loan || loan.borrower_id !== input.borrowerId) {
      throw new AppError('INVALID_INPUT', '这笔贷款不属于这户借款人。', `loan ${input.loanId} is not borrower ${input.borrowerId}'s`);
    }
    await assertMayWorkOnLoans(w.trx, user, [input.loanId]);
  } else {
    await assertMayWorkOnBorrower(w.trx, user, input.borrowerId);
  }
  const row = await w.insert('contacts', {
    borrower_id: input.borrowerId,
    loan_id: input.loanId,
    contacted_at: input.contactedAt,
    way: input.way,
    reached: input.reached,
    outcome: input.outcome,
    promise_on: input.promise?.on ?? null,
    promise_fen: input.promise?.amountFen ?? null,
    follow_up_on: input.followUpOn,
    note: input.note,
    staff_id: user.id,
    sms_message_id: null,
  });
  const [record] = await contactRecords(w.trx, sql`c.id = ${row.id}`);
  return (await contactViews(w.trx, [record!]))[0]!;
}
