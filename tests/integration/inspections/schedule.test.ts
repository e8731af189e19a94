import { describe, expect, it } from 'vitest';
import { inspectionCompletion } from '../../../electron/backend/inspections/completion';
import { perTestCopy } from '../../helpers/per-test-copy';
import { FARMER_FINDINGS, importLoans, inspectionApp, inspectionCsv, NOV_30, OCT_31, SEP_30 } from './inspection-fixture';

const b = perTestCopy(inspectionApp);

const open = <T extends { status: string }>(rows: T[]) => rows.filter((r) => r.status === 'open');
const brief = (rows: Array<{ loanNo: string; kind: string; dueOn: string; status: string }>) => rows.map((r) => `${r.loanNo} ${r.kind} ${r.dueOn} ${r.status}`);

async function record(as: (name: string, args?: unknown) => Promise<any>, loanNo: string, inspectedOn: string, findings: Record<string, unknown> = FARMER_FINDINGS) {
  return as('inspections.record', { loanId: await b.loanId(loanNo), inspectedOn, way: 'site', findings, conclusion: 'normal' });
}

const BUSINESS_GUARANTEED = { fundsAsAgreed: true, operatingNormal: true, incomeStable: true, guarantorSound: true };

describe('the schedule an import keeps', () => {
  it('opens first tasks for new loans, routine ones for loans disbursed more than a routine period before the as-of date', async () => {
    await importLoans(b.call, SEP_30, '2026-09-30');
    expect(brief(await b.tasks())).toEqual([
      'I01 first 2026-10-10 open',
      'I02 first 2026-10-05 open',
      // Within 6 months of 2026-09-30: a first task, already overdue.
      'I03 first 2026-05-31 open',
      'I04 routine 2026-10-30 open',
      // 个人经营贷款's routine period is 3 months: 2026-06-15 is before 2026-06-30.
      'I05 routine 2026-10-30 open',
      'I06 first 2026-10-01 open',
    ]);
    // The same export again opens nothing more.
    await importLoans(b.call, SEP_30, '2026-09-30');
    expect(await b.tasks()).toHaveLength(6);
  });

  it('a disbursement date the core system corrects moves the open first inspection with it', async () => {
    await importLoans(b.call, SEP_30, '2026-09-30');
    await importLoans(
      b.call,
      SEP_30.map((l) => (l.loanNo === 'I01' ? { ...l, disbursedOn: '2026-08-03' } : l)),
      '2026-10-01',
    );
    const i01 = (await b.tasks()).filter((t: { loanNo: string }) => t.loanNo === 'I01');
    expect(brief(i01)).toEqual(['I01 first 2026-09-02 open']);
  });

  it('opens ad-hoc tasks when a loan becomes overdue or its class worsens, cancels a settled loan’s, and opens none while one is open', async () => {
    await importLoans(b.call, SEP_30, '2026-09-30');
    await importLoans(b.call, OCT_31, '2026-10-31');
    const oct = await b.tasks();
    expect(oct.filter((t) => t.kind === 'adhoc')).toEqual([
      { loanNo: 'I03', kind: 'adhoc', dueOn: '2026-11-15', status: 'open', reason: '五级分类由正常下调为关注（导入数据截至 2026-10-31）' },
      { loanNo: 'I06', kind: 'adhoc', dueOn: '2026-11-15', status: 'open', reason: '转为逾期（本金逾期 12 天）（导入数据截至 2026-10-31）' },
    ]);
    expect(brief(oct.filter((t) => t.loanNo === 'I04'))).toEqual(['I04 routine 2026-10-30 cancelled']);
    expect(brief(oct.filter((t) => t.loanNo === 'I07'))).toEqual(['I07 first 2026-11-19 open']);

    await importLoans(b.call, NOV_30, '2026-11-30');
    const nov = await b.tasks();
    // I06 worsened again (overdue 42 days, 次级) but its ad-hoc task is still open; I05 became overdue.
    expect(brief(nov.filter((t) => t.kind === 'adhoc'))).toEqual(['I03 adhoc 2026-11-15 open', 'I05 adhoc 2026-12-15 open', 'I06 adhoc 2026-11-15 open']);
    expect(nov.find((t) => t.loanNo === 'I05' && t.kind === 'adhoc')?.reason).toBe('转为逾期（本金逾期 5 天）（导入数据截至 2026-11-30）');
  });

  it('recording an inspection closes the earliest open task and opens the next routine one; completion counts only those done by their due date', async () => {
    await importLoans(b.call, SEP_30, '2026-09-30');
    await importLoans(b.call, OCT_31, '2026-10-31');
    const wang = await b.login('王经理', 'wang');
    const li = await b.login('李经理', 'li');

    const first = await record(wang, 'I01', '2026-10-08');
    expect(first.closedTask).toMatchObject({ kind: 'first', dueOn: '2026-10-10', status: 'done', inspectionId: first.inspectionId });
    expect(first.nextTask).toMatchObject({ kind: 'routine', dueOn: '2027-04-08', status: 'open' });
    // A business loan: every 3 months; done four days late.
    expect((await record(wang, 'I02', '2026-10-09', BUSINESS_GUARANTEED)).nextTask).toMatchObject({ dueOn: '2027-01-09' });
    const i05 = await record(li, 'I05', '2026-10-20', { ...BUSINESS_GUARANTEED, collateralIntact: true });
    expect(i05.closedTask).toMatchObject({ kind: 'routine', dueOn: '2026-10-30' });
    expect(i05.nextTask).toMatchObject({ dueOn: '2027-01-20' });
    // I06 has an overdue first task and an ad-hoc one: the first is the earliest; the ad-hoc stays open.
    const i06 = await record(wang, 'I06', '2026-11-10', { ...FARMER_FINDINGS, guarantorSound: false, guarantorNote: '担保人外出' });
    expect(i06.closedTask).toMatchObject({ kind: 'first', dueOn: '2026-10-01' });
    expect(i06.nextTask).toMatchObject({ kind: 'routine', dueOn: '2027-05-10' });
    // Its ad-hoc task next: closed, and no second routine task is opened.
    const again = await record(wang, 'I06', '2026-11-20', { ...FARMER_FINDINGS, guarantorSound: true });
    expect(again.closedTask).toMatchObject({ kind: 'adhoc' });
    expect(again.nextTask).toBeNull();
    expect(open(await b.tasks()).filter((t) => t.loanNo === 'I06')).toHaveLength(1);

    const byLoan = await b.call('inspections.byLoan', { loanId: await b.loanId('I06') });
    expect(byLoan.rule).toEqual({ firstDays: 30, routineMonths: 6 });
    expect(byLoan.inspections.map((i: any) => [i.inspectedOn, i.staffName])).toEqual([
      ['2026-11-20', '王经理'],
      ['2026-11-10', '王经理'],
    ]);
    expect(byLoan.inspections[1].findings).toEqual({ ...FARMER_FINDINGS, guarantorSound: false, guarantorNote: '担保人外出' });
    expect(byLoan.tasks.map((t: any) => `${t.kind} ${t.dueOn} ${t.status}`)).toEqual(['first 2026-10-01 done', 'adhoc 2026-11-15 done', 'routine 2027-05-10 open']);

    // October's tasks, counted by hand from the fixture: I01 (due 10-10, done 10-08), I02 (10-05, done 10-09: late),
    // I05 (10-30, done 10-20), I06 (10-01, done 11-10: late); I04's (10-30) was cancelled when it was settled.
    const staffId = async (name: string) => (await b.app.db.selectFrom('staff').select('id').where('display_name', '=', name).executeTakeFirstOrThrow()).id;
    const oct = await inspectionCompletion(b.app.db, '2026-10-01', '2026-10-31');
    expect({ numerator: oct.numerator, denominator: oct.denominator }).toEqual({ numerator: 2, denominator: 4 });
    expect(oct.loans.map((l) => [l.loanNo, l.onTime])).toEqual([
      ['I06', false],
      ['I02', false],
      ['I01', true],
      ['I05', true],
    ]);
    const wangOct = await inspectionCompletion(b.app.db, '2026-10-01', '2026-10-31', { managerId: await staffId('王经理') });
    expect([wangOct.numerator, wangOct.denominator]).toEqual([1, 3]);
    const village = await b.app.db.selectFrom('villages').select('id').where('name', '=', '城庄村').executeTakeFirstOrThrow();
    const cz = await inspectionCompletion(b.app.db, '2026-10-01', '2026-10-31', { villageId: village.id });
    expect([cz.numerator, cz.denominator, cz.loans[0].manager]).toEqual([1, 1, '李经理']);
    // November: I03's and I06's ad-hoc tasks (11-15; I06's done 11-20, late) and I07's first (11-19, open).
    const nov = await inspectionCompletion(b.app.db, '2026-11-01', '2026-11-30');
    expect([nov.numerator, nov.denominator]).toEqual([0, 3]);
  });

  it('a loan whose disbursement date arrives only later gets its first task then; an older export opens nothing', async () => {
    // The first export has no 放款日 column: no loan can be scheduled yet.
    const noDates = inspectionCsv(SEP_30)
      .split('\r\n')
      .map((line) => line.split(',').filter((_, i) => i !== 8).join(','))
      .join('\r\n');
    const preview = await b.call('imports.preview', { fileName: 'no-dates.csv', contentBase64: Buffer.from(noDates, 'utf8').toString('base64') });
    await b.call('imports.commit', { previewId: preview.previewId, asOf: '2026-09-30', fullExport: true });
    expect(await b.tasks()).toEqual([]);
    await importLoans(b.call, OCT_31, '2026-10-31');
    // Scheduled against the October export; I04 was settled. I03 and I06 changed (class, overdue) in the
    // same import: their ad-hoc task is the one they need now, the routine schedule follows its inspection.
    expect(brief(await b.tasks())).toEqual([
      'I01 first 2026-10-10 open',
      'I02 first 2026-10-05 open',
      'I03 adhoc 2026-11-15 open',
      'I05 routine 2026-11-30 open',
      'I06 adhoc 2026-11-15 open',
      'I07 first 2026-11-19 open',
    ]);
    const before = await b.tasks();
    // An export older than the register adds history only: no task changes, though I06 was overdue then.
    await importLoans(
      b.call,
      SEP_30.map((l) => (l.loanNo === 'I06' ? { ...l, overdueDays: 3 } : l)),
      '2026-09-15',
    );
    expect(await b.tasks()).toEqual(before);
  });

  it('the worklist lists open tasks due by as-of + 30 days, overdue ones first, with counts per manager', async () => {
    await importLoans(b.call, SEP_30, '2026-09-30');
    await importLoans(b.call, OCT_31, '2026-10-31');
    const wang = await b.login('王经理', 'wang');
    await record(wang, 'I01', '2026-10-08');
    await importLoans(b.call, NOV_30, '2026-11-30');
    const due = await b.call('inspections.due', { asOf: '2026-11-30' });
    expect(due.windowEnd).toBe('2026-12-30');
    expect(due.rows.map((r: any) => `${r.loanNo} ${r.kind} ${r.dueOn} ${r.manager} ${r.overdue}`)).toEqual([
      'I03 first 2026-05-31 李经理 true',
      'I06 first 2026-10-01 王经理 true',
      'I02 first 2026-10-05 王经理 true',
      'I05 routine 2026-10-30 李经理 true',
      'I03 adhoc 2026-11-15 李经理 true',
      'I06 adhoc 2026-11-15 王经理 true',
      'I07 first 2026-11-19 王经理 true',
      'I05 adhoc 2026-12-15 李经理 false',
    ]);
    expect([due.count, due.overdueCount]).toEqual([8, 7]);
    expect(due.byManager.map((m: any) => [m.manager, m.due, m.overdue])).toEqual([
      ['李经理', 4, 3],
      ['王经理', 4, 4],
    ]);
    const li = due.byManager.find((m: any) => m.manager === '李经理').managerId;
    const mine = await b.call('inspections.due', { asOf: '2026-11-30', managerId: li, offset: 1, limit: 1 });
    expect([mine.count, mine.rows.map((r: any) => `${r.loanNo} ${r.kind}`)]).toEqual([4, ['I05 routine']]);
  });
});
