import { describe, expect, it } from 'vitest';
import { perTest } from '../../helpers/per-test';
import { branchApp } from './assignment-fixture';

const b = perTest(branchApp);

const phoneOf = async (id: string) => (await b.app.db.selectFrom('staff').select('phone').where('id', '=', id).executeTakeFirstOrThrow()).phone;

describe('staff phones (人员名单 电话)', () => {
  it('are normalised on entry; an account manager sets their own, not another’s; the branch head anyone’s', async () => {
    const wang = b.ids.staff('王经理');
    const li = b.ids.staff('李经理');
    await b.call('staff.setLogin', { staffId: wang, username: 'wang', password: 'pass-word-1' });
    const asWang = await b.as('wang');
    await expect(asWang('staff.setPhone', { staffId: wang, phone: '139 0000 1111' })).resolves.toEqual({ staffId: wang, phone: '13900001111' });
    await expect(asWang('staff.setPhone', { staffId: li, phone: '13900002222' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(asWang('staff.setPhone', { staffId: wang, phone: '12345' })).rejects.toThrow('电话号码无效');
    // An account manager cannot list the staff, but reads their own phone (the header's 我的电话).
    await expect(asWang('staff.list')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(asWang('staff.myPhone')).resolves.toEqual({ phone: '13900001111' });
    expect(await phoneOf(li)).toBe('');
    await b.call('staff.setPhone', { staffId: li, phone: '0358-1234567' });
    expect(await phoneOf(li)).toBe('0358-1234567');
    expect((await b.call('staff.list')).find((s: { id: string }) => s.id === wang).phone).toBe('13900001111');
  });
});
