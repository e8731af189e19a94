import { describe, expect, it } from 'vitest';
import { InspectionRules } from '../../../electron/backend/inspections/rules';
import { perTestCopy } from '../../helpers/per-test-copy';
import { FARMER_FINDINGS, importLoans, inspectionApp, OCT_31, SEP_30 } from './inspection-fixture';

const b = perTestCopy(inspectionApp);

describe('inspection rules', () => {
  it('the most specific rule wins; a loan of several guarantee types follows the strictest', () => {
    const rules = new InspectionRules([
      { product: '', guaranteeType: '', firstDays: 30, routineMonths: 6 },
      { product: '', guaranteeType: '抵押', firstDays: 20, routineMonths: 4 },
      { product: '安心贷', guaranteeType: '', firstDays: 25, routineMonths: 5 },
      { product: '安心贷', guaranteeType: '抵押', firstDays: 10, routineMonths: 2 },
      { product: '个人经营贷款', guaranteeType: '', firstDays: 15, routineMonths: 3 },
      { product: '个人经营贷款', guaranteeType: '抵押', firstDays: 20, routineMonths: 2 },
    ]);
    expect(rules.forLoan('安心贷', '抵押')).toEqual({ firstDays: 10, routineMonths: 2 });
    expect(rules.forLoan('安心贷', '信用')).toEqual({ firstDays: 25, routineMonths: 5 });
    expect(rules.forLoan('农户小额信用贷款', '房产抵押')).toEqual({ firstDays: 20, routineMonths: 4 });
    expect(rules.forLoan('农户小额信用贷款', '')).toEqual({ firstDays: 30, routineMonths: 6 });
    // 保证 → the product's rule (15, 3); 抵押 → the product's 抵押 rule (20, 2): the smallest of each.
    expect(rules.forLoan('个人经营贷款', '保证+抵押')).toEqual({ firstDays: 15, routineMonths: 2 });
  });

  it('the head saves a rule, an account manager may not; new loans are scheduled by it', async () => {
    expect((await b.call('inspections.rules')).map((r: any) => [r.product, r.guaranteeType, r.firstDays, r.routineMonths])).toEqual([
      ['', '', 30, 6],
      ['个人经营贷款', '', 15, 3],
    ]);
    const head = await b.login('支行长甲', 'head1', 'head');
    await importLoans(b.call, SEP_30, '2026-09-30');
    const wang = await b.login('王经理', 'wang');
    await expect(wang('inspections.saveRule', { product: '', guaranteeType: '信用', firstDays: 10, routineMonths: 3 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await head('inspections.saveRule', { product: '', guaranteeType: '信用', firstDays: 10, routineMonths: 3 });
    const changed = await head('inspections.saveRule', { product: ' ', guaranteeType: '信用', firstDays: 12, routineMonths: 3 });
    expect(changed).toMatchObject({ product: '', guaranteeType: '信用', firstDays: 12 });
    await expect(head('inspections.saveRule', { product: '', guaranteeType: '信用', firstDays: 0, routineMonths: 3 })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await b.call('inspections.rules')).toHaveLength(3);
    // I07 (信用, disbursed 2026-10-20) is new in October: first within 12 days. Open tasks keep their dates.
    await importLoans(b.call, OCT_31, '2026-10-31');
    const tasks = await b.tasks();
    expect(tasks.find((t) => t.loanNo === 'I07')).toMatchObject({ kind: 'first', dueOn: '2026-11-01' });
    expect(tasks.find((t) => t.loanNo === 'I01')).toMatchObject({ kind: 'first', dueOn: '2026-10-10' });
    expect((await b.call('inspections.byLoan', { loanId: await b.loanId('I01') })).rule).toEqual({ firstDays: 12, routineMonths: 3 });
  });
});

describe('recording an inspection', () => {
  it('asks what the product’s template asks: business or farmer, the guarantor and the collateral only where there are any', async () => {
    await importLoans(b.call, SEP_30, '2026-09-30');
    const keys = async (loanNo: string) => (await b.call('inspections.template', { loanId: await b.loanId(loanNo) })).questions.map((q: any) => q.label);
    expect(await keys('I01')).toEqual(['资金用途是否与约定一致', '经营/生产是否正常', '家庭收入是否稳定（种养殖、务工）', '借款人现住地及外出务工情况', '其他情况']);
    expect(await keys('I05')).toEqual([
      '资金用途是否与约定一致',
      '经营/生产是否正常',
      '销售收入和现金流是否稳定',
      '经营情况说明',
      '担保人情况是否正常',
      '担保人情况说明',
      '抵质押物是否完好',
      '其他情况',
    ]);
    const template = await b.call('inspections.template', { loanId: await b.loanId('I03') });
    expect(template.productKind).toBe('farmer');
    expect(template.questions.map((q: any) => q.key)).toContain('collateralIntact');
    expect(template.riskSignals).toContain('外出失联');
  });

  it('refuses what is wrong, in Chinese, and changes nothing', async () => {
    await importLoans(b.call, SEP_30, '2026-09-30');
    const wang = await b.login('王经理', 'wang');
    const clerk = await b.login('内勤甲', 'clerk1', 'clerk');
    const before = await b.tasks();
    const base = { loanId: await b.loanId('I01'), inspectedOn: '2026-10-08', way: 'phone', findings: FARMER_FINDINGS, conclusion: 'attention', riskSignals: ['外出失联'] };
    const refusal = (p: Promise<unknown>) => p.then(() => null, (e: { code: string; message: string }) => [e.code, e.message]);
    expect(await refusal(wang('inspections.record', { ...base, inspectedOn: '2026-12-03' }))).toEqual(['INVALID_INPUT', '检查日期 2026-12-03 晚于今天（2026-12-02），不能登记未来的检查。']);
    expect(await refusal(wang('inspections.record', { ...base, inspectedOn: '2026-09-09' }))).toEqual(['INVALID_INPUT', '检查日期 2026-09-09 早于放款日 2026-09-10。']);
    expect(await refusal(wang('inspections.record', { ...base, findings: { fundsAsAgreed: true } }))).toEqual(['INVALID_INPUT', '请回答“经营/生产是否正常”。']);
    expect(await refusal(wang('inspections.record', { ...base, findings: { ...FARMER_FINDINGS, collateralIntact: true } }))).toEqual([
      'INVALID_INPUT',
      '检查内容中有此贷款的检查模板没有的项目，请刷新后重新填写。',
    ]);
    expect(await refusal(wang('inspections.record', { ...base, findings: { ...FARMER_FINDINGS, operatingNormal: '是' } }))).toEqual(['INVALID_INPUT', '“经营/生产是否正常”应选择是或否。']);
    expect((await refusal(wang('inspections.record', { ...base, riskSignals: ['失踪'] })))?.[0]).toBe('VALIDATION');
    // I03 is 李经理's: an account manager records for their own book only.
    expect(await refusal(wang('inspections.record', { ...base, loanId: await b.loanId('I03'), findings: { ...FARMER_FINDINGS, collateralIntact: true } }))).toEqual([
      'NOT_YOUR_BOOK',
      '这笔贷款不在您管户的范围内，客户经理只能登记自己管户的工作。',
    ]);
    expect((await refusal(clerk('inspections.record', base)))?.[0]).toBe('FORBIDDEN');
    expect(await b.app.db.selectFrom('inspections').select('id').execute()).toEqual([]);
    expect(await b.tasks()).toEqual(before);

    // A reviewer (贷后管理岗) may record for any loan; the record keeps the risk signals and the conclusion.
    const rev = await b.login('审查甲', 'rev1', 'reviewer');
    const done = await rev('inspections.record', { ...base, loanId: await b.loanId('I03'), findings: { ...FARMER_FINDINGS, collateralIntact: true, otherNote: '  ' }, followUp: '下月电话回访' });
    const [row] = await b.app.db.selectFrom('inspections').selectAll().execute();
    expect(row).toMatchObject({ id: done.inspectionId, way: 'phone', conclusion: 'attention', follow_up: '下月电话回访', risk_signals_json: '["外出失联"]' });
    expect(JSON.parse(row.findings_json)).toEqual({ ...FARMER_FINDINGS, collateralIntact: true });
  });

  it('a settled loan’s open tasks are cancelled, and an inspection after its settlement is refused', async () => {
    await importLoans(b.call, SEP_30, '2026-09-30');
    await importLoans(b.call, OCT_31, '2026-10-31');
    expect((await b.tasks()).filter((t) => t.loanNo === 'I04').map((t) => t.status)).toEqual(['cancelled']);
    const input = { loanId: await b.loanId('I04'), way: 'site', findings: FARMER_FINDINGS, conclusion: 'normal' };
    await expect(b.call('inspections.record', { ...input, inspectedOn: '2026-11-05' })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: '贷款 I04 已于 2026-10-31 结清，之后无需贷后检查。' });
    // A settled loan is in no manager's book any more: 李经理 may not record on it.
    const li = await b.login('李经理', 'li');
    await expect(li('inspections.record', { ...input, inspectedOn: '2026-10-20' })).rejects.toMatchObject({ code: 'NOT_YOUR_BOOK' });
    // One made before the settlement may still be recorded (by the post-loan officer, the head); it opens nothing.
    const late = await b.call('inspections.record', { ...input, inspectedOn: '2026-10-20' });
    expect([late.closedTask, late.nextTask]).toEqual([null, null]);
  });
});
