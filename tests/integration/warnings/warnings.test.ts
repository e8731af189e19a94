import { describe, expect, it } from 'vitest';
import type { WarningLoan, WarningsPage } from '../../../electron/shared/api/warnings';
import { perTestCopy } from '../../helpers/per-test-copy';
import { EXPECTED, importHistory, importOf, NEXT, warningBranch } from './warnings-fixture';

const t = perTestCopy(warningBranch);

const bySignal = (page: WarningsPage): Record<string, Record<string, string>> =>
  Object.fromEntries(page.rows.map((r) => [r.loanNo, Object.fromEntries(r.signals.map((s) => [s.signal, s.evidenceKey]))]));
const loan = (page: WarningsPage, loanNo: string): WarningLoan => {
  const r = page.rows.find((x) => x.loanNo === loanNo);
  if (!r) throw new Error(`${loanNo} not listed`);
  return r;
};

describe('early-warning signals', () => {
  it('reads each signal from the history at the newest import, only for loans on the book', async () => {
    const page: WarningsPage = await t.call('warnings.list', { offset: 0, limit: 100 });
    expect(page.asOf).toBe('2026-10-31');
    expect(bySignal(page)).toEqual(EXPECTED);
    expect(page.total).toBe(6);
    expect(page.counts).toEqual({ 'class-down': 1, 'interest-rising': 1, 'first-overdue': 1, 'matured-unpaid': 1, 'related-overdue': 1, 'class-too-good': 1 });
    expect(loan(page, 'W11').signals[0].text).toBe('2026-10-31 本金逾期 95 天，五级分类仍为关注');
    expect(page.canClearAny).toBe(true);
  });

  it('lists a handed-over loan again once the risk-asset unit returns it', async () => {
    const ids = await t.ids();
    const line = await t.app.db.selectFrom('loan_handovers').select('batch_id').where('loan_id', '=', ids.loan('W9')).executeTakeFirstOrThrow();
    await t.call('handover.return', { loanId: ids.loan('W9'), batchId: line.batch_id, returnedOn: '2026-10-31', reason: '退回支行清收' });
    const page: WarningsPage = await t.call('warnings.list', { offset: 0, limit: 100 });
    expect(bySignal(page).W9).toEqual({ 'class-down': '2026-09-30>2026-10-31' });
    expect(bySignal(page).W10).toBeUndefined();
  });

  it('shows each signal with the snapshots it was read from', async () => {
    const page: WarningsPage = await t.call('warnings.list', { offset: 0, limit: 100 });
    const [classDown] = loan(page, 'W1').signals;
    expect(classDown!.snapshots.map((s) => [s.asOf, s.riskClass])).toEqual([
      ['2026-09-30', '正常'],
      ['2026-10-31', '关注'],
    ]);
    expect(classDown!.text).toBe('2026-09-30 正常 → 2026-10-31 关注');
    const [rising] = loan(page, 'W2').signals;
    expect(rising!.snapshots.map((s) => [s.asOf, s.interestOwedFen])).toEqual([
      ['2026-08-31', 10_000],
      ['2026-09-30', 20_000],
      ['2026-10-31', 30_000],
    ]);
    const [first] = loan(page, 'W3').signals;
    expect(first!.snapshots.map((s) => [s.asOf, s.principalOverdueDays])).toEqual([
      ['2026-09-30', 0],
      ['2026-10-31', 15],
    ]);
    const [matured] = loan(page, 'W4').signals;
    expect(matured!.text).toBe('到期日 2026-10-15，2026-10-31 余额 4,000.00 元未还');
    expect(loan(page, 'W4').maturityOn).toBe('2026-10-15');
    const [related] = loan(page, 'W6').signals;
    expect(related!.text).toBe('同户另有逾期贷款：W5（本金逾期 80 天，余额 6,000.00 元）');
  });

  it('lists a manager’s book (current manager) and one signal, paged', async () => {
    const ids = await t.ids();
    const li: WarningsPage = await t.call('warnings.list', { managerId: ids.staff('李经理'), offset: 0, limit: 100 });
    expect(li.rows.map((r) => r.loanNo).sort()).toEqual(['W11', 'W3', 'W4']);
    expect(li.rows.every((r) => r.manager === '李经理')).toBe(true);
    const rising: WarningsPage = await t.call('warnings.list', { signal: 'interest-rising', offset: 0, limit: 100 });
    expect(rising.rows.map((r) => r.loanNo)).toEqual(['W2']);
    expect(rising.total).toBe(1);
    expect(rising.counts['class-down']).toBe(1);
    const pages = [];
    for (let offset = 0; offset < 6; offset += 2) pages.push(...((await t.call('warnings.list', { offset, limit: 2 })) as WarningsPage).rows.map((r) => r.loanNo));
    expect(pages.sort()).toEqual(Object.keys(EXPECTED).sort());
    const past: WarningsPage = await t.call('warnings.list', { offset: 10, limit: 2 });
    expect(past.rows).toEqual([]);
    expect(past.total).toBe(6);
  });

  it('hides a cleared signal until new evidence of the same kind', async () => {
    const ids = await t.ids();
    await t.call('warnings.clear', { loanId: ids.loan('W1'), signal: 'class-down', evidenceKey: '2026-09-30>2026-10-31', note: '已上门核实，经营正常' });
    await t.call('warnings.clear', { loanId: ids.loan('W2'), signal: 'interest-rising', evidenceKey: '2026-08-31>2026-09-30>2026-10-31', note: '已约定月底结息' });
    const after: WarningsPage = await t.call('warnings.list', { offset: 0, limit: 100 });
    expect(Object.keys(bySignal(after)).sort()).toEqual(['W11', 'W3', 'W4', 'W6']);
    const cleared = await t.app.db.selectFrom('warning_clearances').selectAll().orderBy('evidence_key').execute();
    expect(cleared.map((c) => [c.signal, c.note])).toEqual([
      ['interest-rising', '已约定月底结息'],
      ['class-down', '已上门核实，经营正常'],
    ]);

    // November: W1 worsens again (关注 → 次级), W2's interest stays (no new rise): W1 is back with the new step's key.
    const december = importOf(2).map((x) => (x.loanNo === 'W1' ? { ...x, riskClass: '次级' as const } : x));
    await importHistory(t.call, december, NEXT);
    const next: WarningsPage = await t.call('warnings.list', { offset: 0, limit: 100 });
    expect(bySignal(next).W1).toEqual({ 'class-down': '2026-10-31>2026-11-30' });
    expect(bySignal(next).W2).toBeUndefined();
    // W3 is no longer a first overdue (it was overdue on 10-31 too).
    expect(bySignal(next).W3).toBeUndefined();
  });

  it('refuses a clearance without a note or inspection, of stale evidence, or twice', async () => {
    const ids = await t.ids();
    const w1 = ids.loan('W1');
    await expect(t.call('warnings.clear', { loanId: w1, signal: 'class-down', evidenceKey: '2026-09-30>2026-10-31' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(t.call('warnings.clear', { loanId: w1, signal: 'class-down', evidenceKey: '2026-08-31>2026-09-30', note: 'x' })).rejects.toMatchObject({ code: 'STALE' });
    await expect(t.call('warnings.clear', { loanId: w1, signal: 'first-overdue', evidenceKey: '2026-10-31', note: 'x' })).rejects.toMatchObject({ code: 'STALE' });
    await t.call('warnings.clear', { loanId: w1, signal: 'class-down', evidenceKey: '2026-09-30>2026-10-31', note: '已核实' });
    await expect(t.call('warnings.clear', { loanId: w1, signal: 'class-down', evidenceKey: '2026-09-30>2026-10-31', note: '又一次' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('clears with an inspection of the loan, not of another loan', async () => {
    const ids = await t.ids();
    const inspect = async (loanNo: string) => {
      const { insertInspection } = await import('./inspection-row');
      return insertInspection(t.app, ids.loan(loanNo), ids.staff('李经理'));
    };
    const ofW3 = await inspect('W3');
    const ofW4 = await inspect('W4');
    await expect(t.call('warnings.clear', { loanId: ids.loan('W3'), signal: 'first-overdue', evidenceKey: '2026-10-31', inspectionId: ofW4 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await t.call('warnings.clear', { loanId: ids.loan('W3'), signal: 'first-overdue', evidenceKey: '2026-10-31', inspectionId: ofW3 });
    const row = await t.app.db.selectFrom('warning_clearances').selectAll().executeTakeFirstOrThrow();
    expect(row.inspection_id).toBe(ofW3);
  });

  it('lets an account manager clear their own book only', async () => {
    const ids = await t.ids();
    const wang = await t.login('王经理', 'wang');
    const page: WarningsPage = await wang('warnings.list', { offset: 0, limit: 100 });
    expect(page.canClearAny).toBe(false);
    expect(page.total).toBe(6);
    await expect(wang('warnings.clear', { loanId: ids.loan('W3'), signal: 'first-overdue', evidenceKey: '2026-10-31', note: '代为处理' })).rejects.toMatchObject({
      code: 'NOT_YOUR_BOOK',
    });
    await wang('warnings.clear', { loanId: ids.loan('W6'), signal: 'related-overdue', evidenceKey: 'W5', note: '同户 W5 已在清收' });
    const row = await t.app.db.selectFrom('warning_clearances').selectAll().executeTakeFirstOrThrow();
    expect(row.staff_id).toBe(ids.staff('王经理'));
  });
});
