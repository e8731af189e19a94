import { existsSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli-in-process';
import { makeTempDir } from '../../helpers/temp-dir';
import { inspectionCsv, NOV_30, OCT_31, SEP_30 } from './inspection-fixture';

let tmp: ReturnType<typeof makeTempDir>;
let db: string;

beforeEach(async () => {
  tmp = makeTempDir();
  db = tmp.file('branch.sqlite');
  for (const [loans, asOf] of [
    [SEP_30, '2026-09-30'],
    [OCT_31, '2026-10-31'],
    [NOV_30, '2026-11-30'],
  ] as const) {
    const csv = tmp.file(`loans-${asOf}.csv`);
    writeFileSync(csv, inspectionCsv(loans));
    const imported = await cli('import', csv, '--db', db, '--as-of', asOf, '--confirm-settle');
    expect(imported.code, imported.stderr).toBe(0);
  }
});
afterEach(() => tmp.cleanup());

describe('inspections due', () => {
  it('prints the open tasks due by as-of + 30 days, overdue ones included, by due date then loan number', async () => {
    const due = await cli('inspections', 'due', '--db', db, '--as-of', '2026-11-30', '--json');
    expect(due.code, due.stderr).toBe(0);
    // From the fixture: I03's first (2026-05-31), I06's first (10-01), I02's first (10-05), I05's routine
    // (10-30), the ad-hoc tasks of I03 and I06 (10-31 + 15) and of I05 (11-30 + 15), I07's first (11-19);
    // I01's first (10-10) too. I04 was settled on 10-31.
    expect(due.json).toEqual({
      count: 9,
      inspections: [
        { loanNo: 'I03', manager: '李经理', kind: 'first', dueOn: '2026-05-31' },
        { loanNo: 'I06', manager: '王经理', kind: 'first', dueOn: '2026-10-01' },
        { loanNo: 'I02', manager: '王经理', kind: 'first', dueOn: '2026-10-05' },
        { loanNo: 'I01', manager: '王经理', kind: 'first', dueOn: '2026-10-10' },
        { loanNo: 'I05', manager: '李经理', kind: 'routine', dueOn: '2026-10-30' },
        { loanNo: 'I03', manager: '李经理', kind: 'adhoc', dueOn: '2026-11-15' },
        { loanNo: 'I06', manager: '王经理', kind: 'adhoc', dueOn: '2026-11-15' },
        { loanNo: 'I07', manager: '王经理', kind: 'first', dueOn: '2026-11-19' },
        { loanNo: 'I05', manager: '李经理', kind: 'adhoc', dueOn: '2026-12-15' },
      ],
    });
    // An earlier as-of date: the window ends 30 days after it.
    const early = await cli('inspections', 'due', '--db', db, '--as-of', '2026-09-30', '--manager', '王经理', '--json');
    expect(early.json).toEqual({
      count: 3,
      inspections: [
        { loanNo: 'I06', manager: '王经理', kind: 'first', dueOn: '2026-10-01' },
        { loanNo: 'I02', manager: '王经理', kind: 'first', dueOn: '2026-10-05' },
        { loanNo: 'I01', manager: '王经理', kind: 'first', dueOn: '2026-10-10' },
      ],
    });
    const text = await cli('inspections', 'due', '--db', db, '--as-of', '2026-11-30');
    expect(text.stdout).toContain('到期日不晚于 2026-12-30 的贷后检查共 9 笔，其中逾期 8 笔（截至 2026-11-30）。');
    expect(text.stdout).toContain('2026-05-31  I03  户I03  李经理  首次检查  已逾期');
  });

  it('refuses a wrong date before opening the database', async () => {
    const none = tmp.file('none.sqlite');
    const bad = await cli('inspections', 'due', '--db', none, '--as-of', '2026-02-30');
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe('参数错误：--as-of 2026-02-30：日期无效，应为 YYYY-MM-DD 的真实日期');
    expect(existsSync(none)).toBe(false);
  });
});
