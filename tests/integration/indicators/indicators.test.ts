import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writerAs } from '../../../electron/backend/changelog/write-context';
import type { IndicatorDrill, IndicatorMonth, IndicatorsByManager, IndicatorTrend } from '../../../electron/shared/api/indicators';
import { signInAs } from '../../helpers/signed-in-app';
import { makeTempDir } from '../../helpers/temp-dir';
import { expectedFor } from './expected';
import { indicatorsApp, type IndicatorsApp } from './indicators-fixture';

let tmp: ReturnType<typeof makeTempDir>;
let b: IndicatorsApp;

beforeAll(async () => {
  tmp = makeTempDir();
  b = await indicatorsApp(tmp.file('ledger.sqlite'));
});
afterAll(async () => {
  await b.close();
  tmp.cleanup();
});

const figure = (m: IndicatorMonth, key: string) => m.indicators.find((i) => i.key === key)!;

/** Every figure of `m` against the hand count. */
function expectFigures(m: IndicatorMonth, e: ReturnType<typeof expectedFor>) {
  expect(m.asOf).toBe(e.asOf);
  for (const key of ['inspectionCompletion', 'maturedPrincipalRecovery', 'interestSettlement21', 'interestSettlementMonthEnd', 'overdueUnder90Share', 'nplRatio', 'spotCheckPass'] as const) {
    expect({ key, ...figure(m, key).figure }).toEqual({ key, ...e[key] });
  }
  expect(m.lostCustomers).toEqual(e.lostCustomers);
  expect(figure(m, 'lostCustomers').figure).toEqual({ numerator: e.lostCustomers.count, denominator: e.startHouseholds, value: e.startHouseholds === 0 ? null : e.lostCustomers.count / e.startHouseholds });
  const npl = figure(m, 'nplRatio').sinceYearStart!;
  expect(npl.asOf).toBe(e.yearStart);
  expect(npl.figure).toEqual(e.nplStart);
  expect(npl.change).toBeCloseTo(e.nplRatio.value! - e.nplStart.value!, 12);
}

describe('indicators of a month, for the branch', () => {
  it('March 2026 (a quarter month with imports of the 20th, 21st and 31st) agrees with the hand count', async () => {
    const m: IndicatorMonth = await b.call('indicators.month', { month: '2026-03' });
    const e = expectedFor('2026-03');
    expectFigures(m, e);
    expect(m.missingSnapshots).toEqual([]);
    expect(m.dates).toEqual({ asOf: '2026-03-31', yearStart: '2025-12-31', day20: '2026-03-20', day21: '2026-03-21', monthLastDay: '2026-03-31' });
    // The stories behind the numbers, so a fixture change that empties one is seen.
    expect(e.maturedPrincipalRecovery).toEqual({ numerator: (10_000 + 5_000 + 0 + 3_000) * 100, denominator: (10_000 + 8_000 + 6_000 + 3_000) * 100, value: 18 / 27 });
    expect(e.interestSettlement21.numerator).toBe(4); // A2, F2, N1 cleared on the 20th; P1 owed nothing
    expect(e.interestSettlement21.denominator).toBe(8);
    expect(e.interestSettlementMonthEnd.numerator).toBe(6); // A2, F2, N1, C1 (the 22nd), B1 and P1 (paid off); D1, K1 never
    // B1 and P1 paid off by 03-31 with nothing since; C07 took G2 after the start; C06 renewed.
    expect(e.lostHouseholds).toEqual(['C02', 'C05', 'C09', 'C11']);
    expect(e.inspectionCompletion).toEqual({ numerator: 2, denominator: 4, value: 0.5 });
    expect(e.spotCheckPass).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    // Each indicator carries its name and its definition in Chinese.
    for (const i of m.indicators) expect(i.definition).toMatch(/[\u4e00-\u9fa5]{6,}/);
    expect(m.indicators.map((i) => i.name)).toEqual(['贷后完成率', '到期本金收回率', '21日结息率', '月末结息率', '正常关注类逾期90天以内贷款占比', '不良率', '流失客户', '抽查达标率']);
  });

  it('April 2026 (not a quarter month): no 21日结息率, the month-end rate from the last import before the 20th, a renewed household not lost', async () => {
    const m: IndicatorMonth = await b.call('indicators.month', { month: '2026-04' });
    const e = expectedFor('2026-04');
    expectFigures(m, e);
    expect(figure(m, 'interestSettlement21').figure.value).toBeNull();
    expect(figure(m, 'interestSettlement21').note).toContain('非季末月');
    expect(figure(m, 'interestSettlementMonthEnd').note).toContain('2026-03-31');
    // C03 paid C1 off in April but renewed it as C2.
    expect(e.lostHouseholds).toEqual(['C02', 'C05', 'C09', 'C11']);
    expect(m.lostCustomers.count).toBe(4);
    expect(m.missingSnapshots).toEqual([]);
  });

  it('January and February 2026 agree too', async () => {
    for (const month of ['2026-01', '2026-02']) {
      const m: IndicatorMonth = await b.call('indicators.month', { month });
      const e = expectedFor(month);
      expect(m.asOf).toBe(e.asOf);
      if (e.asOf !== null) expectFigures(m, e);
    }
  });
});

describe('the manager of the snapshot', () => {
  it("counts K1 for 王经理 in March though the April import gave it to 李经理, and for 李经理 in April", async () => {
    const current = await b.app.db.selectFrom('current_loan_managers').select('manager_id').where('loan_id', '=', b.ids.loan('K1')).executeTakeFirstOrThrow();
    expect(current.manager_id).toBe(b.ids.staff('李经理'));
    for (const [month, name] of [
      ['2026-03', '王经理'],
      ['2026-03', '李经理'],
      ['2026-04', '王经理'],
      ['2026-04', '李经理'],
    ] as const) {
      const m: IndicatorMonth = await b.call('indicators.month', { month, managerId: b.ids.staff(name) });
      expect(m.managerId).toBe(b.ids.staff(name));
      expectFigures(m, expectedFor(month, undefined, name));
    }
    const march: IndicatorDrill = await b.call('indicators.drill', { month: '2026-03', indicator: 'overdueUnder90Share', managerId: b.ids.staff('王经理') });
    expect(march.rows.map((r) => r.loanNo)).toEqual(['K1']);
    const april: IndicatorDrill = await b.call('indicators.drill', { month: '2026-04', indicator: 'overdueUnder90Share', managerId: b.ids.staff('李经理') });
    expect(april.rows.map((r) => r.loanNo)).toEqual(['K1']);
  });

  it('byManager: one row per manager equal to the month filtered by them, and the branch their sum', async () => {
    const board: IndicatorsByManager = await b.call('indicators.byManager', { month: '2026-03' });
    expect(board.rows.map((r) => r.name).sort()).toEqual(['李经理', '王经理']);
    for (const row of board.rows) {
      const m: IndicatorMonth = await b.call('indicators.month', { month: '2026-03', managerId: row.managerId });
      for (const i of m.indicators) expect(row.figures[i.key]).toEqual(i.figure);
      expect(row.lostCustomers).toEqual(m.lostCustomers);
    }
    const branch: IndicatorMonth = await b.call('indicators.month', { month: '2026-03' });
    for (const i of branch.indicators) {
      expect(board.branch.figures[i.key]).toEqual(i.figure);
      expect(board.rows.reduce((s, r) => s + r.figures[i.key].denominator, 0)).toBe(i.figure.denominator);
    }
    expect(board.branch.name).toBe('全支行');
  });
});

describe('village, drill, trend, who may read', () => {
  it('a village counts its borrowers only', async () => {
    const m: IndicatorMonth = await b.call('indicators.month', { month: '2026-03', villageId: b.ids.village('城庄村') });
    // 城庄村 at 03-31: C1 (6,000, 关注, 6 days) and D1 (5,000, 次级).
    expect(figure(m, 'overdueUnder90Share').figure).toEqual({ numerator: 600_000, denominator: 1_100_000, value: 6 / 11 });
    expect(figure(m, 'nplRatio').figure).toEqual({ numerator: 500_000, denominator: 1_100_000, value: 5 / 11 });
    expect(m.lostCustomers).toEqual({ count: 2, balanceFen: 600_000 });
    // Its one spot-checked inspection (C1's) was disputed; 刘家会村's was confirmed (F2's still pending).
    expect(figure(m, 'spotCheckPass').figure).toEqual({ numerator: 0, denominator: 1, value: 0 });
    const liujiahui: IndicatorMonth = await b.call('indicators.month', { month: '2026-03', villageId: b.ids.village('刘家会村') });
    expect(figure(liujiahui, 'spotCheckPass').figure).toEqual({ numerator: 1, denominator: 1, value: 1 });
  });

  it('drills to the loans behind each figure, with their numbers', async () => {
    const drill = (indicator: string, month = '2026-03'): Promise<IndicatorDrill> => b.call('indicators.drill', { month, indicator });
    const matured = await drill('maturedPrincipalRecovery');
    expect(matured.rows.map((r) => [r.loanNo, r.numerator, r.denominator])).toEqual([
      ['C1', 0, 600_000],
      ['G2', 300_000, 300_000],
      ['A1', 1_000_000, 1_000_000],
      ['B1', 500_000, 800_000],
    ]);
    expect(matured.rows.reduce((s, r) => s + r.numerator, 0)).toBe(matured.figure.numerator);
    expect(matured.rows.find((r) => r.loanNo === 'B1')!.detail).toContain('2026-03-20');
    const i21 = await drill('interestSettlement21');
    expect(i21.rows.filter((r) => r.counted).map((r) => r.loanNo).sort()).toEqual(['A2', 'F2', 'N1', 'P1']);
    expect(i21.count).toBe(8);
    const npl = await drill('nplRatio');
    expect(npl.rows.map((r) => [r.loanNo, r.numerator])).toEqual([['D1', 500_000]]);
    const lost = await drill('lostCustomers', '2026-04');
    expect(lost.rows.map((r) => r.borrower).sort()).toEqual(['户C02', '户C05', '户C09', '户C11']);
    expect(lost.rows.find((r) => r.borrower === '户C02')!.detail).toContain('B1');
    const completion = await drill('inspectionCompletion');
    expect(completion.rows.map((r) => [r.loanNo, r.counted]).sort()).toEqual([
      ['A2', true],
      ['C1', true],
      ['K1', false],
      ['N1', false],
    ]);
    expect(completion.rows.every((r) => r.borrowerId !== '')).toBe(true);
    const spot = await drill('spotCheckPass');
    expect(spot.figure).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
  });

  it('a trend gives each month as the month alone does', async () => {
    const trend: IndicatorTrend = await b.call('indicators.trend', { from: '2026-01', to: '2026-04' });
    expect(trend.months.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    const march: IndicatorMonth = await b.call('indicators.month', { month: '2026-03' });
    for (const i of march.indicators) expect(trend.months[2].figures[i.key]).toEqual(i.figure);
    await expect(b.call('indicators.trend', { from: '2026-04', to: '2026-01' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('every role may read', async () => {
    await b.call('staff.create', { username: 'clerk1', displayName: '内勤甲', password: 'pass-word-1', role: 'clerk' });
    const clerk = await signInAs(b.app, 'clerk1');
    const m: IndicatorMonth = await clerk('indicators.month', { month: '2026-03' });
    expect(m.asOf).toBe('2026-03-31');
  });
});

describe('figures kept between calls', () => {
  it('change once a table they are read from changes (a spot check decided)', async () => {
    const before: IndicatorMonth = await b.call('indicators.month', { month: '2026-03' });
    expect(figure(before, 'spotCheckPass').figure).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
    const pending = await b.app.db.selectFrom('spot_checks').selectAll().where('verdict', '=', 'pending').executeTakeFirstOrThrow();
    const admin = await b.app.db.selectFrom('staff').select(['id', 'display_name']).where('role', '=', 'admin').executeTakeFirstOrThrow();
    await writerAs(b.app.db, { id: admin.id, name: admin.display_name })((w) => w.update('spot_checks', pending, { verdict: 'confirmed', checker_id: admin.id, checked_on: '2026-04-03' }));
    const after: IndicatorMonth = await b.call('indicators.month', { month: '2026-03' });
    expect(figure(after, 'spotCheckPass').figure).toEqual({ numerator: 2, denominator: 3, value: 2 / 3 });
  });
});
