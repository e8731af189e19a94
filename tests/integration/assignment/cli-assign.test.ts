import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppContext, createAppContext } from '../../../electron/backend/app-context';
import { cli } from '../../helpers/cli-in-process';
import { makeTempDir } from '../../helpers/temp-dir';
import { BRANCH_TOTALS, branchApp } from './assignment-fixture';

let tmp: ReturnType<typeof makeTempDir>;
let db: string;

beforeAll(async () => {
  tmp = makeTempDir();
  db = tmp.file('ledger.sqlite');
  const { close } = await branchApp(db);
  await close();
});
afterAll(() => tmp.cleanup());

async function withDb<T>(fn: (app: Awaited<ReturnType<typeof createAppContext>>) => Promise<T>): Promise<T> {
  const app = await createAppContext(db);
  try {
    return await fn(app);
  } finally {
    await closeAppContext(app);
  }
}

const logSize = () => withDb(async (app) => Number((await app.db.selectFrom('change_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n));

describe('CLI assign', () => {
  it('propose prints exactly managers (name, households, loans, balanceFen, overdueBalanceFen, villages) and splitVillages, and changes nothing; apply applies the same', async () => {
    const before = await logSize();
    const proposed = await cli('assign', 'propose', '--db', db, '--managers', '王经理,李经理', '--json');
    expect(proposed.code, proposed.stderr).toBe(0);
    const out = JSON.parse(proposed.stdout);
    expect(Object.keys(out)).toEqual(['managers', 'splitVillages']);
    expect(out.managers.map((m: any) => Object.keys(m))).toEqual(Array(2).fill(['name', 'households', 'loans', 'balanceFen', 'overdueBalanceFen', 'villages']));
    expect(out.managers.map((m: any) => m.name)).toEqual(['王经理', '李经理']);
    expect(typeof out.splitVillages).toBe('number');
    const sum = (k: string) => out.managers.reduce((s: number, m: any) => s + m[k], 0);
    expect([sum('households'), sum('loans'), sum('balanceFen'), sum('overdueBalanceFen')]).toEqual([
      BRANCH_TOTALS.households,
      BRANCH_TOTALS.loans,
      BRANCH_TOTALS.balanceFen,
      BRANCH_TOTALS.overdueBalanceFen,
    ]);
    expect(await logSize()).toBe(before);

    const applied = await cli('assign', 'apply', '--db', db, '--managers', '王经理,李经理', '--json');
    expect(applied.code, applied.stderr).toBe(0);
    expect(JSON.parse(applied.stdout)).toEqual(out);
    expect(await logSize()).toBeGreaterThan(before);
    // As the system actor, and the load table now is the proposal.
    await withDb(async (app) => {
      const txn = await app.db.selectFrom('change_txns').select('actor_name').orderBy('seq', 'desc').executeTakeFirstOrThrow();
      expect(txn.actor_name).toBe('系统');
      const { loadTable } = await import('../../../electron/backend/assignment/load-table');
      const load = await loadTable(app.db, false);
      for (const m of out.managers) expect(load.rows.find((r) => r.name === m.name)).toMatchObject({ households: m.households, loans: m.loans, balanceFen: m.balanceFen });
    });
    // Applied again, nothing is left to move.
    const text = await cli('assign', 'apply', '--db', db, '--managers', '王经理,李经理');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('0 笔贷款换客户经理');
  });

  it('an unknown manager is an error in Chinese (exit 1), a missing --managers a usage error (exit 2); nothing changes', async () => {
    const before = await logSize();
    const unknown = await cli('assign', 'apply', '--db', db, '--managers', '王经理,钱经理', '--json');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('没有名为“钱经理”的在岗客户经理');
    expect(JSON.parse(unknown.stdout)).toEqual({ error: { code: 'UNKNOWN_MANAGER', message: '没有名为“钱经理”的在岗客户经理。' } });
    const missing = await cli('assign', 'propose', '--db', db, '--json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--managers');
    expect(await logSize()).toBe(before);
  });
});
