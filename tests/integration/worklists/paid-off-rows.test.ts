import { describe, expect, it } from 'vitest';
import { perTestCopy } from '../../helpers/per-test-copy';
import { signedInApp } from '../../helpers/signed-in-app';
import { closeAppContext } from '../../../electron/backend/app-context';
import { AS_OF, importLoans, LOANS, type Call, type FixtureLoan } from '../handover/collection-fixture';

// Some core exports list a loan paid off that month with 余额 0 until it drops out the month
// after. It stays 在贷 in the register, as the file says, but nobody is reminded, pressed or
// sent a notice over it; a loan that still owes interest stays on the lists.

const zero = (loanNo: string, maturityOn: string, principalDays: number, interestYuan: number | null, interestDays: number | null): FixtureLoan => ({
  customerNo: `Z${loanNo.slice(2)}`,
  name: `还清${loanNo.slice(2)}`,
  village: '刘家会村',
  phone: '13800009999',
  loanNo,
  balanceYuan: 0,
  maturityOn,
  principalDays,
  interestYuan,
  interestDays,
  manager: '王经理',
});
const PAID = [
  // Would be 到期提示 (matures within 7 days of AS_OF).
  zero('Z-DUE', '2026-12-03', 0, null, null),
  // Would be 逾期, 待移交 and 诉讼准备.
  zero('Z-OLD', '2023-05-01', 200, 0, 0),
  // Principal paid, interest still owed: stays on 待移交.
  zero('Z-INT', '2026-06-01', 0, 50, 100),
];

const b = perTestCopy(async (file: string) => {
  const { app, call } = await signedInApp(file);
  await importLoans(call as Call, [...LOANS, ...PAID], AS_OF);
  return { app, call: call as Call, close: () => closeAppContext(app) };
});

const listed = async (list: string) => ((await b.call('worklists.list', { query: { list, asOf: AS_OF }, limit: 500 })).rows as Array<{ loanNo: string }>).map((r) => r.loanNo);
const loanIds = async (nos: string[]) => (await b.app.db.selectFrom('loans').select('id').where('loan_no', 'in', nos).execute()).map((r) => r.id);

describe('a loan listed with 余额 0', () => {
  it('stays 在贷 in the register but on no worklist; one still owing interest stays', async () => {
    const register = (await b.call('register.loans', { offset: 0, limit: 500 })).rows.map((r: { loanNo: string }) => r.loanNo);
    expect(register).toEqual(expect.arrayContaining(['Z-DUE', 'Z-OLD', 'Z-INT']));
    expect(await listed('due-soon')).not.toContain('Z-DUE');
    expect(await listed('overdue')).not.toContain('Z-OLD');
    expect(await listed('litigation')).not.toContain('Z-OLD');
    expect(await listed('handover')).not.toContain('Z-OLD');
    expect(await listed('handover')).toContain('Z-INT');
  });

  it('gets no notice and is not counted as 本月未发催收; its limitation clock is not listed', async () => {
    const scope = { by: 'loans', loanIds: await loanIds(['Z-DUE', 'Z-OLD']) };
    for (const kind of ['reminder', 'overdue', 'confirmation']) {
      const plan = await b.call('notices.plan', { kind, scope, asOf: AS_OF });
      expect(plan.notices).toEqual([]);
      expect(plan.skipped).toEqual([{ reason: '已还清（余额和欠息均为零）', loans: 2 }]);
    }
    const unnoticed = await b.call('notices.unnoticed', { month: '2026-11', limit: 500 });
    expect(unnoticed.rows.map((r: { loanNo: string }) => r.loanNo)).not.toContain('Z-OLD');
    const clocks = (await b.call('limitation.list', { asOf: AS_OF, show: 'all', limit: 500 })).rows.map((r: { loanNo: string }) => r.loanNo);
    expect(clocks).not.toContain('Z-OLD');
    expect(clocks).toContain('Z-INT');
  });
});
