import { describe, it, expect } from 'vitest';
import { fenToChineseCapitals } from '../../../electron/shared/capitals';

describe('fenToChineseCapitals', () => {
  it.each([
    // whole amounts end in 元整
    [1200000, '壹万贰仟元整'],
    [0, '零元整'],
    [100, '壹元整'],
    [900, '玖元整'],
    [2000, '贰拾元整'],
    [100000000, '壹佰万元整'],
    [10000000000, '壹亿元整'],
    [10001000000, '壹亿零壹万元整'],
    [10000000100, '壹亿零壹元整'],
    [10000010000, '壹亿零壹佰元整'],
    [10100000000, '壹亿零壹佰万元整'],
    [10000100000, '壹亿零壹仟元整'], // an all-zero 万 group still leaves its 零
    [100000000000, '壹拾亿元整'],
    [1000000, '壹万元整'],
    [1000100, '壹万零壹元整'],
    [100100, '壹仟零壹元整'],
    [600700, '陆仟零柒元整'],
    [110000, '壹仟壹佰元整'],
    // 拾 always with its digit
    [1000, '壹拾元整'],
    [1500, '壹拾伍元整'],
    [101000, '壹仟零壹拾元整'],
    [1000000000, '壹仟万元整'],
    [1010100000, '壹仟零壹拾万壹仟元整'],
    [1100000000, '壹仟壹佰万元整'],
    [10010100000, '壹亿零壹拾万壹仟元整'],
    [1100000, '壹万壹仟元整'],
    [11000000, '壹拾壹万元整'],
    [10000000, '壹拾万元整'],
    [1001000000, '壹仟零壹万元整'],
    [1000010000, '壹仟万零壹佰元整'],
  ])('%s fen → %s', (fen, text) => {
    expect(fenToChineseCapitals(fen)).toBe(text);
  });

  it.each([
    [123456789, '壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分'],
    [10005, '壹佰元零伍分'],
    [1050, '壹拾元伍角'],
    [140950, '壹仟肆佰零玖元伍角'],
    [600714, '陆仟零柒元壹角肆分'],
    [168032, '壹仟陆佰捌拾元叁角贰分'],
    [10700053, '壹拾万柒仟元伍角叁分'],
    [1640902, '壹万陆仟肆佰零玖元零贰分'],
    [32504, '叁佰贰拾伍元零肆分'],
    [101, '壹元零壹分'],
    [110, '壹元壹角'],
    [5, '伍分'],
    [50, '伍角'],
    [55, '伍角伍分'],
    [1, '壹分'],
    [3548425, '叁万伍仟肆佰捌拾肆元贰角伍分'],
    [38765080, '叁拾捌万柒仟陆佰伍拾元捌角'],
  ])('%s fen → %s (角 and 分)', (fen, text) => {
    expect(fenToChineseCapitals(fen)).toBe(text);
  });

  it.each([
    [100000000000000, '壹万亿元整'],
    [100010000000000, '壹万零壹亿元整'],
    [100000001000000, '壹万亿零壹万元整'],
    [100000000100000, '壹万亿零壹仟元整'],
    [1234567890012300, '壹拾贰万叁仟肆佰伍拾陆亿柒仟捌佰玖拾万零壹佰贰拾叁元整'],
    [9007199254740991, '玖拾万零柒佰壹拾玖亿玖仟贰佰伍拾肆万柒仟肆佰零玖元玖角壹分'],
  ])('%s fen → %s (万亿)', (fen, text) => {
    expect(fenToChineseCapitals(fen)).toBe(text);
  });

  it('prefixes negative amounts with 负', () => {
    expect(fenToChineseCapitals(-320)).toBe('负叁元贰角');
    expect(fenToChineseCapitals(-1200000)).toBe('负壹万贰仟元整');
    expect(fenToChineseCapitals(-5)).toBe('负伍分');
    expect(fenToChineseCapitals(-0)).toBe('零元整');
  });

  it('never writes two 零 in a row, nor ends the integer part with 零', () => {
    for (let yuan = 1; yuan <= 20000; yuan += 7) {
      for (const fen of [yuan * 100, yuan * 100 + 5, yuan * 10000 + 1]) {
        const text = fenToChineseCapitals(fen);
        expect(text).not.toMatch(/零零|零[元万亿]|^零/);
        expect(text).toMatch(/^[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]+$/);
        expect(text).not.toMatch(/(^|[^壹贰叁肆伍陆柒捌玖])拾/);
      }
    }
  });

  it('rejects amounts that are not safe integers', () => {
    expect(() => fenToChineseCapitals(1.5)).toThrow(RangeError);
    expect(() => fenToChineseCapitals(Number.NaN)).toThrow(RangeError);
    expect(() => fenToChineseCapitals(2 ** 53)).toThrow(RangeError);
  });
});
