import { describe, expect, it } from 'vitest';
import { maskPersonalData } from '../../../electron/shared/personal-data';

describe('maskPersonalData', () => {
  it.each([
    ['电话号码无效：141124195705010729', '电话号码无效：141124********0729'],
    ['电话号码无效：14112419570501072X', '电话号码无效：141124********072X'],
    ['身份证号位数不对：141124570501072', '身份证号位数不对：141124*****1072'],
    ['电话号码无效：1879240134', '电话号码无效：******0134'],
    ['电话号码无效：13800138000 或 0358-1234567', '电话号码无效：138****8000 或 0358-***4567'],
    ['电话号码无效：１８７９２４０１３４９', '电话号码无效：１８７****１３４９'],
  ])('%s → %s', (input, masked) => {
    expect(maskPersonalData(input)).toBe(masked);
  });

  it('leaves amounts, dates, row numbers and short codes alone', () => {
    for (const text of ['余额不是数字：35,484.25', '放款日不是有效日期：2026-02-30', '第 12 行', '年利率不是有效数字：5.6%', '无法识别的风险分类：正常4']) {
      expect(maskPersonalData(text)).toBe(text);
    }
  });
});
