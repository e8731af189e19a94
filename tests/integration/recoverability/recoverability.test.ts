import { describe, expect, it } from 'vitest';
import type { AssessmentEntry, NplList, RecoverabilitySummary } from '../../../electron/shared/api/recoverability';
import { perTestCopy } from '../../helpers/per-test-copy';
import { BRANCH, BRANCH_TOTALS, branchApp, importBranch } from '../assignment/assignment-fixture';

const b = perTestCopy(branchApp);

async function managerLogin(name: string, username: string) {
  await b.call('staff.setLogin', { staffId: b.ids.staff(name), username, password: 'pass-word-1' });
  return b.as(username);
}

// BRANCH's non-performing loans: L02 (次级, 5,000) and L04 (可疑, 8,000) 王经理's, L08 (损失, 6,000) 李经理's.
describe('recoverability', () => {
  it('lists the active non-performing loans with their current verdict; history keeps every assessment', async () => {
    const empty: NplList = await b.call('recoverability.list');
    expect(empty.rows.map((r) => r.loanNo).sort()).toEqual(['L02', 'L04', 'L08']);
    expect(empty.balanceFen).toBe(BRANCH_TOTALS.nonPerformingBalanceFen);
    expect(empty.rows.every((r) => r.verdict === null)).toBe(true);

    await b.call('recoverability.assess', { loanIds: [b.ids.loan('L02'), b.ids.loan('L04')], verdict: 'with-effort', reason: '借款人外出务工，有还款意愿', assessedOn: '2026-11-01' });
    await b.call('recoverability.assess', { loanIds: [b.ids.loan('L04')], verdict: 'unrecoverable', reason: '借款人失联' });
    // An older assessment recorded later does not replace the current one.
    await b.call('recoverability.assess', { loanIds: [b.ids.loan('L04')], verdict: 'recoverable', reason: '补录', assessedOn: '2026-10-01' });

    const list: NplList = await b.call('recoverability.list');
    const byNo = Object.fromEntries(list.rows.map((r) => [r.loanNo, r]));
    expect(byNo.L02).toMatchObject({ verdict: 'with-effort', assessedOn: '2026-11-01', manager: '王经理', balanceFen: 500_000, riskClass: '次级' });
    expect(byNo.L04).toMatchObject({ verdict: 'unrecoverable', reason: '借款人失联', assessedOn: '2026-12-02', assessedBy: '管理员甲' });
    expect(byNo.L08.verdict).toBeNull();

    const history: AssessmentEntry[] = await b.call('recoverability.history', { loanId: b.ids.loan('L04') });
    expect(history.map((h) => [h.verdict, h.assessedOn, h.current])).toEqual([
      ['unrecoverable', '2026-12-02', true],
      ['with-effort', '2026-11-01', false],
      ['recoverable', '2026-10-01', false],
    ]);
    const mine: NplList = await b.call('recoverability.list', { managerId: b.ids.staff('李经理') });
    expect(mine.rows.map((r) => r.loanNo)).toEqual(['L08']);
  });

  it('summary by current manager per verdict and 未评估, its 合计 equal to the branch’s NPL totals', async () => {
    await b.call('recoverability.assess', { loanIds: [b.ids.loan('L02')], verdict: 'recoverable', reason: '已承诺年底还款' });
    await b.call('recoverability.assess', { loanIds: [b.ids.loan('L04')], verdict: 'unrecoverable', reason: '失联' });
    // A reassignment moves the loan's figures to its new manager's row.
    await b.call('assignment.assign', { managerId: b.ids.staff('张经理'), scope: 'loan', ids: [b.ids.loan('L08')], reason: '' });
    const summary: RecoverabilitySummary = await b.call('recoverability.summary');
    const load = await b.call('assignment.load');
    expect(summary.totals.total).toEqual({ loans: 3, balanceFen: load.totals.nonPerformingBalanceFen });
    expect(summary.totals.total.balanceFen).toBe(BRANCH_TOTALS.nonPerformingBalanceFen);
    const byName = Object.fromEntries(summary.rows.map((r) => [r.name, r]));
    expect(byName['王经理'].byVerdict).toEqual({
      recoverable: { loans: 1, balanceFen: 500_000 },
      'with-effort': { loans: 0, balanceFen: 0 },
      unrecoverable: { loans: 1, balanceFen: 800_000 },
      none: { loans: 0, balanceFen: 0 },
    });
    expect(byName['张经理'].byVerdict.none).toEqual({ loans: 1, balanceFen: 600_000 });
    expect(byName['李经理']).toBeUndefined();
    // Rows add up to 合计, column by column; each manager's row matches the load table's NPL balance.
    for (const k of ['recoverable', 'with-effort', 'unrecoverable', 'none'] as const) {
      expect(summary.rows.reduce((s, r) => s + r.byVerdict[k].balanceFen, 0)).toBe(summary.totals.byVerdict[k].balanceFen);
    }
    expect(summary.rows.reduce((s, r) => s + r.total.balanceFen, 0)).toBe(summary.totals.total.balanceFen);
    for (const r of summary.rows) {
      expect(r.total.balanceFen).toBe(load.rows.find((x: any) => x.managerId === r.managerId).nonPerformingBalanceFen);
    }
  });

  it('refuses a performing loan, a settled one, a future date and a missing reason', async () => {
    await expect(b.call('recoverability.assess', { loanIds: [b.ids.loan('L01')], verdict: 'recoverable', reason: '正常' })).rejects.toMatchObject({ code: 'NOT_NON_PERFORMING' });
    await expect(
      b.call('recoverability.assess', { loanIds: [b.ids.loan('L02')], verdict: 'recoverable', reason: '理由', assessedOn: '2026-12-03' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(b.call('recoverability.assess', { loanIds: [b.ids.loan('L02')], verdict: 'recoverable', reason: '  ' })).rejects.toMatchObject({ code: 'VALIDATION' });
    // L04 missing from a newer full export: settled.
    await importBranch(b.call, BRANCH.filter((l) => l.loanNo !== 'L04'), '2026-12-01');
    await expect(b.call('recoverability.assess', { loanIds: [b.ids.loan('L04')], verdict: 'unrecoverable', reason: '失联' })).rejects.toMatchObject({ code: 'NOT_NON_PERFORMING' });
    const list: NplList = await b.call('recoverability.list');
    expect(list.rows.map((r) => r.loanNo).sort()).toEqual(['L02', 'L08']);
    expect(await b.app.db.selectFrom('recoverability_assessments').selectAll().execute()).toHaveLength(0);
  });

  it('an account manager assesses only their own book: one loan of another’s refuses the whole batch', async () => {
    const wang = await managerLogin('王经理', 'wang');
    await expect(
      wang('recoverability.assess', { loanIds: [b.ids.loan('L02'), b.ids.loan('L08')], verdict: 'with-effort', reason: '试图评估他人的贷款' }),
    ).rejects.toMatchObject({ code: 'NOT_YOUR_BOOK' });
    expect(await b.app.db.selectFrom('recoverability_assessments').selectAll().execute()).toHaveLength(0);
    await wang('recoverability.assess', { loanIds: [b.ids.loan('L02')], verdict: 'with-effort', reason: '本人管户' });
    const row = (await b.call('recoverability.list')).rows.find((r: any) => r.loanNo === 'L02');
    expect(row).toMatchObject({ verdict: 'with-effort', assessedBy: '王经理' });
  });
});
