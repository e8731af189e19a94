import type { InspectionTaskView, RecordedInspection, RecordInspectionInput } from '../../shared/api/inspections';
import { todayLocal } from '../../shared/dates';
import type { Caller } from '../auth/caller';
import type { WriteContext } from '../changelog/write-context';
import { assertMayWorkOnLoans } from '../collection/book-access';
import type { ReadDb } from '../db/read-db';
import type { Row } from '../db/schema';
import { AppError } from '../rpc/app-error';
import { addMonths } from '../village-work/months';
import { loadInspectionRules } from './rules';
import { checkFindings, templateQuestions } from './template';

export function taskView(t: Row<'inspection_tasks'>): InspectionTaskView {
  return { id: t.id, kind: t.kind, dueOn: t.due_on, reason: t.reason, status: t.status, inspectionId: t.inspection_id };
}

export async function readLoan(db: ReadDb, loanId: string): Promise<Row<'loans'>> {
  const loan = await db.selectFrom('loans').selectAll().where('id', '=', loanId).executeTakeFirst();
  if (!loan) throw new AppError('NOT_FOUND', '找不到这笔贷款，请刷新后重试。', `inspections: no loan ${loanId}`);
  return loan;
}

function checkDate(loan: Row<'loans'>, inspectedOn: string): void {
  const today = todayLocal();
  if (inspectedOn > today) throw new AppError('INVALID_INPUT', `检查日期 ${inspectedOn} 晚于今天（${today}），不能登记未来的检查。`, `inspection date ${inspectedOn} after today ${today}`);
  if (loan.disbursed_on && inspectedOn < loan.disbursed_on) {
    throw new AppError('INVALID_INPUT', `检查日期 ${inspectedOn} 早于放款日 ${loan.disbursed_on}。`, `inspection date ${inspectedOn} before disbursement ${loan.disbursed_on}`);
  }
  if (loan.status === 'settled' && loan.settled_on && inspectedOn > loan.settled_on) {
    throw new AppError('INVALID_INPUT', `贷款 ${loan.loan_no} 已于 ${loan.settled_on} 结清，之后无需贷后检查。`, `inspection ${inspectedOn} after settlement ${loan.settled_on}`);
  }
}

/**
 * Records an inspection. It fulfils the loan's earliest open task (whatever its kind) and, for an
 * active loan, opens the next routine one due routine_months after the inspection — unless a
 * routine task is still open, which keeps its date (one open routine task per loan at most).
 * Account managers record for their own book only.
 */
export async function recordInspection(w: WriteContext, user: Caller, input: RecordInspectionInput): Promise<RecordedInspection> {
  const loan = await readLoan(w.trx, input.loanId);
  await assertMayWorkOnLoans(w.trx, user, [loan.id]);
  checkDate(loan, input.inspectedOn);
  const findings = checkFindings(templateQuestions(loan.product, loan.guarantee_type), input.findings);
  const inspection = await w.insert('inspections', {
    loan_id: loan.id,
    inspected_on: input.inspectedOn,
    way: input.way,
    findings_json: JSON.stringify(findings),
    risk_signals_json: JSON.stringify(input.riskSignals),
    conclusion: input.conclusion,
    follow_up: input.followUp,
    staff_id: user.id,
  });
  const open = await w.trx
    .selectFrom('inspection_tasks')
    .selectAll()
    .where('loan_id', '=', loan.id)
    .where('status', '=', 'open')
    .orderBy('due_on')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const earliest = open[0];
  const closed = earliest ? await w.update('inspection_tasks', earliest, { status: 'done', inspection_id: inspection.id }) : null;
  const routineOpen = open.some((t) => t !== earliest && t.kind === 'routine');
  let next: Row<'inspection_tasks'> | null = null;
  if (loan.status === 'active' && !routineOpen) {
    const rule = (await loadInspectionRules(w.trx)).forLoan(loan.product, loan.guarantee_type);
    next = await w.insert('inspection_tasks', {
      loan_id: loan.id,
      kind: 'routine',
      due_on: addMonths(input.inspectedOn, rule.routineMonths),
      reason: `上次检查 ${input.inspectedOn} 后每 ${rule.routineMonths} 个月`,
      status: 'open',
      inspection_id: null,
    });
  }
  return { inspectionId: inspection.id, closedTask: closed ? taskView(closed) : null, nextTask: next ? taskView(next) : null };
}
