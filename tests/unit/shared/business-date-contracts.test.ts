import { describe, expect, it } from 'vitest';
import { api } from '../../../electron/shared/api';

const MESSAGE = '日期无效，应为 YYYY-MM-DD 的真实日期';
const BAD = ['2026-02-30', '2099-13-45', '2026-2-3', '2026-02-29', '0999-01-01', '3000-01-01', '2026/02/03', '20260203', '2026-02-03 ', ''];
const GOOD = ['2026-02-28', '2024-02-29', '2000-02-29', '1900-01-01', '2999-12-31'];

/** The issues a contract finds in an input, as the dispatcher would report them. */
function issuesOf(method: keyof typeof api, input: unknown) {
  const parsed = api[method].input.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

const dateTakers: Array<{ method: keyof typeof api; input: (date: string) => unknown; path: string }> = [
  { method: 'imports.preview', input: (d) => ({ fileName: 'a.csv', contentBase64: 'YQ==', asOf: d }), path: 'asOf' },
  { method: 'imports.replan', input: (d) => ({ previewId: 'p', asOf: d, fullExport: true }), path: 'asOf' },
  { method: 'imports.commit', input: (d) => ({ previewId: 'p', asOf: d, fullExport: true }), path: 'asOf' },
  { method: 'register.savePhone', input: (d) => ({ borrowerId: 'b', phone: '13800000000', verifiedOn: d }), path: 'verifiedOn' },
];

describe('every contract that takes a business date', () => {
  for (const { method, input, path } of dateTakers) {
    it.each(BAD)(`${method} refuses %j with one Chinese message`, (date) => {
      expect(issuesOf(method, input(date))).toEqual([{ path, message: MESSAGE }]);
    });
    it.each(GOOD.filter((d) => method !== 'register.savePhone' || d <= '2026-01-01'))(`${method} takes %j`, (date) => {
      expect(issuesOf(method, input(date))).toEqual([]);
    });
  }
});

describe("the register grid's date filter", () => {
  const filterOn = (dateFrom: string) => ({
    offset: 0,
    limit: 100,
    filter: { maturityOn: { filterType: 'date', type: 'lessThan', dateFrom } },
  });

  it.each(['2026-02-30 00:00:00', '2099-13-45 00:00:00', '2026-2-3 00:00:00', '2026-02-03T00:00:00', '2026-02-03 junk', 'x'])('refuses %j', (date) => {
    expect(issuesOf('register.loans', filterOn(date))).toEqual([{ path: 'filter.maturityOn.dateFrom', message: MESSAGE }]);
  });

  it.each(['2025-01-01 00:00:00', '2024-02-29'])('takes %j, as AG Grid sends it', (date) => {
    expect(issuesOf('register.loans', filterOn(date))).toEqual([]);
  });
});
