import { describe, it, expect } from 'vitest';
import {
  canonicalResidentId,
  checkResidentId,
  maskResidentId,
  normalizeResidentId,
  residentIdCheckDigit,
} from '../../../electron/shared/resident-id';

// Check digits below were computed independently (Python) from the GB 11643 weights.
describe('residentIdCheckDigit', () => {
  it.each([
    ['11010519491231002', 'X'], // the example from GB 11643
    ['14112419570501072', '9'],
    ['14112419580801954', 'X'],
    ['14112420000229001', '9'],
    ['44030620190615231', '6'],
    ['14112419850307331', '1'], // sum mod 11 = 0
    ['14112419900101004', '0'], // sum mod 11 = 1
    ['14112419900101005', '9'], // sum mod 11 = 3
    ['14112419900101009', '1'], // sum mod 11 = 0
    ['14112419900101010', '4'], // sum mod 11 = 8
    ['14112419900101011', '2'], // sum mod 11 = 10
    ['00000000000000000', '1'],
  ])('%s → %s', (first17, digit) => {
    expect(residentIdCheckDigit(first17)).toBe(digit);
  });

  it('throws unless given exactly 17 digits', () => {
    expect(() => residentIdCheckDigit('1411241957050107')).toThrow(RangeError);
    expect(() => residentIdCheckDigit('141124195705010729')).toThrow(RangeError);
    expect(() => residentIdCheckDigit('1411241957050107X')).toThrow(RangeError);
    expect(() => residentIdCheckDigit('')).toThrow(RangeError);
  });
});

describe('normalizeResidentId', () => {
  it.each([
    ['141124195705010729', '141124195705010729'],
    ['  141124195705010729 ', '141124195705010729'],
    ['141124 19570501 0729', '141124195705010729'],
    ['１４１１２４１９５７０５０１０７２９', '141124195705010729'],
    ['11010519491231002x', '11010519491231002X'],
    ['11010519491231002ｘ', '11010519491231002X'],
    ['11010519491231002Ｘ', '11010519491231002X'],
    ["'141124195705010729", '141124195705010729'],
    ['\u3000141124195705010729\t', '141124195705010729'],
    ['', ''],
    ['   ', ''],
    ['无', '无'],
  ])('%j → %j', (input, id) => {
    expect(normalizeResidentId(input)).toBe(id);
  });

  it('accepts 15-digit IDs stored as numbers', () => {
    expect(normalizeResidentId(141124570501072)).toBe('141124570501072');
  });

  it('refuses 18-digit IDs stored as numbers, whose last digits Excel has lost', () => {
    expect(normalizeResidentId(Number('141124195705010729'))).toBe('');
    expect(normalizeResidentId(Number.NaN)).toBe('');
    expect(normalizeResidentId(-141124570501072)).toBe('');
  });

  it('returns empty for other types', () => {
    expect(normalizeResidentId(null)).toBe('');
    expect(normalizeResidentId(undefined)).toBe('');
    expect(normalizeResidentId({})).toBe('');
  });
});

describe('checkResidentId', () => {
  it.each([
    ['11010519491231002X', '1949-12-31', 'F'],
    ['141124195705010729', '1957-05-01', 'F'],
    ['14112419580801954X', '1958-08-01', 'F'],
    ['141124200002290019', '2000-02-29', 'M'],
    ['440306201906152316', '2019-06-15', 'M'],
    ['141124198503073311', '1985-03-07', 'M'],
    ['14112419850307332X', '1985-03-07', 'F'],
    ['141124198503073338', '1985-03-07', 'M'],
    ['141124199001011238', '1990-01-01', 'M'],
    ['141124199001011246', '1990-01-01', 'F'],
  ])('%s is valid, born %s, gender %s', (id, birthDate, gender) => {
    expect(checkResidentId(id)).toEqual({ ok: true, birthDate, gender, legacy: false });
  });

  it('accepts 15-digit legacy IDs (birth year 19yy, no check digit)', () => {
    expect(checkResidentId('141124570501072')).toEqual({ ok: true, birthDate: '1957-05-01', gender: 'F', legacy: true });
    expect(checkResidentId('141124850307331')).toEqual({ ok: true, birthDate: '1985-03-07', gender: 'M', legacy: true });
    expect(checkResidentId('110105000228124')).toEqual({ ok: true, birthDate: '1900-02-28', gender: 'F', legacy: true });
  });

  it.each([
    ['', 'length'],
    ['14112419570501072', 'length'],
    ['1411241957050107290', 'length'],
    ['1411245705010721', 'length'],
    ['14112457050107', 'length'],
    ['141124195705010X29', 'chars'],
    ['141124195705O10729', 'chars'],
    ['11010519491231002x', 'chars'], // not normalised
    ['14112457050107X', 'chars'],
    ['141124 19570501072', 'chars'],
    ['141124197401050361', 'check-digit'], // row 52 of the sample export
    ['141124195705010728', 'check-digit'],
    ['110105194912310021', 'check-digit'],
    ['14112419570501072X', 'check-digit'],
    ['141124202302290011', 'birth-date'], // 2023-02-29
    ['141124198513070018', 'birth-date'], // month 13 (check digit valid)
    ['141124189912310010', 'birth-date'], // before 1900 (check digit valid)
    ['141124199004310015', 'birth-date'],
    ['141124199001000010', 'birth-date'],
    ['141124571301072', 'birth-date'],
    ['141124000229123', 'birth-date'], // 1900-02-29 does not exist
  ])('%j fails with %s', (id, reason) => {
    expect(checkResidentId(id)).toEqual({ ok: false, reason });
  });

  it('works on normalised input', () => {
    expect(checkResidentId(normalizeResidentId(' 11010519491231002x '))).toMatchObject({ ok: true, gender: 'F' });
  });

  it('accepts every 18-digit ID whose check digit is computed, and no other last character', () => {
    for (const first17 of ['14112419900101001', '14112419900101002', '14112419900101003', '14112419900101006']) {
      const good = residentIdCheckDigit(first17);
      for (const last of '0123456789X') {
        const result = checkResidentId(first17 + last);
        expect(result.ok).toBe(last === good);
      }
    }
  });
});

describe('maskResidentId', () => {
  it('keeps the first 6 and last 4 of an 18-character ID', () => {
    expect(maskResidentId('141124195705010729')).toBe('141124********0729');
    expect(maskResidentId('11010519491231002X')).toBe('110105********002X');
  });

  it('keeps the first 6 and last 4 of a 15-digit ID, as of an 18-digit one', () => {
    expect(maskResidentId('141124570501072')).toBe('141124*****1072');
  });

  it('keeps the first 3 and last 2 of other lengths', () => {
    expect(maskResidentId('1411241957050107')).toBe('141***********07');
    expect(maskResidentId('123456')).toBe('123*56');
  });

  it('masks short strings entirely', () => {
    expect(maskResidentId('12345')).toBe('*****');
    expect(maskResidentId('1')).toBe('*');
    expect(maskResidentId('')).toBe('');
  });

  it('keeps the length', () => {
    for (const id of ['141124195705010729', '141124570501072', 'abcdefgh']) {
      expect(maskResidentId(id)).toHaveLength(id.length);
    }
  });
});

describe('canonicalResidentId', () => {
  it('gives a valid 15-digit ID its 18-digit form, so the two match', () => {
    const eighteen = canonicalResidentId('141124570501072');
    expect(eighteen).toMatch(/^14112419570501072[\dX]$/);
    expect(checkResidentId(eighteen).ok).toBe(true);
  });

  it('leaves every other ID as it is', () => {
    expect(canonicalResidentId('141124195705010729')).toBe('141124195705010729');
    expect(canonicalResidentId('14112457050107')).toBe('14112457050107');
  });
});

describe('checkResidentId: birth date', () => {
  it('refuses a birth date after today', () => {
    const first17 = '14112420990101001';
    expect(checkResidentId(first17 + residentIdCheckDigit(first17))).toEqual({ ok: false, reason: 'birth-date' });
  });

  it('judges against the today it is given: born on that day is valid, the day after is not', () => {
    const born = (ymd: string) => {
      const first17 = `141124${ymd}001`;
      return first17 + residentIdCheckDigit(first17);
    };
    expect(checkResidentId(born('20261203'), '2026-12-03')).toMatchObject({ ok: true, birthDate: '2026-12-03' });
    expect(checkResidentId(born('20261204'), '2026-12-03')).toEqual({ ok: false, reason: 'birth-date' });
    // Without one, today is BRANCH_LEDGER_TODAY (2026-12-02 in the tests).
    expect(checkResidentId(born('20261203'))).toEqual({ ok: false, reason: 'birth-date' });
  });
});
