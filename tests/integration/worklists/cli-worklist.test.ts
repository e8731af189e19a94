import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli-in-process';
import { makeTempDir } from '../../helpers/temp-dir';
import { EDGE_LOANS, edgeCaseApp } from './worklist-fixture';

let tmp: ReturnType<typeof makeTempDir>;
let db: string;

beforeAll(async () => {
  tmp = makeTempDir();
  db = tmp.file('ledger.sqlite');
  const { close } = await edgeCaseApp(db);
  await close();
});
afterAll(() => tmp.cleanup());

async function worklist(...args: string[]) {
  const out = await cli('worklist', ...args, '--db', db, '--json');
  expect(out.code, out.stderr).toBe(0);
  return JSON.parse(out.stdout) as { count: number; balanceFen: number; loans: Array<Record<string, unknown>> };
}

const edge = (no: string) => EDGE_LOANS.find((l) => l.loanNo === no)!;
const borrowerOf = (no: string) => `借款人${no.replace(/\W/g, '')}`;

describe('CLI worklist', () => {
  it('prints exactly count, balanceFen and loans with loanNo, borrower, manager, village, balanceFen, overdueDays', async () => {
    const out = await worklist('due-soon');
    expect(Object.keys(out)).toEqual(['count', 'balanceFen', 'loans']);
    expect(out.count).toBe(2);
    expect(out.balanceFen).toBe((edge('E-DUE-0').balanceYuan + edge('E-DUE-7').balanceYuan) * 100);
    // Soonest maturity first.
    expect(out.loans).toEqual(
      ['E-DUE-0', 'E-DUE-7'].map((no) => ({
        loanNo: no,
        borrower: borrowerOf(no),
        manager: edge(no).manager || null,
        village: edge(no).village,
        balanceFen: edge(no).balanceYuan * 100,
        overdueDays: 0,
      })),
    );
  });

  it('--as-of moves the 到期提示 window; --bucket picks overdue days; handover follows the rule', async () => {
    expect((await worklist('due-soon', '--as-of', '2026-12-01')).loans.map((l) => l.loanNo)).toEqual(['E-DUE-7', 'E-DUE-8']);
    const bucket = await worklist('overdue', '--bucket', '31-90');
    expect(bucket.loans.map((l) => [l.loanNo, l.overdueDays])).toEqual([
      ['E-OD-90', 90],
      ['E-OD-31', 31],
    ]);
    expect((await worklist('overdue', '--bucket', '361+')).loans.map((l) => l.loanNo)).toEqual(['E-OD-361']);
    expect((await worklist('overdue')).count).toBe(EDGE_LOANS.filter((l) => l.principalDays > 0).length);
    expect((await worklist('handover')).loans.map((l) => l.loanNo).sort()).toEqual(
      ['E-OD-30', 'E-OD-31', 'E-OD-90', 'E-OD-91', 'E-OD-180', 'E-OD-181', 'E-OD-360', 'E-OD-361', 'E-INT-90'].sort(),
    );
  });

  it('filters by manager and village name (乡镇/村名 too)', async () => {
    const overdue = EDGE_LOANS.filter((l) => l.principalDays > 0);
    const wang = await worklist('overdue', '--manager', '王经理');
    expect(wang.loans.map((l) => l.loanNo).sort()).toEqual(overdue.filter((l) => l.manager === '王经理').map((l) => l.loanNo).sort());
    expect(wang.loans.every((l) => l.manager === '王经理')).toBe(true);
    const village = await worklist('overdue', '--village', '白文镇/城庄村');
    expect(village.loans.map((l) => l.loanNo).sort()).toEqual(overdue.filter((l) => l.village === '城庄村').map((l) => l.loanNo).sort());
    const both = await worklist('handover', '--manager', '李经理', '--village', '城庄村');
    expect(both.loans.length).toBeGreaterThan(0);
    expect(both.loans.every((l) => l.manager === '李经理' && l.village === '城庄村')).toBe(true);
  });

  it('an unknown manager or village is an error in Chinese; a wrong list, bucket or date is a usage error', async () => {
    const manager = await cli('worklist', 'overdue', '--db', db, '--manager', '赵六', '--json');
    expect(manager.code).toBe(1);
    expect(JSON.parse(manager.stdout)).toEqual({ error: { code: 'NOT_FOUND', message: '找不到客户经理：赵六' } });
    const village = await cli('worklist', 'overdue', '--db', db, '--village', '无此村', '--json');
    expect(village.code).toBe(1);
    expect(JSON.parse(village.stdout)).toEqual({ error: { code: 'NOT_FOUND', message: '找不到村：无此村' } });

    const usage = async (...args: string[]) => {
      const out = await cli('worklist', ...args, '--db', db, '--json');
      expect(out.code).toBe(2);
      return JSON.parse(out.stdout).error.message as string;
    };
    expect(await usage('soon')).toBe('参数错误：未知清单：soon（应为 due-soon、overdue、handover、litigation）');
    expect(await usage('handover', '--bucket', '1-30')).toBe('参数错误：--bucket 只用于 overdue 清单');
    expect(await usage('overdue', '--bucket', '30-60')).toContain('--bucket 应为 1-30、31-90、91-180、181-360、361+ 之一');
    expect(await usage('due-soon', '--as-of', '2026-02-30')).toBe('参数错误：--as-of 2026-02-30：日期无效，应为 YYYY-MM-DD 的真实日期');
  });

  it('refuses a database that is not there', async () => {
    const out = await cli('worklist', 'overdue', '--db', tmp.file('none.sqlite'), '--json');
    expect(out.code).toBe(1);
    expect(JSON.parse(out.stdout).error.code).toBe('DB_NOT_FOUND');
  });
});
