import { describe, it, expect } from 'vitest';
import { parseBusinessDate } from '../../../electron/shared/dates';
import { parseYuanToFen } from '../../../electron/shared/money';
import { checkPhone, splitPhones } from '../../../electron/shared/phone';
import { checkResidentId, normalizeResidentId } from '../../../electron/shared/resident-id';
import { SAMPLE_EXPECTED, acceptedSampleRows, readSampleRows } from './sample-csv';

// The shared helpers against every row of the sample core-system export.
describe('sample core export', () => {
  const rows = readSampleRows();

  it('has a valid resident ID on every row except the one flagged', () => {
    const bad = rows.filter((row) => !checkResidentId(normalizeResidentId(row.cells['身份证号码'])).ok).map((row) => row.line);
    expect(bad).toEqual(SAMPLE_EXPECTED.badIdLines);
    expect(checkResidentId(normalizeResidentId(rows.find((r) => r.line === 52)?.cells['身份证号码']))).toEqual({
      ok: false,
      reason: 'check-digit',
    });
  });

  it('has exactly one valid phone on every row, full-width ones included', () => {
    for (const row of rows) {
      const phones = splitPhones(row.cells['手机号']);
      expect(phones, `line ${row.line}`).toHaveLength(1);
      expect(checkPhone(phones[0]), `line ${row.line}: ${row.cells['手机号']}`).toEqual({ ok: true, kind: 'mobile' });
    }
    expect(splitPhones(rows[0].cells['手机号'])).toEqual(['18792401349']);
  });

  it('parses every disbursement and maturity date, in all the formats used', () => {
    for (const row of rows) {
      for (const column of ['放款日', '到期日']) {
        expect(parseBusinessDate(row.cells[column]), `line ${row.line} ${column}: ${row.cells[column]}`).not.toBeNull();
      }
    }
    const first = rows[0].cells;
    expect([parseBusinessDate(first['放款日']), parseBusinessDate(first['到期日'])]).toEqual(['2023-04-27', '2026-04-26']);
    const second = rows[1].cells;
    expect([parseBusinessDate(second['放款日']), parseBusinessDate(second['到期日'])]).toEqual(['2025-01-04', '2027-01-04']);
  });

  it('parses every balance except "N/A", and the accepted loans add up to the expected total', () => {
    const unparsed = rows.filter((row) => parseYuanToFen(row.cells['余额']) === null).map((row) => row.line);
    expect(unparsed).toEqual([92]);
    const total = acceptedSampleRows().reduce((sum, row) => sum + (parseYuanToFen(row.cells['余额']) ?? 0), 0);
    expect(total).toBe(SAMPLE_EXPECTED.totalBalanceFen);
    expect(parseYuanToFen(rows[0].cells['余额'])).toBe(3548425);
  });
});
