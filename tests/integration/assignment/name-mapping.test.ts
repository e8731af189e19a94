import { describe, expect, it } from 'vitest';
import { perTestCopy } from '../../helpers/per-test-copy';
import { BRANCH, branchApp, currentManagers, importBranch, readIds, type BranchLoan } from './assignment-fixture';

// BRANCH is imported as of 2026-11-30: 张经理 manages L11 and L12.
const b = perTestCopy(branchApp);

const newLoan = (loanNo: string, manager: string): BranchLoan => ({
  customerNo: `N${loanNo}`,
  name: `新户${loanNo}`,
  village: '高家村',
  loanNo,
  balanceYuan: 1_000,
  overdueDays: 0,
  riskClass: '正常',
  manager,
});

const mapping = async (name: string) => ((await b.call('assignment.nameMappings')) as any[]).find((m) => m.name === name);

describe('客户经理姓名对照', () => {
  it('lists every name the imports met with its staff member and their book', async () => {
    const list = await b.call('assignment.nameMappings');
    expect(list.map((m: any) => [m.name, m.staffName, m.staffLoans])).toEqual([
      ['张经理', '张经理', 2],
      ['李经理', '李经理', 4],
      ['王经理', '王经理', 6],
    ].sort((x, y) => (x[0] < y[0] ? -1 : 1)));
  });

  it('points a name at another manager for later imports: new loans follow it, existing loans stay', async () => {
    const zhang = await mapping('张经理');
    const before = await currentManagers(b.app);
    const out = await b.call('assignment.remapName', { mappingId: zhang.id, staffId: b.ids.staff('王经理'), updatedAt: zhang.updatedAt });
    expect(out).toMatchObject({ changed: true, mapping: { name: '张经理', staffName: '王经理' } });
    expect(await currentManagers(b.app)).toEqual(before);

    await importBranch(b.call, [...BRANCH, newLoan('L20', '张经理')], '2026-12-01');
    const after = await currentManagers(b.app);
    expect(after.L20).toBe('王经理');
    expect([after.L11, after.L12]).toEqual(['张经理', '张经理']);
    const staffNamed = await b.app.db.selectFrom('staff').select('id').where('display_name', '=', '张经理').execute();
    expect(staffNamed).toHaveLength(1);
  });

  it('refuses a stale write, a target who is not an active account manager, and a caller who may not assign', async () => {
    const zhang = await mapping('张经理');
    await b.call('assignment.remapName', { mappingId: zhang.id, staffId: b.ids.staff('李经理'), updatedAt: zhang.updatedAt });
    await expect(b.call('assignment.remapName', { mappingId: zhang.id, staffId: b.ids.staff('王经理'), updatedAt: zhang.updatedAt })).rejects.toMatchObject({
      code: 'STALE_WRITE',
    });
    expect((await mapping('张经理')).staffName).toBe('李经理');

    await b.call('staff.create', { username: 'clerk', displayName: '内勤甲', password: 'pass-word-1', role: 'clerk' });
    const clerkId = (await readIds(b.app)).staff('内勤甲');
    const fresh = await mapping('张经理');
    await expect(b.call('assignment.remapName', { mappingId: fresh.id, staffId: clerkId, updatedAt: fresh.updatedAt })).rejects.toMatchObject({ code: 'NOT_ASSIGNABLE' });

    await b.call('staff.setLogin', { staffId: b.ids.staff('王经理'), username: 'wang', password: 'pass-word-1' });
    const wang = await b.as('wang');
    await expect(wang('assignment.remapName', { mappingId: fresh.id, staffId: b.ids.staff('王经理'), updatedAt: fresh.updatedAt })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await mapping('张经理')).staffName).toBe('李经理');
    expect(await wang('assignment.nameMappings')).toHaveLength(3);
  });
});
