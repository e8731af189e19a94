import { describe, expect, it } from 'vitest';
import { createRowParser, type RowOutcome } from '../../../electron/backend/import/parse/parse-row';
import { recognizeHeaders } from '../../../electron/backend/import/parse/detect-layout';
import { SAMPLE_HEADER, sampleRow } from './helpers';

// Issue 9, findings 3, 4 and 9: what a row may not smuggle into the register.
const { mapping } = recognizeHeaders(SAMPLE_HEADER);
const read = (patch: Record<string, unknown>, maxLoanFen?: number): RowOutcome => createRowParser(mapping, maxLoanFen)(sampleRow(1, patch), 7);
const rejection = (patch: Record<string, unknown>, maxLoanFen?: number) => {
  const outcome = read(patch, maxLoanFen);
  if (outcome.ok) throw new Error('accepted');
  return outcome.rejected;
};
const accepted = (patch: Record<string, unknown>) => {
  const outcome = read(patch);
  if (!outcome.ok) throw new Error(`rejected: ${outcome.rejected.reason}`);
  return outcome;
};

describe('amounts', () => {
  it('rejects a balance, contract amount or interest owed above the per-loan limit (100 million 元 by default)', () => {
    expect(rejection({ 余额: '90000000000000' })).toMatchObject({ code: 'amount_too_large', reason: expect.stringContaining('余额超出单笔上限 100,000,000.00 元') });
    expect(rejection({ 合同金额: 100_000_000.01 })).toMatchObject({ code: 'amount_too_large', reason: expect.stringContaining('合同金额超出单笔上限') });
    expect(rejection({ 欠息: '200,000,000' })).toMatchObject({ code: 'amount_too_large' });
    expect(accepted({ 余额: 100_000_000 }).loan.balanceFen).toBe(10_000_000_000);
    expect(rejection({ 余额: '500001' }, 500_000_00)).toMatchObject({ code: 'amount_too_large', reason: expect.stringContaining('500,000.00 元') });
  });

  it('rejects negative contract amounts and interest owed, as it does negative balances', () => {
    expect(rejection({ 合同金额: '-50000' })).toMatchObject({ code: 'amount_negative', reason: '合同金额不能为负数：-50000' });
    expect(rejection({ 欠息: -1 })).toMatchObject({ code: 'amount_negative', reason: '欠息不能为负数：-1' });
  });

  it('does not read 1,2,3 as 123 元', () => {
    expect(rejection({ 余额: '1,2,3' })).toMatchObject({ code: 'balance_not_number' });
    expect(rejection({ 合同金额: '12,34.5' })).toMatchObject({ code: 'amount_not_number' });
    expect(accepted({ 余额: '1,234.50' }).loan.balanceFen).toBe(123450);
  });
});

describe('control and bidi-override characters', () => {
  it.each([
    ['贷款账号', '99\u00000778', '借据号'],
    ['贷款账号', '9900\u001b0778', '借据号'],
    ['贷款账号', '\u202e99000778', '借据号'],
    ['客户编号', 'C88\u00070001', '客户号'],
    ['合同编号', 'HT2023\u2066042', '合同编号'],
    ['身份证号码', '14112419570501\u00000729', '身份证号'],
  ])('reject the row when a key (%s) holds one: %j', (column, value, label) => {
    expect(rejection({ [column]: value })).toMatchObject({ code: 'control_characters', reason: expect.stringContaining(`${label}含有控制字符`) });
  });

  it('are removed from text, with a warning', () => {
    const { loan, warnings } = accepted({ 借款人姓名: '梁\u202e梅', 住址: '临县白文镇城庄村\u00078组', 产品名称: '存量\u001b提额贷' });
    expect(loan).toMatchObject({ name: '梁梅', address: '临县白文镇城庄村8组', product: '存量提额贷' });
    expect(warnings.map((w) => [w.field, w.message])).toEqual([
      ['name', '借款人姓名中的控制字符已去除'],
      ['address', '住址中的控制字符已去除'],
      ['product', '产品中的控制字符已去除'],
    ]);
  });
});

describe('personal data in messages', () => {
  it('masks an ID typed into the phone column, and a bad phone, in the warning', () => {
    const { warnings } = accepted({ 手机号: '141124195705010729' });
    expect(warnings.map((w) => w.message)).toEqual(['电话号码无效：141124********0729']);
    expect(accepted({ 手机号: '1879240134' }).warnings.map((w) => w.message)).toEqual(['电话号码无效：******0134']);
  });

  it('masks IDs in rejection reasons too', () => {
    expect(rejection({ 余额: '141124195705010729' }).reason).toBe('余额不是数字：141124********0729');
  });
});
