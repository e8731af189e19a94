import { describe, expect, it } from 'vitest';
import { backupDatabase } from '../../../electron/backend/db/backup';
import { spotCheckFigures } from '../../../electron/backend/inspections/spot-checks';
import type { Call } from '../../helpers/signed-in-app';
import { perTestCopy } from '../../helpers/per-test-copy';
import { FARMER_FINDINGS, importLoans, inspectionApp, OCT_31, SEP_30, type InspectionApp } from './inspection-fixture';

const b = perTestCopy(inspectionApp);

const day = (n: number) => `2026-11-${String(n).padStart(2, '0')}`;

/** 23 inspections by 王经理 and 7 by 李经理 in November 2026, and one of each in October. */
async function inspectNovember(): Promise<{ wang: Call; li: Call; ids: (name: string) => Promise<string> }> {
  await importLoans(b.call, SEP_30, '2026-09-30');
  await importLoans(b.call, OCT_31, '2026-10-31');
  const wang = await b.login('王经理', 'wang');
  const li = await b.login('李经理', 'li');
  const [i01, i07, i03] = await Promise.all([b.loanId('I01'), b.loanId('I07'), b.loanId('I03')]);
  const farmer = (loanId: string, inspectedOn: string) => ({ loanId, inspectedOn, way: 'site', findings: FARMER_FINDINGS, conclusion: 'normal' });
  for (let n = 1; n <= 23; n++) await wang('inspections.record', farmer(n % 2 ? i01 : i07, day(n)));
  for (let n = 1; n <= 7; n++) await li('inspections.record', { ...farmer(i03, day(n)), findings: { ...FARMER_FINDINGS, collateralIntact: true } });
  await wang('inspections.record', farmer(i01, '2026-10-30'));
  await li('inspections.record', { ...farmer(i03, '2026-10-30'), findings: { ...FARMER_FINDINGS, collateralIntact: true } });
  const ids = async (name: string) => (await b.app.db.selectFrom('staff').select('id').where('display_name', '=', name).executeTakeFirstOrThrow()).id;
  return { wang, li, ids };
}

async function drawnBy(app: InspectionApp['app']): Promise<Record<string, string[]>> {
  const rows = await app.db
    .selectFrom('spot_checks as c')
    .innerJoin('inspections as i', 'i.id', 'c.inspection_id')
    .innerJoin('staff as s', 's.id', 'i.staff_id')
    .select(['s.display_name as name', 'i.id', 'c.month'])
    .orderBy('i.id')
    .execute();
  const out: Record<string, string[]> = {};
  for (const r of rows) (out[r.name] ??= []).push(r.id);
  return out;
}

describe('spot checks (抽查)', () => {
  it('draw the set share of each inspector’s month, rounded up; drawing again adds nothing; a larger share adds only the difference', async () => {
    await inspectNovember();
    const rev = await b.login('审查甲', 'rev1', 'reviewer');
    expect(await rev('spotChecks.settings')).toEqual({ percent: 10 });
    // 10 % of 23 → 3, of 7 → 1. October's inspections are another month.
    expect(await rev('spotChecks.draw', { month: '2026-11' })).toEqual({ month: '2026-11', percent: 10, drawn: 4 });
    const first = await drawnBy(b.app);
    expect([first['王经理'].length, first['李经理'].length]).toEqual([3, 1]);
    expect(await rev('spotChecks.draw', { month: '2026-11' })).toMatchObject({ drawn: 0 });
    expect(await drawnBy(b.app)).toEqual(first);

    await expect(rev('spotChecks.setPercent', { percent: 30 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const head = await b.login('支行长甲', 'head1', 'head');
    await head('spotChecks.setPercent', { percent: 30 });
    // 30 % of 23 = 6.9 → 7, of 7 = 2.1 → 3: four and two more, the first draw kept.
    expect(await rev('spotChecks.draw', { month: '2026-11' })).toMatchObject({ percent: 30, drawn: 6 });
    const second = await drawnBy(b.app);
    expect([second['王经理'].length, second['李经理'].length]).toEqual([7, 3]);
    expect(second['王经理']).toEqual(expect.arrayContaining(first['王经理']));
    expect(second['李经理']).toEqual(expect.arrayContaining(first['李经理']));

    const list = await rev('spotChecks.list', { month: '2026-11' });
    expect(list.percent).toBe(30);
    expect(list.rows).toHaveLength(10);
    expect(list.rows.every((r: any) => r.verdict === 'pending' && r.inspectedOn.startsWith('2026-11'))).toBe(true);
    expect(list.byInspector.map((x: any) => [x.name, x.inspections, x.drawn])).toEqual([
      ['李经理', 7, 3],
      ['王经理', 23, 7],
    ]);
    const october = await rev('spotChecks.draw', { month: '2026-10' });
    expect(october.drawn).toBe(2);
  });

  it('is reproducible: the same month’s inspections give the same sample in a copy of the database', async () => {
    await inspectNovember();
    const copyFile = b.tmp.file('copy.sqlite');
    await backupDatabase(b.app.db as never, copyFile);
    const copy = await inspectionApp(copyFile);
    try {
      await b.call('spotChecks.draw', { month: '2026-11' });
      await copy.call('spotChecks.draw', { month: '2026-11' });
      const here = await drawnBy(b.app);
      expect(here['王经理']).toHaveLength(3);
      expect(await drawnBy(copy.app)).toEqual(here);
    } finally {
      await copy.close();
    }
  });

  it('nobody checks their own inspection (FOUR_EYES, nothing changed); another reviewer confirms or disputes with a note', async () => {
    const { wang } = await inspectNovember();
    const rev1 = await b.login('审查甲', 'rev1', 'reviewer');
    const rev2 = await b.login('审查乙', 'rev2', 'reviewer');
    const head = await b.login('支行长甲', 'head1', 'head');
    await rev1('inspections.record', { loanId: await b.loanId('I02'), inspectedOn: '2026-11-25', way: 'offsite', findings: { fundsAsAgreed: true, operatingNormal: true, incomeStable: true, guarantorSound: true }, conclusion: 'normal' });
    await head('spotChecks.setPercent', { percent: 100 });
    await rev1('spotChecks.draw', { month: '2026-11' });
    const { rows } = await rev1('spotChecks.list', { month: '2026-11' });
    expect(rows).toHaveLength(31);
    const own = rows.find((r: any) => r.inspector === '审查甲');

    const snapshot = async () => ({
      checks: await b.app.db.selectFrom('spot_checks').selectAll().orderBy('id').execute(),
      log: (await b.app.db.selectFrom('change_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
    });
    const before = await snapshot();
    await expect(rev1('spotChecks.decide', { checkId: own.checkId, verdict: 'confirmed' })).rejects.toMatchObject({
      code: 'FOUR_EYES',
      message: '四眼原则：借据 I02 的贷后检查（2026-11-25，非现场）是您本人登记的，不能抽查自己的检查，请由其他人员核查。',
    });
    expect(await snapshot()).toEqual(before);
    await expect(wang('spotChecks.decide', { checkId: own.checkId, verdict: 'confirmed' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(rev2('spotChecks.decide', { checkId: own.checkId, verdict: 'disputed' })).rejects.toMatchObject({ code: 'VALIDATION', message: '输入有误：note：有异议时请写明理由' });
    expect(await snapshot()).toEqual(before);

    const decided = await rev2('spotChecks.decide', { checkId: own.checkId, verdict: 'disputed', note: '电话核实借款人未接到检查' });
    expect(decided).toMatchObject({ verdict: 'disputed', note: '电话核实借款人未接到检查', checker: '审查乙', checkedOn: '2026-12-02' });
    await expect(rev1('spotChecks.decide', { checkId: own.checkId, verdict: 'confirmed' })).rejects.toMatchObject({ code: 'FOUR_EYES' });
    await expect(head('spotChecks.decide', { checkId: own.checkId, verdict: 'confirmed' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: '借据 I02 的这条抽查已由审查乙于 2026-12-02 核查为“有异议”，不能再次核查。',
    });

    // 王经理's: rev1 confirms three and disputes one. 抽查达标率 = confirmed / decided.
    const wangs = rows.filter((r: any) => r.inspector === '王经理').slice(0, 4);
    for (const r of wangs.slice(0, 3)) await rev1('spotChecks.decide', { checkId: r.checkId, verdict: 'confirmed' });
    await rev1('spotChecks.decide', { checkId: wangs[3].checkId, verdict: 'disputed', note: '照片与地址不符' });
    const staff = async (name: string) => (await b.app.db.selectFrom('staff').select('id').where('display_name', '=', name).executeTakeFirstOrThrow()).id;
    expect(await spotCheckFigures(b.app.db, '2026-11', await staff('王经理'))).toEqual({ numerator: 3, denominator: 4 });
    expect(await spotCheckFigures(b.app.db, '2026-11', await staff('审查甲'))).toEqual({ numerator: 0, denominator: 1 });
    expect(await spotCheckFigures(b.app.db, '2026-11')).toEqual({ numerator: 3, denominator: 5 });
    expect(await spotCheckFigures(b.app.db, '2026-10')).toEqual({ numerator: 0, denominator: 0 });
    const list = await rev1('spotChecks.list', { month: '2026-11' });
    expect(list.byInspector.find((x: any) => x.name === '王经理')).toMatchObject({ drawn: 23, confirmed: 3, disputed: 1 });
  });
});
