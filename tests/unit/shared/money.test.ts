import { describe, it, expect } from 'vitest';
import { fenToYuanNumber, formatWanYuan, formatYuan, parseYuanToFen } from '../../../electron/shared/money';

describe('parseYuanToFen — numbers', () => {
  it.each([
    [387650.8, 38765080],
    [6776.16, 677616],
    [50000, 5000000],
    [0, 0],
    [0.01, 1],
    [0.1 + 0.2, 30],
    [1.005, 101], // 1.005 * 100 is 100.49999999999999 in floating point
    [2.675, 268],
    [1.115, 112],
    [0.125, 13],
    [0.124, 12],
    [-1.005, -101],
    [-387650.8, -38765080],
    [19607276.97, 1960727697],
    [1e-7, 0],
    [9999999999999.99, 999999999999999], // 15 significant digits: the most a double keeps
  ])('%s → %s', (input, fen) => {
    expect(parseYuanToFen(input)).toBe(fen);
  });

  it('never returns negative zero', () => {
    expect(Object.is(parseYuanToFen(-0.001), 0)).toBe(true);
    expect(Object.is(parseYuanToFen(-0), 0)).toBe(true);
    expect(Object.is(parseYuanToFen('-0.00'), 0)).toBe(true);
  });

  it('rejects non-finite and too-large numbers', () => {
    expect(parseYuanToFen(Number.NaN)).toBeNull();
    expect(parseYuanToFen(Number.POSITIVE_INFINITY)).toBeNull();
    expect(parseYuanToFen(1e21)).toBeNull();
    expect(parseYuanToFen(1e15)).toBeNull();
  });
});

describe('parseYuanToFen — strings', () => {
  it.each([
    ['35,484.25', 3548425],
    ['387650.8', 38765080],
    ['  12  ', 1200],
    ['1,234,567.89', 123456789],
    ['1，234.5', 123450],
    ['1 234 567.8', 123456780],
    ['１２３４．５６', 123456],
    ['￥1,234.56', 123456],
    ['¥ 12', 1200],
    ['12元', 1200],
    ['￥１，２３４．５６元', 123456],
    ['-12.5', -1250],
    ['－12.5', -1250],
    ['-¥12', -1200],
    ['¥-12', -1200],
    ['+7', 700],
    ['0.005', 1],
    ['0.0049', 0],
    ['1.234', 123],
    ['1.235', 124],
    ['-1.235', -124],
    ['0.999', 100],
    ['99.995', 10000],
    ['12.', 1200],
    ['.5', 50],
    ['007', 700],
    ['\u300012\u3000', 1200],
  ])('%j → %s', (input, fen) => {
    expect(parseYuanToFen(input)).toBe(fen);
  });

  it.each(['', '   ', '-', '+', '.', '¥', '元', 'abc', '12.3.4', 'N/A', '12a', '1e5', '-¥-12', '--5', '1,234.5,6', '1,2,3', '12,34.5', '1,2345', ',123', '123,', '1, 234', '(12)', '12元元', '十二'])(
    '%j → null',
    (input) => {
      expect(parseYuanToFen(input)).toBeNull();
    },
  );

  it('rejects values beyond safe integer fen', () => {
    expect(parseYuanToFen('90071992547409.91')).toBe(9007199254740991);
    expect(parseYuanToFen('90071992547409.92')).toBeNull();
    expect(parseYuanToFen('999999999999999999')).toBeNull();
  });
});

describe('parseYuanToFen — other types', () => {
  it.each([null, undefined, true, {}, [], new Date(0), 12n])('%s → null', (input) => {
    expect(parseYuanToFen(input)).toBeNull();
  });
});

describe('formatYuan', () => {
  it.each([
    [3548425, '35,484.25'],
    [38765080, '387,650.80'],
    [0, '0.00'],
    [-0, '0.00'],
    [1, '0.01'],
    [10, '0.10'],
    [99999, '999.99'],
    [100000, '1,000.00'],
    [123456789, '1,234,567.89'],
    [-5, '-0.05'],
    [-123456789, '-1,234,567.89'],
    [1960727697, '19,607,276.97'],
    [9007199254740991, '90,071,992,547,409.91'],
  ])('%s → %s', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
  });

  it('rounds non-integer fen and blanks non-finite values', () => {
    expect(formatYuan(12.5)).toBe('0.13');
    expect(formatYuan(-0.4)).toBe('0.00');
    expect(formatYuan(Number.NaN)).toBe('');
    expect(formatYuan(Number.POSITIVE_INFINITY)).toBe('');
  });

  it('round-trips through parseYuanToFen', () => {
    for (const fen of [0, 1, 99, 100, 3548425, -38765080, 123456789012]) {
      expect(parseYuanToFen(formatYuan(fen))).toBe(fen);
    }
  });
});

describe('formatWanYuan', () => {
  it.each([
    [1960727697, 2, '1,960.73'],
    [1000000, 2, '1.00'],
    [0, 2, '0.00'],
    [5000, 2, '0.01'], // 0.005 万元 rounds half up
    [4999, 2, '0.00'],
    [-5000, 2, '-0.01'],
    [-4999, 2, '0.00'],
    [123456789, 2, '123.46'],
    [123456789, 0, '123'],
    [1960727697, 4, '1,960.7277'],
    [1960727697, 6, '1,960.727697'],
    [999995000, 2, '1,000.00'],
    [50000000000, 1, '50,000.0'],
    [-1960727697, 2, '-1,960.73'],
  ])('%s fen, %s digits → %s', (fen, digits, text) => {
    expect(formatWanYuan(fen, digits)).toBe(text);
  });

  it('defaults to two decimals', () => {
    expect(formatWanYuan(1960727697)).toBe('1,960.73');
  });

  it('rejects bad digit counts', () => {
    expect(() => formatWanYuan(100, 7)).toThrow(RangeError);
    expect(() => formatWanYuan(100, -1)).toThrow(RangeError);
    expect(() => formatWanYuan(100, 1.5)).toThrow(RangeError);
  });

  it('blanks non-finite values', () => {
    expect(formatWanYuan(Number.NaN)).toBe('');
  });
});

describe('fenToYuanNumber', () => {
  it.each([
    [38765080, 387650.8],
    [3548425, 35484.25],
    [1, 0.01],
    [10, 0.1],
    [0, 0],
    [-677616, -6776.16],
    [1960727697, 19607276.97],
  ])('%s → %s', (fen, yuan) => {
    expect(fenToYuanNumber(fen)).toBe(yuan);
  });

  it('gives the same double as the written decimal', () => {
    for (const fen of [1, 7, 29, 101, 3548425, 123456789, 999999999999999]) {
      const text = formatYuan(fen).replace(/,/g, '');
      expect(fenToYuanNumber(fen)).toBe(Number(text));
      expect(parseYuanToFen(fenToYuanNumber(fen))).toBe(fen);
    }
  });

  it('never returns negative zero', () => {
    expect(Object.is(fenToYuanNumber(-0), 0)).toBe(true);
  });
});
