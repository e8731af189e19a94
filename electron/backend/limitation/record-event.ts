import type { RecordedEvent, RecordedKind } from '../../shared/api/limitation';
import { todayLocal } from '../../shared/dates';
import type { WriteContext } from '../changelog/write-context';
import { AppError } from '../rpc/app-error';

/**
 * Records an acceleration (宣布提前到期) or a written acknowledgement on a loan: not in the future,
 * not before disbursement; an acceleration before maturity (after it the loan is already due).
 * Book access is checked by the caller.
 */
export async function recordLimitationEvent(w: WriteContext, input: { loanId: string; kind: RecordedKind; eventOn: string; note: string }): Promise<RecordedEvent> {
  const loan = await w.trx.selectFrom('loans').select(['id', 'disbursed_on', 'maturity_on']).where('id', '=', input.loanId).executeTakeFirst();
  if (!loan) throw new AppError('NOT_FOUND', '找不到这笔贷款，请刷新后重试。', `limitation event: loan ${input.loanId} not found`);
  const today = todayLocal();
  if (input.eventOn > today) throw new AppError('BAD_INPUT', `日期不能晚于今天（${today}）。`, `limitation event on ${input.eventOn} is in the future`);
  if (loan.disbursed_on !== null && input.eventOn < loan.disbursed_on) {
    throw new AppError('BAD_INPUT', `日期不能早于放款日（${loan.disbursed_on}）。`, `limitation event on ${input.eventOn} before disbursement ${loan.disbursed_on}`);
  }
  if (input.kind === 'acceleration' && loan.maturity_on !== null && input.eventOn >= loan.maturity_on) {
    throw new AppError('BAD_INPUT', `宣布提前到期的日期应早于到期日（${loan.maturity_on}），到期后时效已自到期日起算。`, `acceleration on ${input.eventOn} not before maturity ${loan.maturity_on}`);
  }
  const row = await w.insert('limitation_events', { loan_id: input.loanId, kind: input.kind, event_on: input.eventOn, note: input.note, staff_id: w.actor.id });
  return { id: row.id, loanId: row.loan_id, kind: row.kind, eventOn: row.event_on, note: row.note };
}
