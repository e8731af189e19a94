import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli-in-process';
import { makeTempDir } from '../../helpers/temp-dir';
import { AS_OF, clockApp, seedEvents } from './limitation-fixture';

let tmp: ReturnType<typeof makeTempDir>;
let db: string;
let numbers: Awaited<ReturnType<typeof seedEvents>>;

beforeAll(async () => {
  tmp = makeTempDir();
  db = tmp.file('ledger.sqlite');
  const app = await clockApp(db);
  numbers = await seedEvents(app);
  await app.close();
});
afterAll(() => tmp.cleanup());

describe('CLI limitation', () => {
  it('prints exactly {expiring, expired}, each loan with loanNo, expiresOn and lastInterruption', async () => {
    const out = await cli('limitation', '--db', db, '--as-of', AS_OF, '--within-days', '180', '--json');
    expect(out.code, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({
      expiring: [
        { loanNo: 'T-EDGE-0', expiresOn: '2026-12-01', lastInterruption: null },
        { loanNo: 'T-LEGAL', expiresOn: '2026-12-20', lastInterruption: { date: '2023-12-20', kind: 'legal', ref: '起诉' } },
        { loanNo: 'T-ACC', expiresOn: '2027-01-15', lastInterruption: null },
        { loanNo: 'T-ACK', expiresOn: '2027-01-20', lastInterruption: { date: '2024-01-20', kind: 'acknowledgement', ref: '还款承诺书' } },
        { loanNo: 'T-RCPT', expiresOn: '2027-02-10', lastInterruption: { date: '2024-02-10', kind: 'receipt', ref: numbers.rcpt } },
        { loanNo: 'T-LEAP', expiresOn: '2027-02-28', lastInterruption: null },
        { loanNo: 'T-BEFORE', expiresOn: '2027-03-01', lastInterruption: null },
        { loanNo: 'T-MAT', expiresOn: '2027-03-10', lastInterruption: null },
        { loanNo: 'T-CONF', expiresOn: '2027-04-20', lastInterruption: { date: '2024-04-20', kind: 'confirmation', ref: numbers.conf } },
        { loanNo: 'T-EDGE-180', expiresOn: '2027-05-30', lastInterruption: null },
      ],
      expired: [
        { loanNo: 'T-CANC', expiresOn: '2026-05-01', lastInterruption: null },
        { loanNo: 'T-GUAR', expiresOn: '2026-05-01', lastInterruption: null },
        { loanNo: 'T-LATE', expiresOn: '2026-05-01', lastInterruption: null },
        { loanNo: 'T-SENT', expiresOn: '2026-05-01', lastInterruption: null },
        { loanNo: 'T-UP', expiresOn: '2026-05-01', lastInterruption: null },
        { loanNo: 'T-OLD', expiresOn: '2026-06-01', lastInterruption: null },
        { loanNo: 'T-EDGE-1', expiresOn: '2026-11-30', lastInterruption: null },
      ],
    });
    expect(Object.keys(JSON.parse(out.stdout))).toEqual(['expiring', 'expired']);
    expect(Object.keys(JSON.parse(out.stdout).expiring[1])).toEqual(['loanNo', 'expiresOn', 'lastInterruption']);
    expect(Object.keys(JSON.parse(out.stdout).expiring[1].lastInterruption)).toEqual(['date', 'kind', 'ref']);
  });

  it('the next day the late receipt restarts its loan; a repayment shows as the import that carries it', async () => {
    const out = await cli('limitation', '--db', db, '--as-of', '2026-12-02', '--within-days', '1200', '--json');
    expect(out.code, out.stderr).toBe(0);
    const byNo = new Map([...out.json.expiring, ...out.json.expired].map((r: any) => [r.loanNo, r]));
    expect(byNo.get('T-LATE')).toEqual({ loanNo: 'T-LATE', expiresOn: '2029-12-02', lastInterruption: { date: '2026-12-02', kind: 'receipt', ref: numbers.late } });
    expect(byNo.get('T-REPAY')).toEqual({ loanNo: 'T-REPAY', expiresOn: '2029-11-30', lastInterruption: { date: '2026-11-30', kind: 'repayment', ref: '核心导出-2026-11-30.csv' } });
  });

  it('reads as a person would without --json; a bad date or day count is a usage error', async () => {
    const text = await cli('limitation', '--db', db, '--as-of', AS_OF);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`截至 ${AS_OF}：180 天内届满 10 笔，已届满 7 笔。`);
    expect(text.stdout).toContain(`T-RCPT  户TRCPT  时效届满日 2027-02-10  起算：2024-02-10 催收通知回执（${numbers.rcpt}）`);
    expect((await cli('limitation', '--db', db, '--as-of', '2026-02-30', '--json')).code).toBe(2);
    expect((await cli('limitation', '--db', db, '--within-days', 'abc', '--json')).code).toBe(2);
    expect((await cli('limitation', '--db', db, '--within-days', '-1', '--json')).code).toBe(2);
  });
});
