import { describe, expect, it } from 'vitest';
import type { IndicatorMonth } from '../../../electron/shared/api/indicators';
import { perTestCopy } from '../../helpers/per-test-copy';
import { expectedFor } from './expected';
import { AS_OF_DATES, indicatorsApp } from './indicators-fixture';

const WITHOUT_21ST = AS_OF_DATES.filter((d) => d !== '2026-03-21');
const b = perTestCopy((file) => indicatorsApp(file, WITHOUT_21ST));

const figure = (m: IndicatorMonth, key: string) => m.indicators.find((i) => i.key === key)!;

describe('imports the figures need and the register does not have', () => {
  it('without the import of 03-21: 21日结息率 is null and the date is named; the other figures stand', async () => {
    const m: IndicatorMonth = await b.call('indicators.month', { month: '2026-03' });
    expect(m.missingSnapshots).toEqual(['2026-03-21']);
    expect(figure(m, 'interestSettlement21').figure).toEqual({ numerator: 0, denominator: 0, value: null });
    expect(figure(m, 'interestSettlement21').note).toContain('2026-03-21');
    const e = expectedFor('2026-03', WITHOUT_21ST);
    expect(figure(m, 'interestSettlementMonthEnd').figure).toEqual(e.interestSettlementMonthEnd);
    // C1's last import before its maturity is now 03-20.
    expect(figure(m, 'maturedPrincipalRecovery').figure).toEqual(e.maturedPrincipalRecovery);
    expect(figure(m, 'nplRatio').figure).toEqual(e.nplRatio);
  });

  it('a quarter month before the first import of its 20th: the 20th and the 21st are named', async () => {
    const m: IndicatorMonth = await b.call('indicators.month', { month: '2025-12' });
    expect(m.asOf).toBe('2025-12-31');
    expect(m.missingSnapshots).toEqual(['2025-12-20', '2025-12-21']);
    expect(figure(m, 'interestSettlement21').figure.value).toBeNull();
    expect(figure(m, 'interestSettlementMonthEnd').figure.value).toBeNull();
    expect(figure(m, 'interestSettlementMonthEnd').note).toContain('2025-12-20');
    expect(figure(m, 'nplRatio').figure).toEqual(expectedFor('2025-12', WITHOUT_21ST).nplRatio);
  });

  it('a month with no import: its last day is named, the balance figures are null, loans maturing in it wait', async () => {
    const m: IndicatorMonth = await b.call('indicators.month', { month: '2026-12' });
    expect(m.asOf).toBeNull();
    // N1 matures 2026-12-01 and has no import after: left out, the month's end named.
    expect(expectedFor('2026-12', WITHOUT_21ST).maturedPending).toBe(1);
    expect(figure(m, 'maturedPrincipalRecovery').figure).toEqual({ numerator: 0, denominator: 0, value: null });
    expect(figure(m, 'maturedPrincipalRecovery').note).toContain('1 笔');
    expect(m.missingSnapshots).toEqual(['2026-12-21', '2026-12-31']);
    for (const key of ['overdueUnder90Share', 'nplRatio', 'interestSettlement21', 'interestSettlementMonthEnd']) expect(figure(m, key).figure.value).toBeNull();
    expect(m.lostCustomers).toEqual({ count: 0, balanceFen: 0 });
    // The 20th's loans come from the last import before it (04-30), which the note says.
    expect(m.dates.day20).toBe('2026-04-30');
  });
});
