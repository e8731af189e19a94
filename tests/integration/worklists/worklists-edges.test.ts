import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/backend/app-context';
import { OVERDUE_BUCKETS, type WorklistPage } from '../../../electron/shared/api/worklists';
import { makeTempDir } from '../../helpers/temp-dir';
import { EDGE_AS_OF, EDGE_LOANS, edgeCaseApp, SETTLED_LOAN } from './worklist-fixture';

let tmp: ReturnType<typeof makeTempDir>;
let app: AppContext;
let call: (name: string, args?: unknown) => Promise<any>;
let close: () => Promise<void>;

beforeAll(async () => {
  tmp = makeTempDir();
  ({ app, call, close } = await edgeCaseApp(tmp.file('ledger.sqlite')));
});
afterAll(async () => {
  await close();
  tmp.cleanup();
});

async function list(query: object): Promise<WorklistPage> {
  return call('worklists.list', { query, limit: 500 });
}
const loanNos = (page: WorklistPage) => page.rows.map((r) => r.loanNo).sort();
const sorted = (nos: string[]) => [...nos].sort();

describe('worklists at the edges of their rules', () => {
  it('the settled loan is settled, and the as-of date defaults to the register’s data date', async () => {
    const settled = await app.db.selectFrom('loans').select('status').where('loan_no', '=', SETTLED_LOAN.loanNo).executeTakeFirstOrThrow();
    expect(settled.status).toBe('settled');
    const page = await list({ list: 'due-soon' });
    expect(page).toMatchObject({ asOf: EDGE_AS_OF, dataAsOf: EDGE_AS_OF, dueFrom: EDGE_AS_OF, dueTo: '2026-12-07' });
  });

  it('到期提示: maturity on the as-of date and exactly 7 days later are in, 8 days later and overdue loans are not', async () => {
    expect(loanNos(await list({ list: 'due-soon' }))).toEqual(sorted(['E-DUE-0', 'E-DUE-7']));
    // Another as-of date moves the window: 2026-12-01 through 2026-12-08.
    const later = await list({ list: 'due-soon', asOf: '2026-12-01' });
    expect(later).toMatchObject({ asOf: '2026-12-01', dataAsOf: EDGE_AS_OF, dueTo: '2026-12-08' });
    expect(loanNos(later)).toEqual(sorted(['E-DUE-7', 'E-DUE-8']));
  });

  it('overdue: every loan with principal overdue, bucketed by its days (30 in 1–30, 90 in 31–90, 360 in 181–360)', async () => {
    const want: Record<string, string[]> = {
      '1-30': ['E-DUE-MINUS-1', 'E-DUE-3-INSTALMENT-OVERDUE', 'E-OD-29', 'E-OD-30'],
      '31-90': ['E-OD-31', 'E-OD-90'],
      '91-180': ['E-OD-91', 'E-OD-180'],
      '181-360': ['E-OD-181', 'E-OD-360'],
      '361+': ['E-OD-361'],
    };
    for (const bucket of OVERDUE_BUCKETS) expect(loanNos(await list({ list: 'overdue', bucket })), bucket).toEqual(sorted(want[bucket]));
    expect(loanNos(await list({ list: 'overdue' }))).toEqual(sorted(Object.values(want).flat()));
  });

  it('hand-over: principal overdue 30 days or more, or interest overdue 90 days or more; 29 and 89 are not', async () => {
    const page = await list({ list: 'handover' });
    expect(loanNos(page)).toEqual(sorted(['E-OD-30', 'E-OD-31', 'E-OD-90', 'E-OD-91', 'E-OD-180', 'E-OD-181', 'E-OD-360', 'E-OD-361', 'E-INT-90']));
    expect(page.rows.find((r) => r.loanNo === 'E-INT-90')).toMatchObject({ overdueDays: 0, interestOverdueDays: 90 });
    // Longest overdue first.
    expect(page.rows[0].loanNo).toBe('E-OD-361');
  });

  it('诉讼准备: principal overdue 90 days or more (89 and interest alone are not), longest first', async () => {
    const page = await list({ list: 'litigation' });
    expect(loanNos(page)).toEqual(sorted(['E-OD-90', 'E-OD-91', 'E-OD-180', 'E-OD-181', 'E-OD-360', 'E-OD-361']));
    expect(page.rows[0].loanNo).toBe('E-OD-361');
  });

  it('no list has the settled loan; count and balance are the rows’', async () => {
    for (const query of [{ list: 'due-soon' }, { list: 'overdue' }, { list: 'handover' }, { list: 'litigation' }]) {
      const page = await list(query);
      expect(loanNos(page)).not.toContain(SETTLED_LOAN.loanNo);
      expect(page.count).toBe(page.rows.length);
      expect(page.balanceFen).toBe(page.rows.reduce((s, r) => s + r.balanceFen, 0));
      const want = EDGE_LOANS.filter((l) => page.rows.some((r) => r.loanNo === l.loanNo)).reduce((s, l) => s + l.balanceYuan * 100, 0);
      expect(page.balanceFen).toBe(want);
    }
  });

  it('filters by manager (and by no manager) and by village', async () => {
    const options = await call('worklists.options', {});
    expect(options.managers.map((m: { name: string }) => m.name).sort()).toEqual(['李经理', '王经理'].sort());
    const wang = options.managers.find((m: { name: string }) => m.name === '王经理').id;
    const village = options.villages.find((v: { name: string }) => v.name === '城庄村');
    const overdue = EDGE_LOANS.filter((l) => l.principalDays > 0);
    const cases = [
      { filter: { managerId: wang }, want: overdue.filter((l) => l.manager === '王经理') },
      { filter: { managerId: null }, want: overdue.filter((l) => l.manager === '') },
      { filter: { villageId: village.id }, want: overdue.filter((l) => l.village === '城庄村') },
      { filter: { managerId: wang, villageId: village.id }, want: overdue.filter((l) => l.manager === '王经理' && l.village === '城庄村') },
    ];
    for (const { filter, want } of cases) {
      expect(want.length).toBeGreaterThan(0);
      const page = await list({ list: 'overdue', ...filter });
      expect(loanNos(page), JSON.stringify(filter)).toEqual(sorted(want.map((l) => l.loanNo)));
      expect(page.rows.every((r) => r.manager === (filter.managerId === wang ? '王经理' : filter.managerId === null ? null : r.manager))).toBe(true);
    }
  });

  it('the tab counts equal the lists', async () => {
    const counts = await call('worklists.counts', {});
    const sums = async (query: object) => {
      const { count, balanceFen, interestOwedFen } = await list(query);
      return { count, balanceFen, interestOwedFen };
    };
    expect(counts.dueSoon).toEqual(await sums({ list: 'due-soon' }));
    expect(counts.overdue).toEqual(await sums({ list: 'overdue' }));
    expect(counts.handover).toEqual(await sums({ list: 'handover' }));
    expect(counts.litigation).toEqual(await sums({ list: 'litigation' }));
    for (const bucket of OVERDUE_BUCKETS) expect(counts.buckets[bucket]).toEqual(await sums({ list: 'overdue', bucket }));
  });

  it('a bucket is refused on lists other than overdue', async () => {
    await expect(call('worklists.list', { query: { list: 'handover', bucket: '1-30' } })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
