import { describe, expect, it } from 'vitest';
import { archiveDueOn, isWorkingDay } from '../../../electron/backend/archives/archive-calendar';

const weekday = (day: string) => ['日', '一', '二', '三', '四', '五', '六'][new Date(`${day}T00:00:00Z`).getUTCDay()];

const plain = { deadlineDays: 10, holidays: new Set<string>(), workdays: new Set<string>() };

/** 国庆 2026: Thursday 1 to Wednesday 7 October off, Sunday 27 September and Saturday 10 October worked. */
const guoqing = {
  deadlineDays: 10,
  holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']),
  workdays: new Set(['2026-09-27', '2026-10-10']),
};

describe('the dates these tests use are the weekdays they say', () => {
  it.each([
    ['2026-09-25', '五'],
    ['2026-09-27', '日'],
    ['2026-09-30', '三'],
    ['2026-10-01', '四'],
    ['2026-10-07', '三'],
    ['2026-10-10', '六'],
    ['2026-11-27', '五'],
    ['2026-11-28', '六'],
    ['2026-12-11', '五'],
  ])('%s is 周%s', (day, name) => expect(weekday(day)).toBe(name));
});

describe('working days', () => {
  it('are Monday to Friday when the calendar names no day', () => {
    expect(['2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30'].map((d) => isWorkingDay(plain, d))).toEqual([true, false, false, true]);
  });

  it('skip holidays, even on a weekday, and count the weekend days worked instead', () => {
    expect(isWorkingDay(guoqing, '2026-10-01')).toBe(false);
    expect(isWorkingDay(guoqing, '2026-10-07')).toBe(false);
    expect(isWorkingDay(guoqing, '2026-10-08')).toBe(true);
    expect(isWorkingDay(guoqing, '2026-09-27')).toBe(true);
    expect(isWorkingDay(guoqing, '2026-10-10')).toBe(true);
    expect(isWorkingDay(guoqing, '2026-10-11')).toBe(false);
  });
});

describe('a file’s deadline: the Nth working day after disbursement', () => {
  it('skips weekends: disbursed on Friday 27 November, due on Friday 11 December', () => {
    expect(archiveDueOn(plain, '2026-11-27')).toBe('2026-12-11');
  });

  it('disbursed on a Saturday counts from the Monday after, like the Friday before', () => {
    expect(archiveDueOn(plain, '2026-11-28')).toBe('2026-12-11');
    expect(archiveDueOn(plain, '2026-11-29')).toBe('2026-12-11');
  });

  it('the disbursement day itself does not count', () => {
    expect(archiveDueOn({ ...plain, deadlineDays: 1 }, '2026-11-30')).toBe('2026-12-01');
    expect(archiveDueOn({ ...plain, deadlineDays: 1 }, '2026-11-27')).toBe('2026-11-30');
  });

  it('across 国庆: the holiday week is skipped and the two weekend days worked count', () => {
    // Without the calendar: ten weekdays from Monday 28 September end on Friday 9 October.
    expect(archiveDueOn(plain, '2026-09-25')).toBe('2026-10-09');
    // 27 Sep (Sun, worked), 28, 29, 30 Sep, 8, 9 Oct, 10 Oct (Sat, worked), 12, 13, 14 Oct.
    expect(archiveDueOn(guoqing, '2026-09-25')).toBe('2026-10-14');
  });

  it('disbursed on a holiday counts from the first working day after it', () => {
    // 8, 9, 10 (Sat, worked), 12, 13, 14, 15, 16, 19, 20 October.
    expect(archiveDueOn(guoqing, '2026-10-01')).toBe('2026-10-20');
    expect(archiveDueOn({ ...guoqing, deadlineDays: 1 }, '2026-09-30')).toBe('2026-10-08');
  });

  it('a deadline ending on a weekend day worked is that day', () => {
    // 8, 9 October, then Saturday the 10th, worked.
    expect(archiveDueOn({ ...guoqing, deadlineDays: 3 }, '2026-10-07')).toBe('2026-10-10');
  });
});
