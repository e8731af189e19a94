import { z } from 'zod';
import { rpc } from './contract';
import { businessDate } from './business-date';
import { limitedText } from './limited-text';

/**
 * Legal steps on a loan (法律措施): a loan with any step recorded leaves 诉讼准备 (principal
 * overdue 90 days or more and no legal step).
 */
export const LEGAL_STEP_KINDS = ['lawyer-letter', 'payment-order', 'lawsuit', 'arbitration', 'judgment', 'enforcement', 'other'] as const;
export type LegalStepKind = (typeof LEGAL_STEP_KINDS)[number];
export const LEGAL_STEP_LABELS: Record<LegalStepKind, string> = {
  'lawyer-letter': '律师函',
  'payment-order': '支付令',
  lawsuit: '起诉',
  arbitration: '仲裁',
  judgment: '判决',
  enforcement: '申请执行',
  other: '其他',
};

/** Characters a step's note may have. */
export const LEGAL_NOTE_MAX = 500;

export interface LegalStepView {
  id: string;
  loanId: string;
  stepOn: string;
  kind: LegalStepKind;
  note: string;
  staffName: string;
  createdAt: number;
}

export const legalApi = {
  /** Records a step (an account manager only on their own book). */
  'legal.record': rpc<LegalStepView>()(
    z
      .object({
        loanId: z.string().min(1).max(100),
        stepOn: businessDate,
        kind: z.enum(LEGAL_STEP_KINDS),
        note: limitedText(LEGAL_NOTE_MAX).default(''),
      })
      .strict(),
  ),
  /** A loan's steps, latest first. */
  'legal.list': rpc<LegalStepView[]>()(z.object({ loanId: z.string().min(1).max(100) }).strict()),
};
