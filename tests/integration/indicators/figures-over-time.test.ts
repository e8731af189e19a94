import { describe, expect, it } from 'vitest';
import { closeAppContext, type AppContext } from '../../../electron/backend/app-context';
import { writerAs } from '../../../electron/backend/changelog/write-context';
import { signedInApp } from '../../helpers/signed-in-app';
import { makeTempDir } from '../../helpers/temp-dir';

// A month's figures read the whole book and stay as they were: a partial export at the month's
// end, a loan settled later, a loan prepaid long before its maturity month must not change them.

interface Row {
  cust: string;
  loanNo: string;
  village?: string;
  disbursed: string;
  maturity: string;
  balance: number;
  overdueDays?: number;
  riskClass?: string;
}

function csv(rows: Row[]): string {
  const header = '客户编号,借款人姓名,住址,借据号,放款日,到期日,余额,本金逾期天数,欠息,五级分类,客户经理';
  const lines = rows.map(
    (r) => `${r.cust},户${r.cust},临县白文镇${r.village ?? '刘家会村'}1组,${r.loanNo},${r.disbursed},${r.maturity},${r.balance},${r.overdueDays ?? 0},0,${r.riskClass ?? '正常'},王经理`,
  );
  return '\ufeff' + [header, ...lines].join('\r\n');
}

async function branch(run: (t: { app: AppContext; imp: (asOf: string, rows: Row[], full?: boolean) => Promise<void>; figure: (month: string, key: string) => Promise<Record<string, unknown>> }) => Promise<void>) {
  const tmp = makeTempDir();
  const { app, call } = await signedInApp(tmp.file('ledger.sqlite'));
  try {
    const imp = async (asOf: string, rows: Row[], fullExport = true) => {
      const preview = (await call('imports.preview', { fileName: `core-${asOf}.csv`, contentBase64: Buffer.from(csv(rows), 'utf8').toString('base64') })) as { previewId: string };
      await call('imports.commit', { previewId: preview.previewId, asOf, fullExport, confirmSettle: true, confirmAsOf: true });
    };
    const figure = async (month: string, key: string) => {
      const m = (await call('indicators.month', { month })) as { indicators: Array<{ key: string; figure: object }>; lostCustomers: unknown };
      return { ...m.indicators.find((x) => x.key === key)!.figure, lost: m.lostCustomers };
    };
    await run({ app, imp, figure });
  } finally {
    await closeAppContext(app);
    tmp.cleanup();
  }
}

describe('a month read as the whole book', () => {
  it("a partial export after the month's last full export does not shrink the book", () =>
    branch(async ({ imp, figure }) => {
      const A = { cust: 'C1', loanNo: 'A', disbursed: '2025-06-01', maturity: '2027-06-01', balance: 10_000 };
      const B = { cust: 'C2', loanNo: 'B', village: '城庄村', disbursed: '2024-06-01', maturity: '2025-06-01', balance: 5_000, overdueDays: 200, riskClass: '次级' };
      const C = { cust: 'C3', loanNo: 'C', village: '城庄村', disbursed: '2025-06-01', maturity: '2027-06-01', balance: 5_000, overdueDays: 30, riskClass: '关注' };
      await imp('2025-12-31', [A, B, C]);
      await imp('2026-03-28', [A, B, C]);
      // One village's loans only, dated the month's last day.
      await imp('2026-03-31', [A], false);
      expect(await figure('2026-03', 'nplRatio')).toMatchObject({ numerator: 500_000, denominator: 2_000_000 });
      expect(await figure('2026-03', 'overdueUnder90Share')).toMatchObject({ numerator: 500_000, denominator: 2_000_000 });
      expect((await figure('2026-03', 'nplRatio')).lost).toEqual({ count: 0, balanceFen: 0 });
    }));
});

describe('a month that has passed stays as it was', () => {
  it('an inspection missed before the loan was paid off still counts as due and not done', () =>
    branch(async ({ app, imp, figure }) => {
      const A = { cust: 'C1', loanNo: 'A', disbursed: '2025-06-01', maturity: '2027-06-01', balance: 10_000 };
      const B = { cust: 'C2', loanNo: 'B', disbursed: '2025-06-01', maturity: '2027-06-01', balance: 10_000 };
      await imp('2026-02-28', [A, B]);
      const db = app.db;
      const admin = await db.selectFrom('staff').select(['id', 'display_name']).where('role', '=', 'admin').executeTakeFirstOrThrow();
      const wang = await db.selectFrom('staff').select('id').where('display_name', '=', '王经理').executeTakeFirstOrThrow();
      const loanId = async (no: string) => (await db.selectFrom('loans').select('id').where('loan_no', '=', no).executeTakeFirstOrThrow()).id;
      const [a, b] = [await loanId('A'), await loanId('B')];
      // Two routine checks due 03-10: A's done the day before, B's never.
      await writerAs(db, { id: admin.id, name: admin.display_name })(async (w) => {
        for (const task of await w.trx.selectFrom('inspection_tasks').selectAll().execute()) await w.delete('inspection_tasks', task);
        const done = await w.insert('inspections', { loan_id: a, inspected_on: '2026-03-09', way: 'site', conclusion: 'normal', staff_id: wang.id });
        await w.insertMany('inspection_tasks', [
          { loan_id: a, kind: 'routine', due_on: '2026-03-10', status: 'done', inspection_id: done.id },
          { loan_id: b, kind: 'routine', due_on: '2026-03-10', status: 'open', inspection_id: null },
        ]);
      });
      await imp('2026-03-20', [A, B]);
      expect(await figure('2026-03', 'inspectionCompletion')).toMatchObject({ numerator: 1, denominator: 2 });
      // B is paid off in April: its open task is cancelled, March's figure stays.
      await imp('2026-04-30', [A]);
      expect((await db.selectFrom('inspection_tasks').select('status').where('loan_id', '=', b).executeTakeFirstOrThrow()).status).toBe('cancelled');
      expect(await figure('2026-03', 'inspectionCompletion')).toMatchObject({ numerator: 1, denominator: 2 });
    }));

  it('a loan prepaid long before its maturity month is not counted as recovered in it', () =>
    branch(async ({ imp, figure }) => {
      const P = { cust: 'C1', loanNo: 'P', disbursed: '2025-03-25', maturity: '2026-03-25', balance: 10_000 };
      const Q = { cust: 'C2', loanNo: 'Q', disbursed: '2025-03-26', maturity: '2026-03-26', balance: 10_000 };
      await imp('2025-06-30', [P, Q]);
      // P prepaid in the second half of 2025: gone from the next full export.
      await imp('2026-02-28', [Q]);
      await imp('2026-03-31', [{ ...Q, overdueDays: 5, riskClass: '关注' }]);
      expect(await figure('2026-03', 'maturedPrincipalRecovery')).toMatchObject({ numerator: 0, denominator: 1_000_000 });
    }));
});
