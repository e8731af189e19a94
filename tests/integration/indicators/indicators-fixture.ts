import { closeAppContext, type AppContext } from '../../../electron/backend/app-context';
import { writerAs } from '../../../electron/backend/changelog/write-context';
import { signedInApp } from '../../helpers/signed-in-app';
import { readIds, type Call, type Ids } from '../assignment/assignment-fixture';

/** One loan's figures in one import (yuan). */
export interface State {
  balance: number;
  overdue: number;
  interest: number;
  risk: '正常' | '关注' | '次级' | '可疑' | '损失';
  /** The file's 客户经理 when not the loan's own. */
  manager?: string;
}

export interface FixtureLoan {
  customerNo: string;
  village: '刘家会村' | '城庄村';
  loanNo: string;
  disbursedOn: string;
  maturityOn: string;
  manager: string;
  /** Its row in each import; a date it is absent from is a full export without it (paid off). */
  states: Record<string, State>;
}

export const AS_OF_DATES = ['2025-12-31', '2026-02-28', '2026-03-20', '2026-03-21', '2026-03-31', '2026-04-30'] as const;

const s = (balance: number, overdue: number, interest: number, risk: State['risk'], manager?: string): State => ({ balance, overdue, interest, risk, ...(manager ? { manager } : {}) });
const each = (dates: readonly string[], state: (d: string) => State) => Object.fromEntries(dates.map((d) => [d, state(d)]));

/**
 * A small branch over five months of imports (full exports). The stories:
 * - A1 repaid on its maturity day (03-20); B1 partly repaid by its 03-20 import, the rest after;
 *   C1 not repaid at maturity (03-25; paid in April) and renewed as C2 in April; G2 taken in
 *   February and repaid at maturity in March; P1 matures in March but was 关注 before.
 * - Interest at the settlement day: A2 and N1 cleared on the 20th, C1 on the 22nd (by 03-31),
 *   D1 and K1 never, B1 by paying off the loan before month end.
 * - E1's household left (paid off in February, nothing since); M1's too (可疑 at the year's start);
 *   F1's renewed as F2; G1's took G2 after the start and holds nothing at the end of March.
 * - K1 is 王经理's until the 04-30 import, which gives it to 李经理.
 */
export const LOANS: FixtureLoan[] = [
  { customerNo: 'C01', village: '刘家会村', loanNo: 'A1', disbursedOn: '2025-03-20', maturityOn: '2026-03-20', manager: '王经理', states: { '2025-12-31': s(10_000, 0, 0, '正常'), '2026-02-28': s(10_000, 0, 100, '正常') } },
  {
    customerNo: 'C01',
    village: '刘家会村',
    loanNo: 'A2',
    disbursedOn: '2025-06-01',
    maturityOn: '2027-06-01',
    manager: '王经理',
    states: each(AS_OF_DATES, (d) => s(20_000, 0, d === '2026-03-20' ? 300 : 0, '正常')),
  },
  {
    customerNo: 'C02',
    village: '刘家会村',
    loanNo: 'B1',
    disbursedOn: '2025-03-15',
    maturityOn: '2026-03-15',
    manager: '王经理',
    states: { '2025-12-31': s(8_000, 0, 0, '正常'), '2026-02-28': s(8_000, 0, 0, '正常'), '2026-03-20': s(3_000, 5, 50, '关注'), '2026-03-21': s(3_000, 6, 50, '关注') },
  },
  {
    customerNo: 'C03',
    village: '城庄村',
    loanNo: 'C1',
    disbursedOn: '2025-03-25',
    maturityOn: '2026-03-25',
    manager: '李经理',
    states: {
      '2025-12-31': s(6_000, 0, 0, '正常'),
      '2026-02-28': s(6_000, 0, 0, '正常'),
      '2026-03-20': s(6_000, 0, 200, '正常'),
      '2026-03-21': s(6_000, 0, 200, '正常'),
      '2026-03-31': s(6_000, 6, 0, '关注'),
    },
  },
  { customerNo: 'C03', village: '城庄村', loanNo: 'C2', disbursedOn: '2026-04-10', maturityOn: '2027-04-10', manager: '李经理', states: { '2026-04-30': s(6_000, 0, 0, '正常') } },
  {
    customerNo: 'C04',
    village: '城庄村',
    loanNo: 'D1',
    disbursedOn: '2024-11-30',
    maturityOn: '2025-11-30',
    manager: '李经理',
    states: {
      '2025-12-31': s(5_000, 31, 400, '关注'),
      '2026-02-28': s(5_000, 90, 400, '次级'),
      '2026-03-20': s(5_000, 110, 500, '次级'),
      '2026-03-21': s(5_000, 111, 500, '次级'),
      '2026-03-31': s(5_000, 121, 500, '次级'),
      '2026-04-30': s(4_800, 151, 500, '可疑'),
    },
  },
  { customerNo: 'C05', village: '城庄村', loanNo: 'E1', disbursedOn: '2025-02-15', maturityOn: '2026-02-15', manager: '李经理', states: { '2025-12-31': s(4_000, 0, 0, '正常') } },
  { customerNo: 'C06', village: '刘家会村', loanNo: 'F1', disbursedOn: '2025-01-20', maturityOn: '2026-01-20', manager: '王经理', states: { '2025-12-31': s(7_000, 0, 0, '正常') } },
  {
    customerNo: 'C06',
    village: '刘家会村',
    loanNo: 'F2',
    disbursedOn: '2026-02-01',
    maturityOn: '2027-02-01',
    manager: '王经理',
    states: each(AS_OF_DATES.slice(1), (d) => s(7_000, 0, d === '2026-03-20' ? 80 : 0, '正常')),
  },
  { customerNo: 'C07', village: '城庄村', loanNo: 'G1', disbursedOn: '2025-01-05', maturityOn: '2026-01-05', manager: '李经理', states: { '2025-12-31': s(3_000, 0, 0, '正常') } },
  { customerNo: 'C07', village: '城庄村', loanNo: 'G2', disbursedOn: '2026-02-05', maturityOn: '2026-03-10', manager: '李经理', states: { '2026-02-28': s(3_000, 0, 0, '正常') } },
  {
    customerNo: 'C08',
    village: '刘家会村',
    loanNo: 'K1',
    disbursedOn: '2025-08-01',
    maturityOn: '2026-08-01',
    manager: '王经理',
    states: {
      '2025-12-31': s(9_000, 0, 0, '正常'),
      '2026-02-28': s(9_000, 0, 0, '正常'),
      '2026-03-20': s(9_000, 15, 150, '关注'),
      '2026-03-21': s(9_000, 16, 150, '关注'),
      '2026-03-31': s(9_000, 26, 150, '关注'),
      '2026-04-30': s(9_000, 56, 300, '关注', '李经理'),
    },
  },
  { customerNo: 'C09', village: '城庄村', loanNo: 'M1', disbursedOn: '2023-06-01', maturityOn: '2024-06-01', manager: '李经理', states: { '2025-12-31': s(2_000, 500, 0, '可疑') } },
  {
    customerNo: 'C10',
    village: '刘家会村',
    loanNo: 'N1',
    disbursedOn: '2025-12-01',
    maturityOn: '2026-12-01',
    manager: '王经理',
    states: each(AS_OF_DATES, (d) => s(15_000, 0, d === '2026-03-20' ? 225 : 0, '正常')),
  },
  {
    customerNo: 'C11',
    village: '刘家会村',
    loanNo: 'P1',
    disbursedOn: '2025-03-28',
    maturityOn: '2026-03-28',
    manager: '王经理',
    states: { '2025-12-31': s(2_500, 0, 0, '关注'), '2026-02-28': s(2_500, 10, 0, '关注'), '2026-03-20': s(2_500, 20, 0, '关注'), '2026-03-21': s(2_500, 21, 0, '关注') },
  },
];

/** The loans' rows in the import of `asOf`, as the file has them. */
export function rowsOf(asOf: string): Array<FixtureLoan & { state: State }> {
  return LOANS.filter((l) => l.states[asOf] !== undefined).map((l) => ({ ...l, state: l.states[asOf] }));
}

export function csvOf(asOf: string): string {
  const header = '客户编号,借款人姓名,住址,借据号,放款日,到期日,余额,本金逾期天数,欠息,五级分类,客户经理';
  const lines = rowsOf(asOf).map(
    (r) =>
      `${r.customerNo},户${r.customerNo},临县白文镇${r.village}1组,${r.loanNo},${r.disbursedOn},${r.maturityOn},${r.state.balance},${r.state.overdue},${r.state.interest},${r.state.risk},${r.state.manager ?? r.manager}`,
  );
  return '\ufeff' + [header, ...lines].join('\r\n');
}

export async function importAsOf(call: Call, asOf: string): Promise<void> {
  const preview = await call('imports.preview', { fileName: `core-${asOf}.csv`, contentBase64: Buffer.from(csvOf(asOf), 'utf8').toString('base64') });
  await call('imports.commit', { previewId: preview.previewId, asOf, fullExport: true, confirmSettle: true });
}

/** Post-loan work in March 2026, written as rows (the schedule and its inspections are another module's). */
export const TASKS = [
  { key: 't1', loanNo: 'A2', kind: 'routine', dueOn: '2026-03-10', status: 'done', inspection: 'i1' },
  { key: 't2', loanNo: 'N1', kind: 'routine', dueOn: '2026-03-31', status: 'done', inspection: 'i2' },
  { key: 't3', loanNo: 'K1', kind: 'adhoc', dueOn: '2026-03-25', status: 'open', inspection: null },
  { key: 't4', loanNo: 'C1', kind: 'routine', dueOn: '2026-03-05', status: 'done', inspection: 'i4' },
  { key: 't5', loanNo: 'E1', kind: 'routine', dueOn: '2026-03-12', status: 'cancelled', inspection: null },
  { key: 't6', loanNo: 'D1', kind: 'adhoc', dueOn: '2026-04-05', status: 'open', inspection: null },
] as const;

export const INSPECTIONS = [
  { key: 'i1', loanNo: 'A2', on: '2026-03-08', by: '王经理' },
  { key: 'i2', loanNo: 'N1', on: '2026-04-02', by: '王经理' },
  { key: 'i4', loanNo: 'C1', on: '2026-03-05', by: '李经理' },
  { key: 'i7', loanNo: 'F2', on: '2026-03-18', by: '王经理' },
] as const;

export const SPOT_CHECKS = [
  { inspection: 'i1', month: '2026-03', verdict: 'confirmed' },
  { inspection: 'i4', month: '2026-03', verdict: 'disputed' },
  { inspection: 'i7', month: '2026-03', verdict: 'pending' },
] as const;

export interface IndicatorsApp {
  app: AppContext;
  call: Call;
  ids: Ids;
  close: () => Promise<void>;
}

/**
 * A signed-in admin over the imports of `dates` (K1 reassigned by the 04-30 file), with March's
 * inspections and spot checks in place of the tasks the imports scheduled.
 */
export async function indicatorsApp(file: string, dates: readonly string[] = AS_OF_DATES): Promise<IndicatorsApp> {
  const { app, call } = await signedInApp(file);
  for (const d of dates) {
    if (d === '2026-04-30') await call('assignment.setSettings', { importOverwritesAssignment: true });
    await importAsOf(call, d);
  }
  const ids = await readIds(app);
  const admin = await app.db.selectFrom('staff').select(['id', 'display_name']).where('role', '=', 'admin').executeTakeFirstOrThrow();
  if (dates.includes('2026-03-31')) {
    await writerAs(app.db, { id: admin.id, name: admin.display_name })(async (w) => {
      // The imports scheduled inspections by the default rules; these tests count the tasks written here.
      for (const task of await w.trx.selectFrom('inspection_tasks').selectAll().execute()) await w.delete('inspection_tasks', task);
      const inspections = new Map<string, string>();
      for (const i of INSPECTIONS) {
        const row = await w.insert('inspections', { loan_id: ids.loan(i.loanNo), inspected_on: i.on, way: 'site', conclusion: 'normal', staff_id: ids.staff(i.by) });
        inspections.set(i.key, row.id);
      }
      await w.insertMany(
        'inspection_tasks',
        TASKS.map((t) => ({ loan_id: ids.loan(t.loanNo), kind: t.kind, due_on: t.dueOn, status: t.status, inspection_id: t.inspection ? inspections.get(t.inspection)! : null })),
      );
      await w.insertMany(
        'spot_checks',
        SPOT_CHECKS.map((c) => ({
          inspection_id: inspections.get(c.inspection)!,
          month: c.month,
          verdict: c.verdict,
          checker_id: c.verdict === 'pending' ? null : admin.id,
          checked_on: c.verdict === 'pending' ? null : '2026-04-03',
        })),
      );
    });
  }
  return { app, call, ids, close: () => closeAppContext(app) };
}
