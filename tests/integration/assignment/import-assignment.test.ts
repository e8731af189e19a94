import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../electron/backend/changelog/actor';
import { withWrite } from '../../../electron/backend/changelog/write-context';
import { perTestCopy } from '../../helpers/per-test-copy';
import { BRANCH, branchApp, currentManagers, importBranch, readIds, type BranchLoan } from './assignment-fixture';

const b = perTestCopy(branchApp);

const loan = (loanNo: string, village: BranchLoan['village'], manager: string, customerNo = `N${loanNo}`): BranchLoan => ({
  customerNo,
  name: `新户${loanNo}`,
  village,
  loanNo,
  balanceYuan: 1_000,
  overdueDays: 0,
  riskClass: '正常',
  manager,
});

async function snapshotManager(loanNo: string, asOf: string): Promise<string | null> {
  const row = await b.app.db
    .selectFrom('loan_snapshots as s')
    .innerJoin('loans as l', 'l.id', 's.loan_id')
    .leftJoin('staff as m', 'm.id', 's.manager_id')
    .select('m.display_name')
    .where('l.loan_no', '=', loanNo)
    .where('s.as_of', '=', asOf)
    .executeTakeFirstOrThrow();
  return row.display_name;
}

describe('imports and assignments', () => {
  it('keep local assignments by default, give new loans the file’s manager (else the village’s), and date snapshots by the manager then', async () => {
    const wang = b.ids.staff('王经理');
    await b.call('assignment.assign', { managerId: wang, scope: 'village', ids: [b.ids.village('城庄村')], reason: '调整' });

    // The core system still says 李经理 for 城庄村; one new loan of his, one naming nobody, one of a manager never seen.
    await importBranch(b.call, [...BRANCH, loan('L14', '城庄村', '李经理'), loan('L15', '城庄村', ''), loan('L16', '高家村', '赵经理')], '2026-12-01');
    const now = await currentManagers(b.app);
    expect(now).toMatchObject({ L06: '王经理', L07: '王经理', L08: '王经理', L09: '王经理', L14: '李经理', L15: '王经理', L16: '赵经理', L13: '' });
    const l14 = await b.call('assignment.history', { loanId: (await readIds(b.app)).loan('L14') });
    expect(l14).toEqual([expect.objectContaining({ managerName: '李经理', validFrom: '2026-12-01', validTo: null, assignedBy: '管理员甲' })]);

    // A manager first seen in a file is a staff row of role manager, mapped once.
    const zhao = await b.app.db.selectFrom('staff').select(['id', 'role']).where('display_name', '=', '赵经理').execute();
    expect(zhao).toEqual([{ id: expect.any(String), role: 'manager' }]);
    expect(await b.app.db.selectFrom('manager_names').select(['name', 'staff_id']).where('name', '=', '赵经理').execute()).toEqual([{ name: '赵经理', staff_id: zhao[0].id }]);

    // Snapshots name the manager of their date: 城庄村 was 李经理's until today's reassignment.
    expect(await snapshotManager('L06', '2026-11-30')).toBe('李经理');
    expect(await snapshotManager('L06', '2026-12-01')).toBe('李经理');
    expect(await snapshotManager('L14', '2026-12-01')).toBe('李经理');
    expect(await snapshotManager('L15', '2026-12-01')).toBe('王经理');
    expect(await snapshotManager('L13', '2026-12-01')).toBe(null);

    // Today's export dates today's reassignment.
    await importBranch(b.call, [...BRANCH, loan('L14', '城庄村', '李经理'), loan('L15', '城庄村', ''), loan('L16', '高家村', '赵经理')], '2026-12-02');
    expect(await snapshotManager('L06', '2026-12-02')).toBe('王经理');
    expect((await currentManagers(b.app)).L06).toBe('王经理');
  });

  it('replace a local assignment with the file’s manager only when the setting allows it', async () => {
    const wang = b.ids.staff('王经理');
    const li = b.ids.staff('李经理');
    await b.call('assignment.assign', { managerId: wang, scope: 'loan', ids: [b.ids.loan('L06')] });
    expect(await b.call('assignment.settings')).toEqual({ importOverwritesAssignment: false });
    expect(await b.call('assignment.setSettings', { importOverwritesAssignment: true })).toEqual({ importOverwritesAssignment: true });

    await importBranch(b.call, BRANCH, '2026-12-02');
    const now = await currentManagers(b.app);
    expect(now.L06).toBe('李经理');
    const history = await b.call('assignment.history', { loanId: b.ids.loan('L06') });
    expect(history[0]).toMatchObject({ managerId: li, validFrom: '2026-12-02', validTo: null, reason: expect.stringContaining('覆盖') });
    expect(history[1]).toMatchObject({ managerId: wang, validTo: '2026-12-02' });
    // Loans whose file manager is the current one are left alone.
    expect((await b.call('assignment.history', { loanId: b.ids.loan('L07') })).length).toBe(1);
  });

  it('map a name to the same staff member once: a renamed manager keeps the book, a same-named newcomer does not take it', async () => {
    const li = b.ids.staff('李经理');
    // 李经理 is renamed in the app; an account manager of the old name joins.
    await withWrite(b.app.db, SYSTEM_ACTOR, async (w) => {
      await w.updateById('staff', li, { display_name: '李明' });
    });
    await b.call('staff.create', { username: 'li2', displayName: '李经理', password: 'pass-word-1', role: 'manager' });
    const staffBefore = await b.app.db.selectFrom('staff').select('id').execute();

    await importBranch(b.call, [...BRANCH, loan('L14', '城庄村', '李经理')], '2026-12-01');
    const rows = await b.app.db
      .selectFrom('loans as l')
      .leftJoin('current_loan_managers as a', 'a.loan_id', 'l.id')
      .select(['l.loan_no', 'l.manager_id', 'a.manager_id as assigned'])
      .where('l.loan_no', 'in', ['L06', 'L14'])
      .orderBy('l.loan_no')
      .execute();
    expect(rows).toEqual([
      { loan_no: 'L06', manager_id: li, assigned: li },
      { loan_no: 'L14', manager_id: li, assigned: li },
    ]);
    expect((await b.app.db.selectFrom('staff').select('id').execute()).length).toBe(staffBefore.length);
  });
});
