import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setQuietLogs } from '../../../electron/backend/log';
import { cli } from '../../helpers/cli-in-process';
import { makeTempDir } from '../../helpers/temp-dir';
import { expectedFor } from './expected';
import { indicatorsApp } from './indicators-fixture';

let tmp: ReturnType<typeof makeTempDir>;
let db: string;

beforeAll(async () => {
  setQuietLogs(true);
  tmp = makeTempDir();
  db = tmp.file('ledger.sqlite');
  await (await indicatorsApp(db)).close();
});
afterAll(() => {
  setQuietLogs(false);
  tmp.cleanup();
});

const RATIOS = ['inspectionCompletion', 'maturedPrincipalRecovery', 'interestSettlement21', 'interestSettlementMonthEnd', 'overdueUnder90Share', 'nplRatio', 'spotCheckPass'] as const;

describe('indicators --json', () => {
  it('prints the month for the branch in the fields the acceptance checks read', async () => {
    const result = await cli('indicators', '--db', db, '--month', '2026-03', '--json');
    expect(result.code).toBe(0);
    const e = expectedFor('2026-03');
    expect(Object.keys(result.json)).toEqual(['asOf', ...RATIOS, 'lostCustomers', 'missingSnapshots']);
    expect(result.json).toEqual({
      asOf: '2026-03-31',
      ...Object.fromEntries(RATIOS.map((k) => [k, e[k]])),
      lostCustomers: e.lostCustomers,
      missingSnapshots: [],
    });
  });

  it('--manager: the figures of the manager of each snapshot', async () => {
    const result = await cli('indicators', '--db', db, '--month', '2026-03', '--manager', '王经理', '--json');
    expect(result.code).toBe(0);
    const e = expectedFor('2026-03', undefined, '王经理');
    for (const k of RATIOS) expect(result.json[k]).toEqual(e[k]);
    expect(result.json.lostCustomers).toEqual(e.lostCustomers);
  });

  it('names what is missing, and refuses a bad month or an unknown manager in Chinese', async () => {
    const june = await cli('indicators', '--db', db, '--month', '2026-06', '--json');
    expect(june.json.missingSnapshots).toEqual(['2026-06-21', '2026-06-30']);
    expect(june.json.interestSettlement21).toEqual({ numerator: 0, denominator: 0, value: null });
    const bad = await cli('indicators', '--db', db, '--month', '2026-13');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('月份无效');
    const nobody = await cli('indicators', '--db', db, '--month', '2026-03', '--manager', '赵经理', '--json');
    expect(nobody.code).toBe(1);
    expect(nobody.json.error.message).toBe('找不到客户经理：赵经理');
  });

  it('prints the figures for a person without --json', async () => {
    const result = await cli('indicators', '--db', db, '--month', '2026-03');
    expect(result.stdout).toContain('2026-03 全支行考核指标（数据截至 2026-03-31）');
    // Written as the page and the month-end pack write them: balance shares with two decimals, the rest with one.
    expect(result.stdout).toContain('到期本金收回率：66.7%  18,000.00 元 / 27,000.00 元');
    expect(result.stdout).toContain('不良率：8.06%  5,000.00 元 / 62,000.00 元（较年初 +5.88个百分点）');
  });
});
