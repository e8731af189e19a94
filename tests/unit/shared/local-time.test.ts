import { describe, expect, it } from 'vitest';
import { formatLocalDateTime, localFileStamp } from '../../../electron/shared/local-time';

describe('local time', () => {
  const at = new Date(2025, 2, 5, 9, 4, 7); // local time, whatever the machine's zone

  it('formats an instant as local date and minutes', () => {
    expect(formatLocalDateTime(at)).toBe('2025-03-05 09:04');
    expect(formatLocalDateTime(at.getTime())).toBe('2025-03-05 09:04');
    expect(formatLocalDateTime(new Date(2025, 11, 31, 23, 59, 59))).toBe('2025-12-31 23:59');
  });

  it('gives nothing for an invalid instant', () => {
    expect(formatLocalDateTime(Number.NaN)).toBe('');
    expect(formatLocalDateTime(new Date('not a date'))).toBe('');
  });

  it('stamps file names to the second', () => {
    expect(localFileStamp(at)).toBe('20250305-090407');
  });
});
