import { describe, expect, it } from 'vitest';
import { perTestCopy } from '../../helpers/per-test-copy';
import { collectionApp } from '../handover/collection-fixture';

const b = perTestCopy(collectionApp);

const litigation = async () => ((await b.call('worklists.list', { query: { list: 'litigation' }, limit: 500 })).rows as Array<{ loanNo: string }>).map((r) => r.loanNo).sort();
const stepCount = async () => Number((await b.app.db.selectFrom('legal_steps').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('legal steps', () => {
  it('a recorded step takes the loan off 诉讼准备 and is listed, latest first', async () => {
    expect(await litigation()).toEqual(['H02', 'H07']);
    const h2 = await b.loanId('H02');
    const step = await b.call('legal.record', { loanId: h2, stepOn: '2026-11-20', kind: 'lawyer-letter', note: '寄往现住地' });
    expect(step).toMatchObject({ loanId: h2, stepOn: '2026-11-20', kind: 'lawyer-letter', note: '寄往现住地', staffName: '管理员甲' });
    expect(await litigation()).toEqual(['H07']);
    expect((await b.call('worklists.counts', {})).litigation.count).toBe(1);
    await b.call('legal.record', { loanId: h2, stepOn: '2026-12-01', kind: 'lawsuit' });
    expect((await b.call('legal.list', { loanId: h2 })).map((s: any) => [s.stepOn, s.kind])).toEqual([
      ['2026-12-01', 'lawsuit'],
      ['2026-11-20', 'lawyer-letter'],
    ]);
    // Still overdue and for hand-over: only 诉讼准备 drops it.
    expect((await b.call('worklists.list', { query: { list: 'handover' }, limit: 500 })).rows.map((r: any) => r.loanNo)).toContain('H02');
  });

  it('an account manager records steps on their own book only; a clerk on any', async () => {
    const [h2, h7] = [await b.loanId('H02'), await b.loanId('H07')];
    const wang = await b.as('王经理');
    await expect(wang('legal.record', { loanId: h7, stepOn: '2026-11-20', kind: 'payment-order' })).rejects.toMatchObject({ code: 'NOT_YOUR_BOOK' });
    expect(await stepCount()).toBe(0);
    expect(await litigation()).toEqual(['H02', 'H07']);
    await wang('legal.record', { loanId: h2, stepOn: '2026-11-20', kind: 'payment-order' });
    // Others' steps stay readable.
    expect(await wang('legal.list', { loanId: h7 })).toEqual([]);
    const clerk = await b.as('内勤乙', 'clerk');
    await clerk('legal.record', { loanId: h7, stepOn: '2026-11-21', kind: 'other', note: '催收函' });
    expect(await litigation()).toEqual([]);
  });

  it('refuses bad input: unknown kind, a future or impossible date, an unknown loan', async () => {
    const h2 = await b.loanId('H02');
    await expect(b.call('legal.record', { loanId: h2, stepOn: '2026-11-20', kind: 'letter' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(b.call('legal.record', { loanId: h2, stepOn: '2026-02-30', kind: 'lawsuit' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(b.call('legal.record', { loanId: h2, stepOn: '2026-12-03', kind: 'lawsuit' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(b.call('legal.record', { loanId: 'nope', stepOn: '2026-11-20', kind: 'lawsuit' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(b.call('legal.record', { loanId: h2, stepOn: '2026-11-20', kind: 'lawsuit', note: '字'.repeat(501) })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await stepCount()).toBe(0);
  });
});
