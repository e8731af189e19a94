import { afterEach, describe, expect, it } from 'vitest';
import { todayLocal } from '../../../electron/shared/dates';

describe('todayLocal', () => {
  const saved = process.env.BRANCH_LEDGER_TODAY;
  afterEach(() => {
    if (saved === undefined) delete process.env.BRANCH_LEDGER_TODAY;
    else process.env.BRANCH_LEDGER_TODAY = saved;
  });

  it('is the clock date of a given instant, whatever BRANCH_LEDGER_TODAY says', () => {
    process.env.BRANCH_LEDGER_TODAY = '2026-12-02';
    expect(todayLocal(new Date(2031, 0, 5, 12))).toBe('2031-01-05');
  });

  it('without an instant, is BRANCH_LEDGER_TODAY when that is a real date (the tests set it), else the clock', () => {
    process.env.BRANCH_LEDGER_TODAY = '2027-03-04';
    expect(todayLocal()).toBe('2027-03-04');
    process.env.BRANCH_LEDGER_TODAY = '2027-02-30';
    expect(todayLocal()).toBe(todayLocal(new Date()));
    delete process.env.BRANCH_LEDGER_TODAY;
    expect(todayLocal()).toBe(todayLocal(new Date()));
  });
});
