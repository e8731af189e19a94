import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../../electron/backend/app-context';
import type { WorklistPage } from '../../../electron/shared/api/worklists';
import { makeTempDir } from '../../helpers/temp-dir';
import { EDGE_LOANS, edgeCaseApp } from './worklist-fixture';

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

describe('worklists follow the current assignment', () => {
  it('a loan reassigned to another manager is on the new manager’s list, not the old one’s', async () => {
    const moved = EDGE_LOANS.find((l) => l.loanNo === 'E-OD-91')!;
    expect(moved.manager).toBe('王经理');
    const staff = await app.db.selectFrom('staff').select(['id', 'display_name']).where('display_name', 'in', ['王经理', '李经理']).execute();
    const id = (name: string) => staff.find((s) => s.display_name === name)!.id;
    const loan = await app.db.selectFrom('loans').select(['id', 'manager_id']).where('loan_no', '=', moved.loanNo).executeTakeFirstOrThrow();
    await call('assignment.assign', { managerId: id('李经理'), scope: 'loan', ids: [loan.id], reason: '调整管户' });

    const list = async (managerId: string): Promise<string[]> =>
      ((await call('worklists.list', { query: { list: 'overdue', managerId }, limit: 500 })) as WorklistPage).rows.map((r) => r.loanNo);
    expect(await list(id('李经理'))).toContain(moved.loanNo);
    expect(await list(id('王经理'))).not.toContain(moved.loanNo);
    const row = ((await call('worklists.list', { query: { list: 'handover' }, limit: 500 })) as WorklistPage).rows.find((r) => r.loanNo === moved.loanNo);
    expect(row?.manager).toBe('李经理');
    const counts = await call('worklists.counts', { managerId: id('李经理') });
    expect(counts.overdue.count).toBe(EDGE_LOANS.filter((l) => l.principalDays > 0 && l.manager === '李经理').length + 1);
  });
});
