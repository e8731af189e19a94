import { describe, expect, it } from 'vitest';
import { perTestCopy } from '../../helpers/per-test-copy';
import { AS_OF, collectionApp } from '../handover/collection-fixture';

// A loan whose interest is overdue, its principal not yet due (H03: interest 95 days, 次级 in
// practice), is overdue for collection: it gets the monthly 逾期贷款催收通知书 (the notice shows
// its 欠息), guarantors' notices, and is on 本月未发催收 until it has one.

const b = perTestCopy(collectionApp);
const loanNos = (rows: Array<{ loanNo: string }>) => rows.map((r) => r.loanNo).sort();

describe('interest overdue, principal not yet due', () => {
  it('gets an overdue notice and no maturity reminder', async () => {
    const scope = { by: 'loans', loanIds: [await b.loanId('H03'), await b.loanId('H07')] };
    const overdue = await b.call('notices.plan', { kind: 'overdue', scope, asOf: AS_OF });
    expect(loanNos(overdue.notices)).toEqual(['H03', 'H07']);
    const h03 = overdue.notices.find((n: { loanNo: string }) => n.loanNo === 'H03');
    expect(h03).toMatchObject({ principalOverdueDays: 0 });
    const reminder = await b.call('notices.plan', { kind: 'reminder', scope, asOf: AS_OF });
    expect(reminder.notices).toEqual([]);
    expect(reminder.skipped).toEqual([{ reason: '已逾期（应发催收通知书）', loans: 2 }]);
  });

  it('is on 本月未发催收 until its notice is issued', async () => {
    const unnoticed = await b.call('notices.unnoticed', { month: '2026-11', limit: 500 });
    expect(loanNos(unnoticed.rows)).toContain('H03');
    expect(unnoticed.rows.find((r: { loanNo: string }) => r.loanNo === 'H03')).toMatchObject({ principalOverdueDays: 0, interestOverdueDays: 95 });
  });
});
