import type { ReceiptScanned } from '../../shared/api/notices';
import { todayLocal } from '../../shared/dates';
import { KINDS_WITH_RECEIPT, NOTICE_KIND_LABELS, type NoticeFigures } from '../../shared/notices';
import type { Caller } from '../auth/caller';
import type { WriteContext } from '../changelog/write-context';
import { assertMayWorkOnLoans } from '../collection/book-access';
import { AppError } from '../rpc/app-error';

/**
 * What a scanner typed, as stored: a scanner under a Chinese input method types full-width
 * characters, and one with Caps Lock lower case; both are the same code.
 */
export function normaliseCode(code: string): string {
  return code.normalize('NFKC').trim().toUpperCase();
}

/** What a notice demanded: overdue principal and interest, or for a balance confirmation the balance. */
export function demandedFen(f: NoticeFigures): number {
  return f.kind === 'confirmation' || f.kind === 'reminder' ? f.balanceFen : f.overduePrincipalFen + f.interestOwedFen;
}

/**
 * Marks a notice's receipt returned (回执已收回), found by its scan code or its number. Refused,
 * with nothing changed, for an unknown number, a paper without a receipt, a void notice, and a
 * receipt already recorded (a second scan of the same slip).
 */
export async function scanReceipt(w: WriteContext, user: Caller, input: { code: string; receiptOn?: string; signer: string }): Promise<ReceiptScanned> {
  const code = normaliseCode(input.code);
  const receiptOn = input.receiptOn ?? todayLocal();
  const notice = await w.trx.selectFrom('notices').selectAll().where((eb) => eb.or([eb('scan_code', '=', code), eb('notice_no', '=', input.code.trim())])).executeTakeFirst();
  if (!notice) throw new AppError('NOTICE_NOT_FOUND', `找不到编号为“${input.code.trim()}”的通知书，请核对回执上的编号。`, `receipt scan: unknown code ${JSON.stringify(code)}`);
  if (!KINDS_WITH_RECEIPT.includes(notice.kind)) {
    throw new AppError('NO_RECEIPT', `${notice.notice_no} 是${NOTICE_KIND_LABELS[notice.kind]}，没有回执。`, `receipt scan: ${notice.scan_code} is a ${notice.kind} without a receipt`);
  }
  if (notice.status === 'cancelled') {
    throw new AppError('NOTICE_CANCELLED', `${notice.notice_no} 已作废（${notice.cancel_reason || '无原因'}），不能登记回执。`, `receipt scan: ${notice.scan_code} is cancelled`);
  }
  if (notice.status === 'printing') {
    throw new AppError('NOTICE_NOT_ISSUED', `${notice.notice_no} 尚未打印完成，不能登记回执。`, `receipt scan: ${notice.scan_code} is still printing`);
  }
  if (notice.delivery === 'returned') {
    throw new AppError('RECEIPT_ALREADY_RETURNED', `${notice.notice_no} 的回执已于 ${notice.receipt_on} 登记收回，不能重复登记。`, `receipt scan: ${notice.scan_code} already returned`);
  }
  if (receiptOn > todayLocal()) throw new AppError('BAD_INPUT', '签收日期不能晚于今天。', `receipt scan: receipt date ${receiptOn} is in the future`);
  if (receiptOn < notice.issued_on) {
    throw new AppError('BAD_INPUT', `签收日期不能早于通知书出具日期（${notice.issued_on}）。`, `receipt scan: receipt date ${receiptOn} before issue ${notice.issued_on}`);
  }
  await assertMayWorkOnLoans(w.trx, user, [notice.loan_id]);
  await w.update('notices', notice, { delivery: 'returned', receipt_on: receiptOn, receipt_signer: input.signer, receipt_by: user.id });
  const figures = JSON.parse(notice.figures_json) as NoticeFigures;
  return {
    noticeId: notice.id,
    noticeNo: notice.notice_no,
    kind: notice.kind,
    addressee: notice.addressee,
    borrowerName: figures.borrowerName,
    loanNo: figures.loanNo,
    amountFen: demandedFen(figures),
    receiptOn,
  };
}
