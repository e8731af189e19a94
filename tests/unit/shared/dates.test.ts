import { describe, it, expect } from 'vitest';
import { addDays, daysBetween, isBusinessDate, parseBusinessDate, todayLocal } from '../../../electron/shared/dates';

describe('parseBusinessDate — strings', () => {
  it.each([
    ['2025-03-20', '2025-03-20'],
    ['2025/3/20', '2025-03-20'],
    ['2025/03/20', '2025-03-20'],
    ['2025.3.20', '2025-03-20'],
    ['2025-3-5', '2025-03-05'],
    ['20250320', '2025-03-20'],
    ['2025年3月20日', '2025-03-20'],
    ['2025年03月20日', '2025-03-20'],
    ['2025 年 3 月 20 日', '2025-03-20'],
    ['  2025-03-20  ', '2025-03-20'],
    ['\u30002025/3/20\u3000', '2025-03-20'],
    ['２０２５－０３－２０', '2025-03-20'],
    ['２０２５年３月２０日', '2025-03-20'],
    ['２０２５０３２０', '2025-03-20'],
    ['2025-03-20 00:00:00', '2025-03-20'],
    ['2025/3/20 8:30', '2025-03-20'],
    ['2025-03-20T00:00:00', '2025-03-20'],
    ['2024-02-29', '2024-02-29'],
    ['2000-02-29', '2000-02-29'],
    ['1900-01-01', '1900-01-01'],
    ['2999-12-31', '2999-12-31'],
    ['2027年1月4日', '2027-01-04'],
  ])('%j → %s', (input, date) => {
    expect(parseBusinessDate(input)).toBe(date);
  });

  it.each([
    '2026-02-30',
    '2025-13-01',
    '2023-02-29',
    '1900-02-29',
    '2100-02-29',
    '2025-00-10',
    '2025-04-31',
    '2025-04-00',
    '20250231',
    '20251301',
    '2025年2月30日',
    '1899-12-31',
    '3000-01-01',
    '0000-01-01',
    '',
    '   ',
    'abc',
    '2025-03',
    '2025-3/20',
    '2025/03-20',
    '25-03-20',
    '2025-003-20',
    '202503201',
    '45736',
    '2025-03-20 abc',
    '2025-03-20T',
    '2025年3月',
    '2025年3月20',
    '3/20/2025',
  ])('%j → null', (input) => {
    expect(parseBusinessDate(input)).toBeNull();
  });
});

describe('parseBusinessDate — numbers', () => {
  it.each([
    [45736, '2025-03-20'],
    [45736.99, '2025-03-20'], // time of day dropped
    [1, '1900-01-01'],
    [31, '1900-01-31'],
    [59, '1900-02-28'],
    [61, '1900-03-01'], // after Lotus's fake 1900-02-29
    [366, '1900-12-31'],
    [367, '1901-01-01'],
    [25569, '1970-01-01'],
    [36526, '2000-01-01'],
    [45351, '2024-02-29'],
    [46022, '2025-12-31'],
    [99999, '2173-10-13'],
    [20250320, '2025-03-20'],
    [19000101, '1900-01-01'],
    [29991231, '2999-12-31'],
    [20240229, '2024-02-29'],
  ])('%s → %s', (input, date) => {
    expect(parseBusinessDate(input)).toBe(date);
  });

  it.each([
    60, // 1900-02-29 does not exist
    0,
    0.5,
    -1,
    100000,
    2958465, // a valid serial, but only numbers below 100000 are read as serials
    19000100,
    20230229,
    20251301,
    29991232,
    30000101,
    20250320.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
  ])('%s → null', (input) => {
    expect(parseBusinessDate(input)).toBeNull();
  });
});

describe('parseBusinessDate — other values', () => {
  it('reads a Date by its local calendar date', () => {
    expect(parseBusinessDate(new Date(2025, 2, 20))).toBe('2025-03-20');
    expect(parseBusinessDate(new Date(2025, 2, 20, 23, 59, 59))).toBe('2025-03-20');
    expect(parseBusinessDate(new Date(2024, 1, 29, 0, 0, 1))).toBe('2024-02-29');
  });

  it('rejects invalid Dates and other types', () => {
    expect(parseBusinessDate(new Date(Number.NaN))).toBeNull();
    expect(parseBusinessDate(null)).toBeNull();
    expect(parseBusinessDate(undefined)).toBeNull();
    expect(parseBusinessDate(true)).toBeNull();
    expect(parseBusinessDate({})).toBeNull();
    expect(parseBusinessDate(['2025-03-20'])).toBeNull();
  });
});

describe('isBusinessDate', () => {
  it('accepts well-formed real dates', () => {
    expect(isBusinessDate('2025-03-20')).toBe(true);
    expect(isBusinessDate('2024-02-29')).toBe(true);
    expect(isBusinessDate('0001-01-01')).toBe(true);
    expect(isBusinessDate('9999-12-31')).toBe(true);
  });

  it.each(['2025-3-20', '2025/03/20', '20250320', '2026-02-30', '2023-02-29', '2025-13-01', '2025-00-01', '0000-01-01', ' 2025-03-20', '2025-03-20 ', ''])(
    'rejects %j',
    (s) => {
      expect(isBusinessDate(s)).toBe(false);
    },
  );
});

describe('addDays', () => {
  it.each([
    ['2025-03-20', 0, '2025-03-20'],
    ['2025-03-20', 7, '2025-03-27'],
    ['2025-03-20', -7, '2025-03-13'],
    ['2025-03-31', 1, '2025-04-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2025-01-01', -1, '2024-12-31'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2025-03-20', 365, '2026-03-20'],
    ['2024-01-01', 366, '2025-01-01'],
    ['2025-03-20', 90, '2025-06-18'],
    ['1970-01-01', -1, '1969-12-31'],
    ['1899-12-30', 45736, '2025-03-20'],
  ])('%s %+d → %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });

  it('does not depend on daylight-saving transitions', () => {
    // Crossing a DST change in zones that have one: day arithmetic must still be exact.
    expect(addDays('2025-03-08', 2)).toBe('2025-03-10');
    expect(addDays('2025-10-25', 2)).toBe('2025-10-27');
  });

  it('throws on malformed dates, non-integer days and results beyond year 9999', () => {
    expect(() => addDays('2025/03/20', 1)).toThrow(RangeError);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2025-03-20', 1.5)).toThrow(RangeError);
    expect(() => addDays('2025-03-20', Number.NaN)).toThrow(RangeError);
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
    expect(() => addDays('0001-01-01', -1)).toThrow(RangeError);
  });
});

describe('daysBetween', () => {
  it.each([
    ['2025-03-20', '2025-03-27', 7],
    ['2025-03-27', '2025-03-20', -7],
    ['2025-03-20', '2025-03-20', 0],
    ['2024-01-01', '2025-01-01', 366],
    ['2025-01-01', '2026-01-01', 365],
    ['1970-01-01', '2025-03-20', 20167],
    ['2024-02-28', '2024-03-01', 2],
    ['2023-02-28', '2023-03-01', 1],
    ['1900-01-01', '2000-01-01', 36524],
  ])('%s → %s is %s days', (a, b, n) => {
    expect(daysBetween(a, b)).toBe(n);
  });

  it('is the inverse of addDays', () => {
    for (const n of [-1000, -1, 0, 1, 59, 365, 10000]) {
      expect(daysBetween('2025-03-20', addDays('2025-03-20', n))).toBe(n);
    }
  });

  it('throws on malformed dates', () => {
    expect(() => daysBetween('2025-03-20', '20250327')).toThrow(RangeError);
    expect(() => daysBetween('x', '2025-03-27')).toThrow(RangeError);
  });
});

describe('todayLocal', () => {
  it('formats the local calendar date', () => {
    expect(todayLocal(new Date(2025, 2, 20, 0, 0, 0))).toBe('2025-03-20');
    expect(todayLocal(new Date(2025, 2, 20, 23, 59, 59, 999))).toBe('2025-03-20');
    expect(todayLocal(new Date(2024, 0, 5, 12))).toBe('2024-01-05');
  });

  it('defaults to now, or to BRANCH_LEDGER_TODAY when that is set (as the tests set it)', () => {
    const fixed = process.env.BRANCH_LEDGER_TODAY;
    try {
      delete process.env.BRANCH_LEDGER_TODAY;
      const before = todayLocal(new Date());
      const today = todayLocal();
      const after = todayLocal(new Date());
      expect(isBusinessDate(today)).toBe(true);
      expect([before, after]).toContain(today);
      process.env.BRANCH_LEDGER_TODAY = '2031-05-06';
      expect(todayLocal()).toBe('2031-05-06');
      expect(todayLocal(new Date(2025, 2, 20))).toBe('2025-03-20');
    } finally {
      if (fixed === undefined) delete process.env.BRANCH_LEDGER_TODAY;
      else process.env.BRANCH_LEDGER_TODAY = fixed;
    }
  });
});
