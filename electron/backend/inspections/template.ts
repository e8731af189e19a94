import { RISK_SIGNALS, type FindingAnswer, type InspectionTemplate, type TemplateQuestion } from '../../shared/api/inspections';
import { guaranteeKinds } from '../archives/required-documents';
import { AppError } from '../rpc/app-error';

type ProductKind = InspectionTemplate['productKind'];

const yesno = (key: string, label: string): TemplateQuestion => ({ key, label, kind: 'yesno', required: true });
const text = (key: string, label: string): TemplateQuestion => ({ key, label, kind: 'text', required: false });

/**
 * The built-in findings templates: business loans (个人经营贷款 and the like) ask after the
 * business, farmer loans after the household's farming or work away from home. The guarantor's
 * situation is asked only of loans with a guarantor, the collateral only of 抵押/质押 loans.
 */
const BY_KIND: Record<ProductKind, TemplateQuestion[]> = {
  business: [
    yesno('fundsAsAgreed', '资金用途是否与约定一致'),
    yesno('operatingNormal', '经营/生产是否正常'),
    yesno('incomeStable', '销售收入和现金流是否稳定'),
    text('operatingNote', '经营情况说明'),
  ],
  farmer: [
    yesno('fundsAsAgreed', '资金用途是否与约定一致'),
    yesno('operatingNormal', '经营/生产是否正常'),
    yesno('householdStable', '家庭收入是否稳定（种养殖、务工）'),
    text('whereabouts', '借款人现住地及外出务工情况'),
  ],
};
const GUARANTOR: TemplateQuestion[] = [yesno('guarantorSound', '担保人情况是否正常'), text('guarantorNote', '担保人情况说明')];
const COLLATERAL: TemplateQuestion[] = [yesno('collateralIntact', '抵质押物是否完好')];
const CLOSING: TemplateQuestion[] = [text('otherNote', '其他情况')];

/** 经营 loans by their product name; everything else is a farmer loan (most of a branch's book). */
export function productKind(product: string): ProductKind {
  return /经营|商户|个体|企业|小微/.test(product) ? 'business' : 'farmer';
}

export function templateQuestions(product: string, guaranteeType: string): TemplateQuestion[] {
  const kinds = guaranteeKinds(guaranteeType);
  return [
    ...BY_KIND[productKind(product)],
    ...(kinds.includes('保证') ? GUARANTOR : []),
    ...(kinds.includes('抵押') || kinds.includes('质押') ? COLLATERAL : []),
    ...CLOSING,
  ];
}

export function inspectionTemplate(loan: { id: string; product: string; guarantee_type: string }): InspectionTemplate {
  return { loanId: loan.id, productKind: productKind(loan.product), questions: templateQuestions(loan.product, loan.guarantee_type), riskSignals: RISK_SIGNALS };
}

/** The answers as the template asks them: every yes/no question answered, text where text is asked, nothing else. Empty text answers are dropped. */
export function checkFindings(questions: readonly TemplateQuestion[], findings: Record<string, FindingAnswer>): Record<string, FindingAnswer> {
  const byKey = new Map(questions.map((q) => [q.key, q]));
  const unknown = Object.keys(findings).filter((k) => !byKey.has(k));
  if (unknown.length > 0) {
    throw new AppError('INVALID_INPUT', '检查内容中有此贷款的检查模板没有的项目，请刷新后重新填写。', `findings: keys not in the template: ${unknown.join(', ')}`);
  }
  const kept: Record<string, FindingAnswer> = {};
  for (const q of questions) {
    const answer = findings[q.key];
    if (answer === undefined || answer === '') {
      if (q.required) throw new AppError('INVALID_INPUT', `请回答“${q.label}”。`, `findings: ${q.key} not answered`);
      continue;
    }
    if (q.kind === 'yesno' && typeof answer !== 'boolean') throw new AppError('INVALID_INPUT', `“${q.label}”应选择是或否。`, `findings: ${q.key} must be true/false`);
    if (q.kind === 'text' && typeof answer !== 'string') throw new AppError('INVALID_INPUT', `“${q.label}”应填写文字。`, `findings: ${q.key} must be text`);
    kept[q.key] = answer;
  }
  return kept;
}
