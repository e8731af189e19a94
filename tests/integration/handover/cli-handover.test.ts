import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli-in-process';
import { makeTempDir } from '../../helpers/temp-dir';
import { collectionApp, loanByNo } from './collection-fixture';

let tmp: ReturnType<typeof makeTempDir>;
let db: string;

beforeAll(async () => {
  tmp = makeTempDir();
  db = tmp.file('ledger.sqlite');
  const b = await collectionApp(db);
  await b.call('staff.create', { username: 'clerk1', displayName: '内勤丙', password: 'pass-word-1', role: 'clerk' });
  await b.close();
});
afterAll(() => tmp.cleanup());

describe('CLI handover', () => {
  it('hands the named loans over in one batch and prints its number and totals', async () => {
    const out = await cli('handover', '--db', db, '--loans', 'H02,H01', '--receiver', '刘科长', '--json');
    expect(out.code, out.stderr).toBe(0);
    expect(out.json).toMatchObject({ batchNo: '林家坪支行移〔2026〕第001号', loans: 2, balanceFen: (loanByNo('H01').balanceYuan + loanByNo('H02').balanceYuan) * 100 });
    const text = await cli('handover', '--db', db, '--loans', 'H03');
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('林家坪支行移〔2026〕第002号');
  });

  it('refuses unknown loan numbers, loans already handed over and a clerk, with the reason', async () => {
    const unknown = await cli('handover', '--db', db, '--loans', 'H07,NOPE');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('NOPE');
    const again = await cli('handover', '--db', db, '--loans', 'H01');
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('已移交');
    const clerk = await cli('handover', '--db', db, '--loans', 'H07', '--as', 'clerk1');
    expect(clerk.code).not.toBe(0);
    expect(clerk.stderr).toContain('无权');
    const usage = await cli('handover', '--db', db);
    expect(usage.code).toBe(2);
  });
});
