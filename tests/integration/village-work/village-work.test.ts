import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../electron/backend/changelog/actor';
import { writerAs } from '../../../electron/backend/changelog/write-context';
import { addMonths } from '../../../electron/backend/village-work/months';
import type { CadreView, NotVisitedList, VillageWorkView } from '../../../electron/shared/api/village-work';
import { perTestCopy } from '../../helpers/per-test-copy';
import { branchApp } from '../assignment/assignment-fixture';

// Tests run with today 2026-12-02: a visit counts when dated after 2026-06-02.
const b = perTestCopy(branchApp);

async function login(name: string, username: string, role: 'manager' | 'clerk' = 'manager') {
  const existing = await b.app.db.selectFrom('staff').select('id').where('display_name', '=', name).executeTakeFirst();
  if (existing) await b.call('staff.setLogin', { staffId: existing.id, username, password: 'pass-word-1' });
  else await b.call('staff.create', { username, displayName: name, password: 'pass-word-1', role });
  return b.as(username);
}

const visit = (villageId: string, visitedOn: string, extra: Record<string, string> = {}) => ({ villageId, visitedOn, met: '村支书', learned: '了解外出务工户去向', ...extra });

describe('addMonths', () => {
  it('clamps to the month’s last day and crosses years', () => {
    expect(addMonths('2026-12-02', -6)).toBe('2026-06-02');
    expect(addMonths('2026-08-31', -6)).toBe('2026-02-28');
    expect(addMonths('2028-08-31', -6)).toBe('2028-02-29');
    expect(addMonths('2026-03-15', -6)).toBe('2025-09-15');
    expect(addMonths('2026-11-01', 1)).toBe('2026-12-01');
    expect(addMonths('2026-12-01', 1)).toBe('2027-01-01');
  });
});

describe('villages not visited in the last 6 months', () => {
  it('lists every village with active loans: never visited first; a visit exactly 6 months ago no longer counts, one day less does', async () => {
    const first: NotVisitedList = await b.call('villageWork.notVisited');
    expect(first).toMatchObject({ today: '2026-12-02', cutoff: '2026-06-02', villagesWithLoans: 3 });
    expect(first.rows.map((r) => [r.village, r.lastVisitOn, r.daysSince])).toEqual(
      expect.arrayContaining([
        ['刘家会村', null, null],
        ['城庄村', null, null],
        ['高家村', null, null],
      ]),
    );
    // No village of its own: the manager of most of its loans.
    const manager = Object.fromEntries(first.rows.map((r) => [r.village, r.manager]));
    expect(manager).toEqual({ 刘家会村: '王经理', 城庄村: '李经理', 高家村: '张经理' });

    await b.call('villageWork.recordVisit', visit(b.ids.village('刘家会村'), '2026-06-02', { visitors: '王经理' }));
    await b.call('villageWork.recordVisit', visit(b.ids.village('城庄村'), '2026-06-03', { visitors: '李经理、内勤乙' }));
    await b.call('villageWork.recordVisit', visit(b.ids.village('城庄村'), '2026-01-03', { visitors: '李经理' }));
    const after: NotVisitedList = await b.call('villageWork.notVisited');
    expect(after.rows.map((r) => [r.village, r.lastVisitOn, r.daysSince])).toEqual([
      ['高家村', null, null],
      ['刘家会村', '2026-06-02', 183],
    ]);
    expect(after.rows[1]).toMatchObject({ loans: 5, balanceFen: 4_600_000 });
  });

  it("counts a visit for the village's own manager only: someone else's day there does not take it off the list", async () => {
    // 管理员甲 went to 高家村 (张经理's) alone; 张经理 recorded a visit to it themselves later on.
    await b.call('villageWork.recordVisit', visit(b.ids.village('高家村'), '2026-11-01'));
    const before: NotVisitedList = await b.call('villageWork.notVisited');
    expect(before.rows.find((r) => r.village === '高家村')).toMatchObject({ manager: '张经理', lastVisitOn: null });
    const zhang = await login('张经理', 'zhang');
    await zhang('villageWork.recordVisit', visit(b.ids.village('高家村'), '2026-11-20', { visitors: '张志明（代）' }));
    expect((await b.call('villageWork.notVisited')).rows.map((r: any) => r.village)).not.toContain('高家村');
  });

  it('filters by manager; a village’s own manager (assigned by village) wins over its loans', async () => {
    expect((await b.call('villageWork.notVisited', { managerId: b.ids.staff('王经理') })).rows.map((r: any) => r.village)).toEqual(['刘家会村']);
    await b.call('assignment.assign', { managerId: b.ids.staff('李经理'), scope: 'village', ids: [b.ids.village('高家村')], reason: '' });
    const li: NotVisitedList = await b.call('villageWork.notVisited', { managerId: b.ids.staff('李经理') });
    expect(li.rows.map((r) => r.village).sort()).toEqual(['城庄村', '高家村']);
    expect(li.villagesWithLoans).toBe(2);
    expect((await b.call('villageWork.notVisited', { managerId: b.ids.staff('张经理') })).rows).toEqual([]);
    // 刘家会村 given to 张经理 as a village while its loans stay 王经理's: the village's own manager counts.
    const village = await b.app.db.selectFrom('villages').selectAll().where('id', '=', b.ids.village('刘家会村')).executeTakeFirstOrThrow();
    await writerAs(b.app.db, SYSTEM_ACTOR)((w) => w.update('villages', village, { manager_id: b.ids.staff('张经理') }));
    expect((await b.call('villageWork.notVisited', { managerId: b.ids.staff('张经理') })).rows.map((r: any) => r.village)).toEqual(['刘家会村']);
    expect((await b.call('villageWork.notVisited', { managerId: b.ids.staff('王经理') })).rows).toEqual([]);
  });

  it('exports the list as .xlsx', async () => {
    const out = await b.call('villageWork.exportNotVisited', {});
    expect(out).toMatchObject({ count: 3, fileName: '半年未走访的村-2026-12-02.xlsx' });
  });
});

describe('visits', () => {
  it('are listed newest first, visitors default to the caller, and a future date is refused', async () => {
    const village = b.ids.village('刘家会村');
    await b.call('villageWork.recordVisit', visit(village, '2026-09-01', { visitors: '王经理、李经理' }));
    await b.call('villageWork.recordVisit', visit(village, '2026-12-02'));
    await b.call('villageWork.recordVisit', visit(village, '2026-10-15'));
    await expect(b.call('villageWork.recordVisit', visit(village, '2026-12-03'))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(b.call('villageWork.recordVisit', visit(village, '2026-12-01', { learned: ' ' }))).rejects.toMatchObject({ code: 'VALIDATION' });
    const view: VillageWorkView = await b.call('villageWork.village', { villageId: village });
    expect(view.visits.map((v) => [v.visitedOn, v.visitors])).toEqual([
      ['2026-12-02', '管理员甲'],
      ['2026-10-15', '管理员甲'],
      ['2026-09-01', '王经理、李经理'],
    ]);
  });
});

describe('cadres', () => {
  it('adds with a normalised phone, refuses an invalid one in Chinese, edits, and deactivates', async () => {
    const village = b.ids.village('城庄村');
    const cadre: CadreView = await b.call('villageWork.addCadre', { villageId: village, name: '刘建国', role: '村支书', phone: '138 0013 8000' });
    expect(cadre).toMatchObject({ phone: '13800138000', groupName: '', active: true });
    await expect(b.call('villageWork.addCadre', { villageId: village, name: '张三', role: '村主任', phone: '12345' })).rejects.toMatchObject({
      code: 'INVALID_PHONE',
      message: expect.stringContaining('不是有效的手机号或固定电话'),
    });
    await expect(b.call('villageWork.addCadre', { villageId: village, name: '张三', role: '书记' })).rejects.toMatchObject({ code: 'VALIDATION' });
    const leader: CadreView = await b.call('villageWork.addCadre', { villageId: village, name: '王小组', role: '村民小组组长', groupName: '三组', phone: '03581234567' });
    expect(leader).toMatchObject({ groupName: '三组', phone: '0358-1234567' });

    const edited: CadreView = await b.call('villageWork.updateCadre', { cadreId: cadre.id, updatedAt: cadre.updatedAt, name: '刘建国', role: '村主任', phone: '13900139000', note: '兼任' });
    expect(edited).toMatchObject({ role: '村主任', phone: '13900139000', note: '兼任' });
    const gone: CadreView = await b.call('villageWork.deactivateCadre', { cadreId: leader.id, updatedAt: leader.updatedAt });
    expect(gone.active).toBe(false);
    const view: VillageWorkView = await b.call('villageWork.village', { villageId: village });
    expect(view.cadres.map((c) => [c.name, c.role, c.active])).toEqual([
      ['刘建国', '村主任', true],
      ['王小组', '村民小组组长', false],
    ]);
  });

  it('refuses a stale edit: someone changed the cadre since it was read', async () => {
    const village = b.ids.village('城庄村');
    const read: CadreView = await b.call('villageWork.addCadre', { villageId: village, name: '刘建国', role: '村支书' });
    await b.call('villageWork.updateCadre', { cadreId: read.id, updatedAt: read.updatedAt, name: '刘建国', role: '村支书', phone: '13800138000' });
    await expect(b.call('villageWork.updateCadre', { cadreId: read.id, updatedAt: read.updatedAt, name: '刘建华', role: '村支书' })).rejects.toMatchObject({ code: 'STALE_WRITE' });
    await expect(b.call('villageWork.deactivateCadre', { cadreId: read.id, updatedAt: read.updatedAt })).rejects.toMatchObject({ code: 'STALE_WRITE' });
    const row = await b.app.db.selectFrom('village_cadres').selectAll().where('id', '=', read.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: '刘建国', phone: '13800138000', active: 1 });
  });

  it('an account manager records work only in their own villages; a clerk anywhere', async () => {
    const wang = await login('王经理', 'wang');
    const own = b.ids.village('刘家会村');
    const other = b.ids.village('城庄村');
    await expect(wang('villageWork.addCadre', { villageId: other, name: '刘建国', role: '村支书' })).rejects.toMatchObject({ code: 'NOT_YOUR_BOOK' });
    await expect(wang('villageWork.recordVisit', visit(other, '2026-11-01'))).rejects.toMatchObject({ code: 'NOT_YOUR_BOOK' });
    const theirs: CadreView = await b.call('villageWork.addCadre', { villageId: other, name: '李支书', role: '村支书' });
    await expect(wang('villageWork.updateCadre', { cadreId: theirs.id, updatedAt: theirs.updatedAt, name: '改名', role: '村支书' })).rejects.toMatchObject({ code: 'NOT_YOUR_BOOK' });
    expect((await wang('villageWork.village', { villageId: other })).canWrite).toBe(false);

    const mine = await wang('villageWork.recordVisit', visit(own, '2026-11-01'));
    expect(mine).toMatchObject({ visitors: '王经理', staffName: '王经理' });
    expect((await wang('villageWork.village', { villageId: own })).canWrite).toBe(true);

    const clerk = await login('赵内勤', 'zhao', 'clerk');
    await clerk('villageWork.addCadre', { villageId: other, name: '赵组长', role: '村民小组组长', groupName: '一组' });
    expect(await b.app.db.selectFrom('village_cadres').selectAll().where('village_id', '=', other).execute()).toHaveLength(2);
  });
});
