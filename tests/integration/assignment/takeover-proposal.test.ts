import { beforeEach, describe, expect, it } from 'vitest';
import { workOutProposal, type Override } from '../../../electron/backend/assignment/proposal';
import { readTransaction } from '../../../electron/backend/db/read-db';
import { perTestCopy } from '../../helpers/per-test-copy';
import { BRANCH, BRANCH_TOTALS, branchApp, currentManagers, sumRows } from './assignment-fixture';

const b = perTestCopy(branchApp);
beforeEach(async () => {
  await b.call('staff.create', { username: 'zhao', displayName: '赵经理', password: 'pass-word-1', role: 'manager' });
});

const logSize = async () => Number((await b.app.db.selectFrom('change_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const staffId = async (name: string) => (await b.app.db.selectFrom('staff').select('id').where('display_name', '=', name).executeTakeFirstOrThrow()).id;
const wangLoans = BRANCH.filter((x) => x.manager === '王经理').map((x) => x.loanNo);

describe('takeover', () => {
  it('moves every loan of the departing manager to one other, with history; the load table adds up before and after', async () => {
    expect(sumRows((await b.call('assignment.load')).rows)).toEqual(BRANCH_TOTALS);
    // 刘家会村 is 王经理's own village (assigned as a village, so its new loans go to him).
    await b.call('assignment.assign', { managerId: b.ids.staff('王经理'), scope: 'village', ids: [b.ids.village('刘家会村')] });
    const outcome = await b.call('assignment.takeover', { fromManagerId: b.ids.staff('王经理'), toManagerIds: [await staffId('赵经理')], reason: '王经理退休' });
    expect(outcome.moved).toBe(wangLoans.length);
    expect(outcome.to).toEqual([expect.objectContaining({ name: '赵经理', households: 5, loans: 6, balanceFen: 6_100_000 })]);

    const now = await currentManagers(b.app);
    for (const no of wangLoans) expect(now[no]).toBe('赵经理');
    expect(now.L11).toBe('张经理');
    const load = await b.call('assignment.load');
    expect(load.totals).toEqual(BRANCH_TOTALS);
    expect(sumRows(load.rows)).toEqual(BRANCH_TOTALS);
    expect(load.rows.find((r: any) => r.name === '王经理')).toMatchObject({ households: 0, loans: 0, balanceFen: 0 });
    const history = await b.call('assignment.history', { loanId: b.ids.loan('L01') });
    expect(history.map((h: any) => [h.managerName, h.validFrom, h.validTo, h.reason])).toEqual([
      ['赵经理', '2026-12-02', null, '王经理退休'],
      ['王经理', '2026-11-30', '2026-12-02', expect.stringContaining('导入')],
    ]);
    // The village is 赵经理's now: its new loans go to him.
    const village = await b.app.db.selectFrom('villages').select('manager_id').where('id', '=', b.ids.village('刘家会村')).executeTakeFirstOrThrow();
    expect(village.manager_id).toBe(await staffId('赵经理'));
  });

  it('splits the book among several, households whole, and says what each took', async () => {
    const zhao = await staffId('赵经理');
    const li = b.ids.staff('李经理');
    const outcome = await b.call('assignment.takeover', { fromManagerId: b.ids.staff('王经理'), toManagerIds: [zhao, li] });
    expect(outcome.moved).toBe(wangLoans.length);
    expect(outcome.to.map((t: any) => t.name)).toEqual(['赵经理', '李经理']);
    expect(outcome.to.every((t: any) => t.households > 0)).toBe(true);
    expect(sumRows(outcome.to)).toMatchObject({ households: 5, loans: 6, balanceFen: 6_100_000 });

    const now = await currentManagers(b.app);
    expect(Object.values(now).filter((m) => m === '王经理')).toEqual([]);
    // 户C01's two loans stay together.
    expect(now.L01).toBe(now.L02);
    expect(sumRows((await b.call('assignment.load')).rows)).toEqual(BRANCH_TOTALS);
  });

  it('refuses to hand a book to its own manager or to someone who is not an account manager, writing nothing', async () => {
    const before = await logSize();
    const wang = b.ids.staff('王经理');
    await expect(b.call('assignment.takeover', { fromManagerId: wang, toManagerIds: [wang] })).rejects.toMatchObject({ code: 'VALIDATION' });
    const admin = await staffId('管理员甲');
    await expect(b.call('assignment.takeover', { fromManagerId: wang, toManagerIds: [admin] })).rejects.toMatchObject({ code: 'NOT_ASSIGNABLE' });
    await expect(b.call('assignment.takeover', { fromManagerId: 'nobody', toManagerIds: [admin] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await logSize()).toBe(before);
  });
});

describe('balanced proposal', () => {
  it('changes nothing until applied; applied, the load table shows what it proposed', async () => {
    const ids = [b.ids.staff('王经理'), b.ids.staff('李经理'), await staffId('赵经理')];
    const before = await logSize();
    const view = await b.call('assignment.propose', { managerIds: ids });
    expect(await logSize()).toBe(before);
    expect(view.totals).toEqual(BRANCH_TOTALS);
    // Every household goes to a picked manager; 张经理 and nobody give theirs up.
    expect(sumRows(view.managers.filter((m: any) => m.picked).map((m: any) => m.after))).toMatchObject(BRANCH_TOTALS);
    expect(sumRows(view.managers.map((m: any) => m.before))).toEqual(BRANCH_TOTALS);
    expect(view.managers.filter((m: any) => !m.picked).map((m: any) => m.name)).toEqual(['张经理', '未分配']);
    expect(view.villages.map((v: any) => [v.village, v.before])).toEqual([
      ['城庄村', '李经理'],
      ['高家村', '张经理等2人'],
      ['刘家会村', '王经理'],
    ]);

    const applied = await b.call('assignment.applyProposal', { managerIds: ids, basis: view.basis, reason: '年初调整' });
    expect(applied.proposal.managers).toEqual(view.managers);
    expect(applied.moved).toBe(view.loansToMove);
    const load = await b.call('assignment.load');
    for (const m of view.managers.filter((x: any) => x.picked)) {
      const { villages: _villages, ...figures } = m.after;
      expect(load.rows.find((r: any) => r.managerId === m.managerId)).toMatchObject(figures);
    }
    expect(load.rows.find((r: any) => r.name === '未分配')).toBeUndefined();
    expect(sumRows(load.rows)).toEqual(BRANCH_TOTALS);
  });

  it('takes whole villages the branch head moved, and is refused once the data changed since it was shown', async () => {
    const ids = [b.ids.staff('王经理'), b.ids.staff('李经理')];
    const li = b.ids.staff('李经理');
    const view = await b.call('assignment.propose', { managerIds: ids, overrides: [{ villageId: b.ids.village('刘家会村'), managerId: li }] });
    expect(view.villages.find((v: any) => v.village === '刘家会村')).toMatchObject({ overridden: true, after: [{ managerId: li, name: '李经理', households: 4 }] });
    await expect(b.call('assignment.propose', { managerIds: ids, overrides: [{ villageId: b.ids.village('刘家会村'), managerId: await staffId('赵经理') }] })).rejects.toMatchObject({
      code: 'VALIDATION',
    });

    await b.call('assignment.assign', { managerId: li, scope: 'loan', ids: [b.ids.loan('L13')] });
    const before = await logSize();
    await expect(b.call('assignment.applyProposal', { managerIds: ids, overrides: [{ villageId: b.ids.village('刘家会村'), managerId: li }], basis: view.basis })).rejects.toMatchObject({
      code: 'STALE_PROPOSAL',
    });
    expect(await logSize()).toBe(before);
    const again = await b.call('assignment.propose', { managerIds: ids, overrides: [{ villageId: b.ids.village('刘家会村'), managerId: li }] });
    await b.call('assignment.applyProposal', { managerIds: ids, overrides: [{ villageId: b.ids.village('刘家会村'), managerId: li }], basis: again.basis });
    const now = await currentManagers(b.app);
    for (const no of ['L01', 'L02', 'L03', 'L04', 'L05']) expect(now[no]).toBe('李经理');
  });

  it('proposed again on an unchanged register (managers in another order, a village moved and moved back) comes out as worked out afresh', async () => {
    const ids = [b.ids.staff('王经理'), b.ids.staff('李经理'), await staffId('赵经理')];
    // Inside a transaction the book is read afresh, so nothing kept from earlier calls is used.
    const fresh = async (managerIds: string[], overrides: Override[] = []) => (await readTransaction(b.app.db, (trx) => workOutProposal(trx, managerIds, overrides))).view;
    const first = await b.call('assignment.propose', { managerIds: ids });
    expect(first).toEqual(await fresh(ids));
    const liu = first.villages.find((v: any) => v.village === '刘家会村');
    const elsewhere = ids.find((id) => id !== liu.after[0].managerId)!;
    const overrides = [{ villageId: b.ids.village('刘家会村'), managerId: elsewhere }];
    const moved = await b.call('assignment.propose', { managerIds: ids, overrides });
    expect(moved.villages.find((v: any) => v.village === '刘家会村').after).toEqual([expect.objectContaining({ managerId: elsewhere })]);
    expect(moved).toEqual(await fresh(ids, overrides));
    // Moved back: the override left the kept split as it was.
    expect(await b.call('assignment.propose', { managerIds: ids })).toEqual(first);
    const reversed = [...ids].reverse();
    expect(await b.call('assignment.propose', { managerIds: reversed })).toEqual(await fresh(reversed));
    expect(await b.call('assignment.propose', { managerIds: ids.slice(0, 2) })).toEqual(await fresh(ids.slice(0, 2)));

    // A write makes a new book: the proposal follows the register.
    await b.call('assignment.assign', { managerId: b.ids.staff('李经理'), scope: 'village', ids: [b.ids.village('刘家会村')] });
    const after = await b.call('assignment.propose', { managerIds: ids });
    expect(after.basis).not.toBe(first.basis);
    expect(after).toEqual(await fresh(ids));
  });

  it('is not made stale by collection work logged meanwhile (a contact changes no loan, household or assignment)', async () => {
    const ids = [b.ids.staff('王经理'), b.ids.staff('李经理')];
    const view = await b.call('assignment.propose', { managerIds: ids });
    await b.call('contacts.record', { borrowerId: b.ids.borrower('C01'), loanId: b.ids.loan('L02'), contactedAt: '2026-12-02 09:00', way: 'phone', reached: 'self' });
    await b.call('staff.setPhone', { staffId: b.ids.staff('王经理'), phone: '13900001111' });
    await expect(b.call('assignment.applyProposal', { managerIds: ids, basis: view.basis, reason: '年初调整' })).resolves.toBeTruthy();
  });
});
