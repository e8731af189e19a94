import type { FindingAnswer, InspectionView, LoanInspections, RiskSignal } from '../../shared/api/inspections';
import type { ReadDb } from '../db/read-db';
import { readLoan, taskView } from './record';
import { loadInspectionRules } from './rules';

/** A loan's schedule (by due date) and inspections (newest first), each with its spot check if drawn. */
export async function loanInspections(db: ReadDb, loanId: string): Promise<LoanInspections> {
  const loan = await readLoan(db, loanId);
  const [borrower, manager, rules, tasks, inspections] = await Promise.all([
    db.selectFrom('borrowers').select('name').where('id', '=', loan.borrower_id).executeTakeFirstOrThrow(),
    db
      .selectFrom('current_loan_managers as cm')
      .innerJoin('staff as s', 's.id', 'cm.manager_id')
      .select('s.display_name')
      .where('cm.loan_id', '=', loanId)
      .executeTakeFirst(),
    loadInspectionRules(db),
    db.selectFrom('inspection_tasks').selectAll().where('loan_id', '=', loanId).orderBy('due_on').orderBy('created_at').orderBy('id').execute(),
    db
      .selectFrom('inspections as i')
      .innerJoin('staff as s', 's.id', 'i.staff_id')
      .leftJoin('spot_checks as c', 'c.inspection_id', 'i.id')
      .selectAll('i')
      .select(['s.display_name as staff_name', 'c.id as check_id', 'c.verdict', 'c.note as check_note'])
      .where('i.loan_id', '=', loanId)
      .orderBy('i.inspected_on', 'desc')
      .orderBy('i.created_at', 'desc')
      .execute(),
  ]);
  return {
    loan: {
      loanId: loan.id,
      loanNo: loan.loan_no,
      borrower: borrower.name,
      product: loan.product,
      guaranteeType: loan.guarantee_type,
      disbursedOn: loan.disbursed_on,
      status: loan.status,
      manager: manager?.display_name ?? null,
    },
    rule: rules.forLoan(loan.product, loan.guarantee_type),
    tasks: tasks.map(taskView),
    inspections: inspections.map(
      (i): InspectionView => ({
        id: i.id,
        loanId: i.loan_id,
        inspectedOn: i.inspected_on,
        way: i.way,
        findings: JSON.parse(i.findings_json) as Record<string, FindingAnswer>,
        riskSignals: JSON.parse(i.risk_signals_json) as RiskSignal[],
        conclusion: i.conclusion,
        followUp: i.follow_up,
        staffId: i.staff_id,
        staffName: i.staff_name,
        spotCheck: i.check_id && i.verdict ? { checkId: i.check_id, verdict: i.verdict, note: i.check_note ?? '' } : null,
      }),
    ),
  };
}
