import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeAppContext, type AppContext } from '../../../electron/backend/app-context';
import { dispatch } from '../../../electron/backend/rpc/dispatch';
import { csvBytes, sampleCsvLines } from '../../helpers/sample-files';
import { signedInApp } from '../../helpers/signed-in-app';
import { makeTempDir } from '../../helpers/temp-dir';

// Issue 9, findings 3 and 4, through the real dispatcher on a real file.
let tmp: ReturnType<typeof makeTempDir>;
let app: AppContext;
let call: (name: string, args?: unknown) => Promise<any>;
beforeEach(async () => {
  tmp = makeTempDir();
  ({ app, call } = await signedInApp(tmp.file('ledger.sqlite')));
});
afterEach(async () => {
  await closeAppContext(app);
  tmp.cleanup();
});

const [HEADER, ...ROWS] = sampleCsvLines().filter((l) => l.trim() !== '');
async function preview(lines: string[]) {
  return call('imports.preview', { fileName: 'f.csv', contentBase64: csvBytes([HEADER, ...lines]).toString('base64'), asOf: '2026-11-30', fullExport: false });
}

describe('amount limit', () => {
  it('refuses rows above the branch setting, which only an admin may change', async () => {
    // Rows 2 and 3 of the sample hold plain balances (column 14): 387650.8 and 6776.16.
    const before = await preview([ROWS[1], ROWS[2]]);
    expect(before.counts).toMatchObject({ accepted: 2 });
    expect(await call('settings.importLimits')).toEqual({ maxLoanYuan: 100_000_000 });

    expect(await call('settings.setImportLimits', { maxLoanYuan: 100_000 })).toEqual({ maxLoanYuan: 100_000 });
    const after = await preview([ROWS[1], ROWS[2]]);
    expect(after.counts.accepted).toBe(1);
    expect(after.counts.rejected).toEqual([{ row: 2, code: 'amount_too_large', reason: expect.stringContaining('余额超出单笔上限 100,000.00 元') }]);

    const log = await app.db.selectFrom('change_log').select(['table_name', 'row_id', 'after_json']).where('table_name', '=', 'settings').execute();
    expect(log).toEqual([expect.anything(), expect.anything(), { table_name: 'settings', row_id: 'max_loan_yuan', after_json: expect.stringContaining('100000') }]);
    expect(await call('settings.setImportLimits', { maxLoanYuan: 10 }).catch((e) => e.code)).toBe('VALIDATION');
  });

  it('keeps a clerk from changing it', async () => {
    await call('staff.create', { username: 'clerk1', displayName: '张敏', password: 'clerk-pass-1', role: 'clerk' });
    const login = await dispatch(app, 'auth.login', { username: 'clerk1', password: 'clerk-pass-1' });
    const token = login.ok ? (login.value as { token: string }).token : '';
    expect(await dispatch(app, 'settings.setImportLimits', { maxLoanYuan: 1_000_000 }, { token })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('sums', () => {
  it('never overflow: a register holding absurd balances from before the limit still shows its overview, report and totals', async () => {
    const preview1 = await preview(ROWS.slice(0, 20));
    await call('imports.commit', { previewId: preview1.previewId, asOf: '2026-11-30', fullExport: false });
    // As an older build let in: 90 trillion 元 a loan (SQLite's integer sum overflows past 9.2e18).
    const loans = await app.db.selectFrom('loans').select(['id', 'updated_at']).execute();
    await app.db.transaction().execute(async (trx) => {
      // Written around the change log on purpose: the state an older, unchecked import left.
      for (const l of loans) await sql`update loans set balance_fen = 9000000000000000000 / 10 where id = ${l.id}`.execute(trx);
    });
    expect(await call('villages.overview')).toBeTruthy();
    expect((await call('reports.portfolio')).balanceFen).toBeGreaterThan(1e19);
    const page = await call('register.loans', { offset: 0, limit: 10, includeSettled: false, sort: [], filter: {} });
    expect(page.balanceFen).toBeGreaterThan(1e19);
  });
});

describe('one resident ID under two customer numbers', () => {
  // Row 1 of the sample: C880001 梁梅 141124195705010729, loan 88011000000.
  const otherCustomer = (loanNo: string) =>
    ROWS[0].replace('C880001', 'C880999').replace('梁梅', '张三').replace('88011000000', loanNo).replace('HT202304270001', `HT${loanNo}`);

  it('keeps the customer number as the key: the second customer is a borrower of their own, and the shared ID is warned about', async () => {
    const first = await preview([ROWS[0]]);
    await call('imports.commit', { previewId: first.previewId, asOf: '2026-11-30', fullExport: false });

    const second = await preview([otherCustomer('88019999999')]);
    expect(second.counts).toMatchObject({ accepted: 1, newBorrowers: 1 });
    const shared = second.counts.warnings.filter((w: { field: string }) => w.field === 'residentId');
    expect(shared).toEqual([
      { row: 2, field: 'residentId', message: '身份证号 141124********0729 也登记在客户号 C880001（梁梅）名下；此行按客户号 C880999（张三）另立借款人，请核对核心系统' },
    ]);
    const result = await call('imports.commit', { previewId: second.previewId, asOf: '2026-11-30', fullExport: false });
    expect(result.warnings).toEqual(expect.arrayContaining(shared));

    const owners = await app.db
      .selectFrom('loans')
      .innerJoin('borrowers', 'borrowers.id', 'loans.borrower_id')
      .select(['loans.loan_no', 'borrowers.customer_no', 'borrowers.name'])
      .orderBy('loans.loan_no')
      .execute();
    expect(owners).toEqual([
      { loan_no: '88011000000', customer_no: 'C880001', name: '梁梅' },
      { loan_no: '88019999999', customer_no: 'C880999', name: '张三' },
    ]);
  });

  it('warns when both customers are new in the same file', async () => {
    const both = await preview([ROWS[0], otherCustomer('88019999999')]);
    expect(both.counts.newBorrowers).toBe(2);
    expect(both.counts.warnings.map((w: { message: string }) => w.message)).toContain(
      '身份证号 141124********0729 也登记在客户号 C880001（梁梅）名下；此行按客户号 C880999（张三）另立借款人，请核对核心系统',
    );
  });
});
