import type { NoticeFigures } from '../../shared/notices';
import { maskedId, type PlannedNotice } from './candidates';

/** A notice's figures as they will be printed and stored (the register's state as of `asOf`). */
export function noticeFigures(n: PlannedNotice, numbers: { noticeNo: string; scanCode: string }, asOf: string, issuedOn: string): NoticeFigures {
  const l = n.loan;
  return {
    kind: n.kind,
    noticeNo: numbers.noticeNo,
    scanCode: numbers.scanCode,
    addressee: n.addressee,
    addresseeRole: n.addresseeRole,
    borrowerName: l.borrower_name,
    maskedId: maskedId(l.resident_id),
    loanNo: l.loan_no,
    contractNo: l.contract_no,
    disbursedOn: l.disbursed_on,
    maturityOn: l.maturity_on,
    contractAmountFen: l.contract_amount_fen,
    balanceFen: l.balance_fen,
    // Core exports give days overdue, not an overdue amount: a farmer loan falls due whole.
    overduePrincipalFen: l.principal_overdue_days > 0 ? l.balance_fen : 0,
    interestOwedFen: l.interest_owed_fen ?? 0,
    principalOverdueDays: l.principal_overdue_days,
    asOf,
    issuedOn,
    managerName: l.manager_name,
    managerPhone: l.manager_phone,
    village: l.village ?? '',
    address: l.address,
    guarantors: l.guarantors,
  };
}
