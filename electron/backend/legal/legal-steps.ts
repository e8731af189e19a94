import type { LegalStepKind, LegalStepView } from '../../shared/api/legal';
import { todayLocal } from '../../shared/dates';
import type { WriteContext } from '../changelog/write-context';
import type { ReadDb } from '../db/read-db';
import { AppError } from '../rpc/app-error';

export async function legalSteps(db: ReadDb, loanId: string): Promise<LegalStepView[]> {
  const rows = await db
    .selectFrom('legal_steps as ls')
    .leftJoin('staff as s', 's.id', 'ls.staff_id')
    .select(['ls.id', 'ls.loan_id', 'ls.step_on', 'ls.kind', 'ls.note', 'ls.created_at', 's.display_name'])
    .where('ls.loan_id', '=', loanId)
    .orderBy('ls.step_on', 'desc')
    .orderBy('ls.created_at', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, loanId: r.loan_id, stepOn: r.step_on, kind: r.kind, note: r.note, staffName: r.display_name ?? '', createdAt: r.created_at }));
}

/** Records a legal step on an existing loan; the date may not be in the future. Book access is checked by the caller. */
export async function recordLegalStep(w: WriteContext, input: { loanId: string; stepOn: string; kind: LegalStepKind; note: string }): Promise<LegalStepView> {
  if (input.stepOn > todayLocal()) throw new AppError('BAD_INPUT', '日期不能晚于今天。', `legal step on ${input.stepOn} is in the future`);
  const loan = await w.trx.selectFrom('loans').select('id').where('id', '=', input.loanId).executeTakeFirst();
  if (!loan) throw new AppError('NOT_FOUND', '找不到这笔贷款，请刷新后重试。', `legal step: loan ${input.loanId} not found`);
  const row = await w.insert('legal_steps', { loan_id: input.loanId, step_on: input.stepOn, kind: input.kind, note: input.note, staff_id: w.actor.id });
  return { id: row.id, loanId: row.loan_id, stepOn: row.step_on, kind: row.kind, note: row.note, staffName: w.actor.name, createdAt: row.created_at };
}
