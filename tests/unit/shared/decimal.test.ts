import { describe, expect, it } from 'vitest';
import { scaleDecimal } from '../../../electron/shared/decimal';

describe('scaleDecimal', () => {
  it('is exact where multiplying floats is not', () => {
    expect(scaleDecimal('5.6', 4)).toBe(56000);
    expect(scaleDecimal('0.1', 6)).toBe(100000);
    expect(scaleDecimal('4.35005', 4)).toBe(43501);
    expect(scaleDecimal('1.005', 2)).toBe(101);
    expect(scaleDecimal('.5', 2)).toBe(50);
    expect(scaleDecimal('7', 2)).toBe(700);
  });

  it('takes plain unsigned decimals only', () => {
    for (const text of ['1e3', '', '.', '-1', '+1', '1,000', ' 1', '1.2.3']) expect(scaleDecimal(text, 2), text).toBeNull();
    expect(scaleDecimal('9'.repeat(16), 2)).toBeNull();
  });
});
