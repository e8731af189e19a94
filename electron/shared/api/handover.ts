import { z } from 'zod';
import { rpc } from './contract';
import { businessDate } from './business-date';
import type { PrintOutcome } from './register';
import { limitedText } from './limited-text';

/**
 * Hand-over to the risk-asset unit (移交风险资产部): loans on the 待移交 list go over in numbered
 * batches (`林家坪支行移〔2026〕第001号`, per year without gaps) with a transmittal list (移交清单).
 * A handed-over loan leaves every worklist and stays in the register, marked 已移交. The figures
 * of a batch are stored as printed, so a reprint shows the same.
 */

/** Loans one hand-over may take: the 待移交 list of a large branch. */
export const HANDOVER_MAX_LOANS = 5000;


export interface HandoverOutcome {
  batchId: string;
  batchNo: string;
  handedOn: string;
  loans: number;
  balanceFen: number;
  interestOwedFen: number;
}

export interface HandoverBatchView {
  id: string;
  batchNo: string;
  year: number;
  seq: number;
  handedOn: string;
  receiver: string;
  note: string;
  loans: number;
  balanceFen: number;
  interestOwedFen: number;
  /** Who handed over (the staff member who recorded it). */
  staffName: string;
  /** Loans of the batch since returned to the branch. */
  returned: number;
  /** Transmittal lists printed so far. */
  prints: number;
  createdAt: number;
}

/** One line of a batch as stored (figures at hand-over), with the loan's names read now. */
export interface HandoverLineView {
  lineNo: number;
  loanId: string;
  loanNo: string;
  borrower: string;
  village: string;
  balanceFen: number;
  principalOverdueDays: number;
  interestOwedFen: number | null;
  interestOverdueDays: number | null;
  manager: string | null;
  returnedOn: string | null;
  returnNote: string;
}

const id = z.string().min(1).max(100);

export const handoverApi = {
  /** Hands the loans over in one new batch (支行长, 管理员). Every loan must be on the 待移交 list. */
  'handover.handOver': rpc<HandoverOutcome>()(
    z
      .object({
        loanIds: z
          .array(id)
          .min(1, '请至少选择一笔贷款')
          .max(HANDOVER_MAX_LOANS, `一次最多移交 ${HANDOVER_MAX_LOANS} 笔贷款`)
          .refine((ids) => new Set(ids).size === ids.length, '贷款不能重复'),
        /** Absent: today. */
        handedOn: businessDate.optional(),
        receiver: limitedText(50).default(''),
        note: limitedText(200).default(''),
      })
      .strict(),
  ),
  /** A handed-over loan comes back to the branch (支行长, 管理员): it is on the worklists again. */
  'handover.return': rpc<{ loanId: string; returnedOn: string }>()(
    z
      .object({
        loanId: id,
        /** The batch the loan was returned from, as the caller saw it. */
        batchId: id,
        returnedOn: businessDate.optional(),
        reason: z.string().trim().min(1, '请填写退回原因').max(200, '退回原因最多 200 个字'),
      })
      .strict(),
  ),
  /** Every batch, newest first. */
  'handover.batches': rpc<HandoverBatchView[]>()(z.object({}).strict()),
  /** One batch's lines, in line order. */
  'handover.lines': rpc<HandoverLineView[]>()(z.object({ batchId: id }).strict()),
  /** The transmittal list (移交清单) of a batch, from its stored figures; each print is recorded. */
  'handover.printTransmittal': rpc<PrintOutcome>()(
    z.object({ batchId: id, deliver: z.enum(['file', 'preview']).default('file') }).strict(),
  ),
};
