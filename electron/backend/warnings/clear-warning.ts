import { WARNING_SIGNAL_LABELS, type WarningSignal } from '../../shared/api/warnings';
import type { Caller } from '../auth/caller';
import type { WriteContext } from '../changelog/write-context';
import { assertMayWorkOnLoans } from '../collection/book-access';
import { AppError } from '../rpc/app-error';
import { loanSignals } from './warning-list';

export interface ClearInput {
  loanId: string;
  signal: WarningSignal;
  evidenceKey: string;
  note: string;
  inspectionId?: string;
}

/**
 * Records a clearance of one signal's evidence. The evidence must be what the list shows now
 * (read in the write transaction): a key the history no longer gives is stale. An inspection
 * given must be of this loan. Account managers clear their own book only.
 */
export async function clearWarning(w: WriteContext, user: Caller, input: ClearInput): Promise<{ id: string }> {
  const loan = await w.trx.selectFrom('loans').select(['id', 'loan_no']).where('id', '=', input.loanId).executeTakeFirst();
  if (!loan) throw new AppError('NOT_FOUND', '找不到这笔贷款，请刷新后重试。', `warnings.clear: loan ${input.loanId} not found`);
  await assertMayWorkOnLoans(w.trx, user, [loan.id]);
  if (input.inspectionId !== undefined) {
    const inspection = await w.trx.selectFrom('inspections').select('loan_id').where('id', '=', input.inspectionId).executeTakeFirst();
    if (!inspection) throw new AppError('NOT_FOUND', '找不到所选的贷后检查记录，请刷新后重试。', `warnings.clear: inspection ${input.inspectionId} not found`);
    if (inspection.loan_id !== loan.id) {
      throw new AppError('INVALID_INPUT', '所选的贷后检查不是这笔贷款的，请选择这笔贷款的检查记录。', `warnings.clear: inspection ${input.inspectionId} is of another loan`);
    }
  }
  const label = WARNING_SIGNAL_LABELS[input.signal];
  const current = await loanSignals(w.trx, loan.id);
  if (!current.some((s) => s.signal === input.signal && s.evidenceKey === input.evidenceKey)) {
    const cleared = await w.trx
      .selectFrom('warning_clearances')
      .select('id')
      .where('loan_id', '=', loan.id)
      .where('signal', '=', input.signal)
      .where('evidence_key', '=', input.evidenceKey)
      .executeTakeFirst();
    if (cleared) throw new AppError('CONFLICT', `借据 ${loan.loan_no} 的“${label}”预警已被处理。`, `warnings.clear: ${loan.id} ${input.signal} ${input.evidenceKey} already cleared`);
    throw new AppError('STALE', `借据 ${loan.loan_no} 的“${label}”预警已随新导入的数据变化，请刷新后重试。`, `warnings.clear: ${loan.id} has no ${input.signal} with key ${input.evidenceKey}`);
  }
  const row = await w.insert('warning_clearances', {
    loan_id: loan.id,
    signal: input.signal,
    evidence_key: input.evidenceKey,
    note: input.note,
    inspection_id: input.inspectionId ?? null,
    staff_id: w.actor.id,
  });
  return { id: row.id };
}
