import type { NoticeBatchPlan, NoticeBatchRequest } from '../../shared/api/notices';
import type { Caller } from '../auth/caller';
import { readSettings } from '../auth/settings';
import type { ReadDb } from '../db/read-db';
import { registerDataAsOf } from '../import/data-as-of';
import { batchDocument } from './batch-document';
import { planNotices, readScopeLoans } from './candidates';
import { noticeFigures } from './figures';
import { checkIssueDate } from './issue-date';
import { noticeNumber, scanCode } from './numbering';

/** Notices shown as they will print before the batch is issued. */
const SAMPLE_NOTICES = 3;

/**
 * What a batch would issue, without taking numbers: the notices in print order, the loans left
 * out by reason, and the first few rendered as a sample (numbered 第____号: the real numbers are
 * taken when the batch prints, and may differ if someone else issues first).
 */
export async function planBatch(db: ReadDb, user: Caller, request: NoticeBatchRequest): Promise<NoticeBatchPlan> {
  const [{ loans, missing }, settings, dataAsOf] = await Promise.all([readScopeLoans(db, user, request.scope), readSettings(db), registerDataAsOf(db)]);
  const issuedOn = checkIssueDate(request.asOf, dataAsOf);
  const { notices, skipped } = planNotices(request, loans, missing, issuedOn);
  const year = Number(issuedOn.slice(0, 4));
  const sample = notices.slice(0, SAMPLE_NOTICES).map((n) =>
    noticeFigures(n, { noticeNo: noticeNumber(settings.branch_name, n.kind, year, 0).replace(/第0+号/, '第____号'), scanCode: scanCode(n.kind, year, 0) }, dataAsOf ?? issuedOn, issuedOn),
  );
  const sampleHtml = sample.length > 0 ? (await batchDocument(db, request.kind, sample)).html : '';
  return {
    asOf: dataAsOf,
    notices: notices.map((n) => ({
      loanId: n.loan.id,
      loanNo: n.loan.loan_no,
      borrowerName: n.loan.borrower_name,
      village: n.loan.village,
      kind: n.kind,
      addressee: n.addressee,
      addresseeRole: n.addresseeRole,
      balanceFen: n.loan.balance_fen,
      interestOwedFen: n.loan.interest_owed_fen ?? 0,
      principalOverdueDays: n.loan.principal_overdue_days,
      maturityOn: n.loan.maturity_on,
    })),
    skipped,
    sampleHtml,
  };
}
