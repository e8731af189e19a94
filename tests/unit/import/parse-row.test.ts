import { describe, expect, it } from 'vitest';
import { INVALID, parseDays, parseRatePpm, parseRiskClass } from '../../../electron/backend/import/parse/field-values';
import { cellText, identifierText, personName } from '../../../electron/backend/import/parse/cell-values';
import { createRowParser, type RowOutcome } from '../../../electron/backend/import/parse/parse-row';
import { recognizeHeaders } from '../../../electron/backend/import/parse/detect-layout';
import { SAMPLE_HEADER, sampleRow } from './helpers';

const { mapping } = recognizeHeaders(SAMPLE_HEADER);
const parse = createRowParser(mapping);
const read = (patch: Record<string, unknown>, row = 7): RowOutcome => parse(sampleRow(1, patch), row);
const loanOf = (patch: Record<string, unknown>) => {
  const outcome = read(patch);
  if (!outcome.ok) throw new Error(`rejected: ${outcome.rejected.reason}`);
  return outcome;
};
const rejection = (patch: Record<string, unknown>) => {
  const outcome = read(patch);
  if (outcome.ok) throw new Error('accepted');
  return outcome.rejected;
};

describe('parse-row: rejections', () => {
  it('rejects a row without loan number or name, with row number, code and reason', () => {
    expect(rejection({ 贷款账号: '' })).toEqual({ row: 7, code: 'missing_loan_number', reason: '缺少借据号' });
    expect(rejection({ 贷款账号: '   ' })).toMatchObject({ code: 'missing_loan_number' });
    expect(rejection({ 借款人姓名: null })).toEqual({ row: 7, code: 'missing_name', reason: '缺少借款人姓名' });
    expect(rejection({ 余额: '-100' })).toEqual({ row: 7, code: 'balance_negative', reason: '余额不能为负数：-100' });
    expect(rejection({ 身份证号码: '141124********0729' })).toEqual({ row: 7, code: 'masked_resident_id', reason: '身份证号已脱敏（含 *），无法确定借款人' });
    expect(rejection({ 身份证号码: '141124＊＊＊＊＊＊＊＊0729' })).toMatchObject({ code: 'masked_resident_id' });
  });

  it('rejects a balance that is not a number, or none', () => {
    expect(rejection({ 余额: 'N/A' })).toEqual({ row: 7, code: 'balance_not_number', reason: '余额不是数字：N/A' });
    expect(rejection({ 余额: '#N/A' })).toMatchObject({ code: 'balance_not_number', reason: '余额不是数字：#N/A' });
    expect(rejection({ 余额: '' })).toMatchObject({ code: 'balance_not_number', reason: '缺少余额' });
  });

  it('rejects a date that does not exist; an empty date is fine', () => {
    expect(rejection({ 到期日: '2026-02-30' })).toEqual({ row: 7, code: 'invalid_date', reason: '到期日不是有效日期：2026-02-30' });
    expect(rejection({ 放款日: '明天' })).toMatchObject({ code: 'invalid_date', reason: '放款日不是有效日期：明天' });
    expect(loanOf({ 到期日: '', 放款日: null }).loan).toMatchObject({ maturityOn: null, disbursedOn: null });
  });

  it('reads every date form core systems write', () => {
    const dates = (v: unknown) => loanOf({ 到期日: v }).loan.maturityOn;
    expect(dates('2025/3/20')).toBe('2025-03-20');
    expect(dates('20250320')).toBe('2025-03-20');
    expect(dates('2025年3月20日')).toBe('2025-03-20');
    expect(dates('2025-03-20 00:00:00')).toBe('2025-03-20');
    expect(dates(45736)).toBe('2025-03-20'); // Excel date number
    expect(dates(20250320)).toBe('2025-03-20');
    expect(dates(new Date(2025, 2, 20))).toBe('2025-03-20'); // a date cell read with cellDates
    expect(dates('2024-02-29')).toBe('2024-02-29');
    expect(rejection({ 到期日: '2025-02-29' }).code).toBe('invalid_date');
  });

  it('rejects other amounts and day counts that are not numbers', () => {
    expect(rejection({ 合同金额: '五万' })).toEqual({ row: 7, code: 'amount_not_number', reason: '合同金额不是数字：五万' });
    expect(rejection({ 欠息: 'abc' })).toMatchObject({ code: 'amount_not_number', reason: '欠息不是数字：abc' });
    expect(rejection({ 本金逾期天数: '12.5' })).toEqual({ row: 7, code: 'days_not_number', reason: '本金逾期天数不是整数：12.5' });
    expect(rejection({ 本金逾期天数: -3 })).toMatchObject({ code: 'days_not_number' });
  });

  it('names every problem of a row, the first one giving the code', () => {
    expect(rejection({ 贷款账号: '', 余额: 'x', 到期日: '2026-13-01' })).toEqual({
      row: 7,
      code: 'missing_loan_number',
      reason: '缺少借据号；余额不是数字：x；到期日不是有效日期：2026-13-01',
    });
  });
});

describe('parse-row: accepted with warnings', () => {
  it('imports a wrong resident ID with a warning, normalised', () => {
    const { loan, warnings } = loanOf({ 身份证号码: '１４１１２４１９７４０１０５０３６１' });
    expect(loan).toMatchObject({ residentId: '141124197401050361', residentIdValid: false });
    expect(warnings).toEqual([{ row: 7, field: 'residentId', message: '身份证号校验位错误：141124********0361' }]);
    expect(loanOf({ 身份证号码: '1411241974' }).warnings[0].message).toBe('身份证号位数不对：141*****74');
    expect(loanOf({ 身份证号码: '141124197402300368' }).warnings[0].message).toMatch(/^身份证号中的出生日期无效/);
  });

  it('accepts lower-case x and old 15-digit IDs without a warning', () => {
    expect(loanOf({ 身份证号码: '14112419920316286x' })).toMatchObject({ loan: { residentId: '14112419920316286X', residentIdValid: true }, warnings: [] });
    expect(loanOf({ 身份证号码: '141124570501072' })).toMatchObject({ loan: { residentIdValid: true }, warnings: [] });
    expect(loanOf({ 身份证号码: '="141124195705010729"' })).toMatchObject({ loan: { residentId: '141124195705010729', residentIdValid: true }, warnings: [] });
    expect(loanOf({ 身份证号码: '' })).toMatchObject({ loan: { residentId: null, residentIdValid: false }, warnings: [] });
  });

  it('warns when Excel has turned an 18-digit ID into a number', () => {
    const { loan, warnings } = loanOf({ 身份证号码: 141124195705010720 });
    expect(loan.residentId).toBeNull();
    expect(warnings).toEqual([{ row: 7, field: 'residentId', message: '身份证号被存成了数字，末几位已丢失：141124********0720' }]);
  });

  it('keeps each phone once, an invalid number too (with a warning), for staff to correct', () => {
    expect(loanOf({ 手机号: '１３８ ００１３ ８０００' }).loan.phones).toEqual(['13800138000']);
    expect(loanOf({ 手机号: '13800138000/0358-1234567、13800138000' }).loan.phones).toEqual(['13800138000', '0358-1234567']);
    expect(loanOf({ 手机号: 13800138000 }).loan.phones).toEqual(['13800138000']);
    const bad = loanOf({ 手机号: '1380013' });
    expect(bad.loan.phones).toEqual(['1380013']);
    expect(bad.warnings).toEqual([{ row: 7, field: 'phone', message: '电话号码无效：***0013' }]);
    expect(loanOf({ 手机号: '="13800138000"' }).loan.phones).toEqual(['13800138000']);
    expect(loanOf({ 手机号: "'13800138000" }).loan.phones).toEqual(['13800138000']);
    const none = loanOf({ 手机号: '不详' });
    expect(none.loan.phones).toEqual([]);
    expect(none.warnings).toEqual([{ row: 7, field: 'phone', message: '电话号码无效：不详' }]);
    expect(loanOf({ 手机号: '' })).toMatchObject({ loan: { phones: [] }, warnings: [] });
  });

  it('maps the five risk classes, 类 forms and ten-tier grades; unknown text is a warning', () => {
    const risk = (v: unknown) => loanOf({ 风险分类: v });
    expect(risk('正常').loan.riskClass).toBe('正常');
    expect(risk('关注类').loan.riskClass).toBe('关注');
    expect(risk('次级二级').loan.riskClass).toBe('次级');
    expect(risk(' 损失 ').loan.riskClass).toBe('损失');
    for (const [text, tier] of [['正常4', '正常'], ['正常类一级', '正常'], ['关注类贷款', '关注'], ['次级1', '次级'], ['可疑类', '可疑']]) {
      expect(risk(text).loan.riskClass, text).toBe(tier);
    }
    expect(risk('正常九级').warnings).toHaveLength(1);
    expect(risk('')).toMatchObject({ loan: { riskClass: null }, warnings: [] });
    expect(risk('良好')).toMatchObject({ loan: { riskClass: null }, warnings: [{ row: 7, field: 'riskClass', message: '无法识别的风险分类：良好' }] });
  });

  it('reads the village from the address, or warns', () => {
    expect(loanOf({ 住址: '山西省吕梁市临县白文镇刘家会村3组' }).loan).toMatchObject({ township: '白文镇', village: '刘家会村' });
    const none = loanOf({ 住址: '太原市小店区' });
    expect(none.loan).toMatchObject({ township: null, village: null });
    expect(none.warnings).toEqual([{ row: 7, field: 'address', message: '无法从住址中识别所属村：太原市小店区' }]);
    expect(loanOf({ 住址: '' }).warnings).toEqual([{ row: 7, field: 'address', message: '缺少住址，无法确定所属村' }]);
  });

  it('takes village and township columns before the address', () => {
    const parser = createRowParser({ loanNo: 0, name: 1, balance: 2, address: 3, township: 4, village: 5 });
    const read = (cells: unknown[]) => parser(cells, 2);
    expect(read(['L1', '张三', 1, '临县白文镇刘家会村3组', '林家坪镇', '前庄村'])).toMatchObject({ loan: { township: '林家坪镇', village: '前庄村' }, warnings: [] });
    expect(read(['L1', '张三', 1, '临县白文镇刘家会村3组', null, null])).toMatchObject({ loan: { township: '白文镇', village: '刘家会村' } });
    expect(read(['L1', '张三', 1, '临县白文镇刘家会村3组', null, '刘家会村'])).toMatchObject({ loan: { township: '白文镇', village: '刘家会村' } });
    expect(read(['L1', '张三', 1, '', '白文镇', null])).toMatchObject({ loan: { township: null, village: null }, warnings: [{ field: 'address' }] });
    expect(read(['L1', '张三', 1, '', null, '林家坪镇前庄村'])).toMatchObject({ loan: { township: '林家坪镇', village: '前庄村' }, warnings: [] });
    expect(read(['L1', '张三', 1, '', '林家坪镇', '林家坪镇前庄村'])).toMatchObject({ loan: { township: '林家坪镇', village: '前庄村' } });
  });

  it('does not warn about villages when the file has neither address nor village', () => {
    const parser = createRowParser({ loanNo: 0, name: 1, balance: 2 });
    expect(parser(['L1', '张三', '1.00'], 2)).toMatchObject({ ok: true, warnings: [], loan: { village: null, address: '', phones: [], principalOverdueDays: 0 } });
  });

  it('reads the annual rate exactly', () => {
    const rate = (v: unknown) => loanOf({ '年利率%': v }).loan.annualRatePpm;
    expect(rate(5.6)).toBe(56000);
    expect(rate('5.6')).toBe(56000);
    expect(rate('5.6%')).toBe(56000);
    expect(rate('4.35')).toBe(43500);
    expect(rate(0.0435)).toBe(43500); // a percent-formatted Excel cell holds the fraction
    expect(rate('')).toBeNull();
    expect(loanOf({ '年利率%': 'abc' })).toMatchObject({ loan: { annualRatePpm: null }, warnings: [{ field: 'annualRate', message: '年利率不是有效数字：abc' }] });
  });
});

describe('parse-row: normalising', () => {
  it('keeps loan and customer numbers as written, numbers without exponent or float noise', () => {
    expect(loanOf({ 贷款账号: 88011000000, 客户编号: 1234567890123 }).loan).toMatchObject({ loanNo: '88011000000', customerNo: '1234567890123' });
    expect(loanOf({ 贷款账号: ' 88011000000\t' }).loan.loanNo).toBe('88011000000');
    expect(loanOf({ 贷款账号: "'0088011" }).loan.loanNo).toBe('0088011');
    expect(loanOf({ 贷款账号: '="0088011"' }).loan.loanNo).toBe('0088011');
    expect(loanOf({ 贷款账号: '８８０１１' }).loan.loanNo).toBe('88011');
    expect(loanOf({ 客户编号: '' }).loan.customerNo).toBeNull();
  });

  it('reads money in fen, text with separators included', () => {
    const { loan } = loanOf({ 余额: '1,234,567.89', 合同金额: '¥50,000.00', 欠息: '' });
    expect(loan).toMatchObject({ balanceFen: 123456789, contractAmountFen: 5000000, interestOwedFen: null });
    expect(loanOf({ 余额: 387650.8 }).loan.balanceFen).toBe(38765080);
    expect(loanOf({ 欠息: '-' }).loan.interestOwedFen).toBeNull();
  });

  it('reads day counts', () => {
    expect(loanOf({ 本金逾期天数: '88' }).loan.principalOverdueDays).toBe(88);
    expect(loanOf({ 本金逾期天数: '' }).loan.principalOverdueDays).toBe(0);
    expect(loanOf({ 本金逾期天数: 30.0 }).loan.principalOverdueDays).toBe(30);
  });

  it('tidies names and text', () => {
    expect(loanOf({ 借款人姓名: ' 梁\u3000梅 ', 客户经理: '李 志强' }).loan).toMatchObject({ name: '梁梅', managerName: '李志强' });
    expect(loanOf({ 借款人姓名: 'Anna  Li' }).loan.name).toBe('Anna Li');
    expect(loanOf({ 客户经理: '' }).loan.managerName).toBeNull();
    expect(loanOf({ 产品名称: '  农户  小额 ' }).loan.product).toBe('农户 小额');
  });
});

describe('field readers', () => {
  it('parseRatePpm', () => {
    expect(parseRatePpm(7.2)).toBe(72000);
    expect(parseRatePpm('６.５％')).toBe(65000);
    expect(parseRatePpm(0.072)).toBe(72000);
    expect(parseRatePpm('0.5%')).toBe(5000);
    expect(parseRatePpm(null)).toBeNull();
    expect(parseRatePpm(150)).toBe(INVALID);
    expect(parseRatePpm(-1)).toBe(INVALID);
  });

  it('parseDays and parseRiskClass', () => {
    expect(parseDays('12天')).toBe(12);
    expect(parseDays('—')).toBeNull();
    expect(parseDays('1,000')).toBe(INVALID);
    expect(parseRiskClass('可疑类')).toBe('可疑');
    expect(parseRiskClass('关注1')).toBe('关注');
    expect(parseRiskClass('正常类贷款x')).toBe(INVALID);
  });

  it('cell text helpers', () => {
    expect(cellText(8.8011e21)).toBe('8801100000000000000000');
    expect(cellText(1.5e-7)).toBe('0.00000015');
    expect(cellText(-12.5)).toBe('-12.5');
    expect(cellText(true)).toBe('TRUE');
    expect(identifierText(' HT 2023 ')).toBe('HT2023');
    expect(personName('阿卜杜 · 热合曼')).toBe('阿卜杜 · 热合曼');
  });
});
