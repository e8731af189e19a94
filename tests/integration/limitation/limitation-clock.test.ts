import { describe, expect, it } from 'vitest';
import { perTestCopy } from '../../helpers/per-test-copy';
import { AS_OF, clockApp, LOANS, SECOND_AS_OF, seedEvents as seed } from './limitation-fixture';

const b = perTestCopy(clockApp);

type Row = { loanNo: string; expiresOn: string; startOn: string; startKind: string; lastInterruption: unknown; daysLeft: number };
const list = async (args: Record<string, unknown>) => (await b.call('limitation.list', { limit: 500, ...args })) as { rows: Row[]; count: number; asOf: string };
const clockOf = async (loanNo: string, asOf = AS_OF) => (await list({ asOf, show: 'all', text: loanNo })).rows.find((r) => r.loanNo === loanNo)!;

describe('the limitation clock (诉讼时效)', () => {
  it('starts at maturity and ends three years on, the same day; 29 February ends on 28 February', async () => {
    expect(await clockOf('T-MAT')).toMatchObject({ startOn: '2024-03-10', startKind: 'maturity', expiresOn: '2027-03-10', lastInterruption: null, daysLeft: 99 });
    expect(await clockOf('T-LEAP')).toMatchObject({ startOn: '2024-02-29', expiresOn: '2027-02-28' });
  });

  it('an acceleration before maturity moves the start to its date; one after maturity is refused', async () => {
    await seed(b);
    expect(await clockOf('T-ACC')).toMatchObject({ startOn: '2024-01-15', startKind: 'acceleration', expiresOn: '2027-01-15', lastInterruption: null });
    // Before the acceleration's date the loan runs to its maturity.
    expect(await clockOf('T-ACC', '2024-01-14')).toMatchObject({ startOn: '2025-06-01', startKind: 'maturity' });
    await expect(b.call('limitation.record', { loanId: await b.loanId('T-MAT'), kind: 'acceleration', eventOn: '2024-03-10' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });

  it('each interruption restarts it: the receipt of an overdue notice, a signed confirmation, an acknowledgement, a suit', async () => {
    const n = await seed(b);
    expect(await clockOf('T-RCPT')).toMatchObject({ expiresOn: '2027-02-10', lastInterruption: { date: '2024-02-10', kind: 'receipt', ref: n.rcpt } });
    expect(await clockOf('T-CONF')).toMatchObject({ expiresOn: '2027-04-20', lastInterruption: { date: '2024-04-20', kind: 'confirmation', ref: n.conf } });
    expect(await clockOf('T-ACK')).toMatchObject({ expiresOn: '2027-01-20', lastInterruption: { date: '2024-01-20', kind: 'acknowledgement', ref: '还款承诺书' } });
    expect(await clockOf('T-LEGAL')).toMatchObject({ expiresOn: '2026-12-20', lastInterruption: { date: '2023-12-20', kind: 'legal', ref: '起诉' } });
  });

  it("a guarantor's receipt is no demand reaching the borrower: the loan's clock runs on from maturity", async () => {
    const n = await seed(b);
    expect(await clockOf('T-GUAR')).toMatchObject({ startOn: '2023-05-01', expiresOn: '2026-05-01', lastInterruption: null });
    const history = await b.call('limitation.loan', { loanId: await b.loanId('T-GUAR'), asOf: AS_OF });
    expect(JSON.stringify(history)).not.toContain(n.guar);
  });

  it('a receipt dated after the as-of date, a cancelled notice, a receipt not back and an interruption before the start do not count', async () => {
    const n = await seed(b);
    expect(await clockOf('T-LATE')).toMatchObject({ expiresOn: '2026-05-01', lastInterruption: null });
    expect(await clockOf('T-LATE', '2026-12-02')).toMatchObject({ expiresOn: '2029-12-02', lastInterruption: { date: '2026-12-02', kind: 'receipt', ref: n.late } });
    expect(await clockOf('T-CANC')).toMatchObject({ expiresOn: '2026-05-01', lastInterruption: null });
    expect(await clockOf('T-SENT')).toMatchObject({ expiresOn: '2026-05-01', lastInterruption: null });
    expect(await clockOf('T-BEFORE')).toMatchObject({ startOn: '2024-03-01', expiresOn: '2027-03-01', lastInterruption: null });
  });

  it("a suit after the period ran out does not restart it; the borrower's signature then does, and a suit after that counts", async () => {
    await seed(b);
    const suit = async (loanNo: string, stepOn: string) => b.call('legal.record', { loanId: await b.loanId(loanNo), stepOn, kind: 'lawsuit' });
    // T-OLD ran out on 2026-06-01: a suit filed later leaves it ended (the borrower may plead the limitation).
    await suit('T-OLD', '2026-11-01');
    expect(await clockOf('T-OLD')).toMatchObject({ expiresOn: '2026-06-01', lastInterruption: null });
    const history = await b.call('limitation.loan', { loanId: await b.loanId('T-OLD'), asOf: AS_OF });
    expect(history.events.find((e: { kind: string }) => e.kind === 'legal')).toMatchObject({ date: '2026-11-01', counted: false, reason: expect.stringContaining('时效已于 2026-06-01 届满') });
    // On its last day a clock still runs: T-EDGE-1 ends on 2026-11-30.
    await suit('T-EDGE-1', '2026-11-30');
    expect(await clockOf('T-EDGE-1')).toMatchObject({ expiresOn: '2029-11-30', lastInterruption: { date: '2026-11-30', kind: 'legal' } });
    // The borrower signs a collection notice's receipt after the end: a new acknowledgement of the debt.
    const receipt = await b.notice({ loanNo: 'T-OLD', kind: 'overdue', issuedOn: '2026-11-05', receiptOn: '2026-11-10' });
    expect(await clockOf('T-OLD')).toMatchObject({ expiresOn: '2029-11-10', lastInterruption: { date: '2026-11-10', kind: 'receipt', ref: receipt } });
    await suit('T-OLD', '2026-11-20');
    expect(await clockOf('T-OLD')).toMatchObject({ expiresOn: '2029-11-20', lastInterruption: { date: '2026-11-20', kind: 'legal' } });
    const after = await b.call('limitation.loan', { loanId: await b.loanId('T-OLD'), asOf: AS_OF });
    expect(after.events.filter((e: { kind: string }) => e.kind === 'legal').map((e: { date: string; counted: boolean }) => [e.date, e.counted])).toEqual([
      ['2026-11-01', false],
      ['2026-11-20', true],
    ]);
  });

  it('a receipt scanned through the notices feature restarts the clock from the day it was signed', async () => {
    const n = await seed(b);
    await b.call('notices.scanReceipt', { code: n.sent, receiptOn: '2024-06-30' });
    expect(await clockOf('T-SENT')).toMatchObject({ expiresOn: '2027-06-30', lastInterruption: { date: '2024-06-30', kind: 'receipt', ref: n.sent } });
    // Not yet on a day before the signature.
    expect(await clockOf('T-SENT', '2024-06-29')).toMatchObject({ expiresOn: '2026-05-01', lastInterruption: null });
  });

  it('a repayment is read from two imports: the balance or the interest owed fell, dated as of the later one, its file named', async () => {
    const repaid = { date: SECOND_AS_OF, kind: 'repayment', ref: `核心导出-${SECOND_AS_OF}.csv` };
    expect(await clockOf('T-REPAY')).toMatchObject({ expiresOn: '2029-11-30', lastInterruption: repaid });
    expect(await clockOf('T-INT')).toMatchObject({ expiresOn: '2029-11-30', lastInterruption: repaid });
    // Interest owed that grew is no payment.
    expect(await clockOf('T-UP')).toMatchObject({ expiresOn: '2026-05-01', lastInterruption: null });
    // A payment before maturity does not move the start; one after it restarts the clock.
    expect(await clockOf('T-PAY-PRE', '2026-12-20')).toMatchObject({ startOn: '2026-12-15', expiresOn: '2029-12-15', lastInterruption: null });
    expect(await clockOf('T-PAY-POST', '2026-12-20')).toMatchObject({ startOn: '2026-10-15', expiresOn: '2029-11-30', lastInterruption: repaid });
    // The day before the import's as-of date, it has not happened yet.
    expect(await clockOf('T-REPAY', '2026-11-29')).toMatchObject({ expiresOn: '2026-05-01', lastInterruption: null });
  });

  it('lists 即将届满 (ending from the as-of date through 180 days on) and 已届满 (ended before it), soonest first', async () => {
    await seed(b);
    const expiring = await list({ asOf: AS_OF, show: 'expiring' });
    expect(expiring.rows.map((r) => [r.loanNo, r.expiresOn])).toEqual([
      ['T-EDGE-0', '2026-12-01'],
      ['T-LEGAL', '2026-12-20'],
      ['T-ACC', '2027-01-15'],
      ['T-ACK', '2027-01-20'],
      ['T-RCPT', '2027-02-10'],
      ['T-LEAP', '2027-02-28'],
      ['T-BEFORE', '2027-03-01'],
      ['T-MAT', '2027-03-10'],
      ['T-CONF', '2027-04-20'],
      ['T-EDGE-180', '2027-05-30'],
    ]);
    expect(expiring.count).toBe(10);
    expect(expiring.rows[0].daysLeft).toBe(0);
    const expired = await list({ asOf: AS_OF, show: 'expired' });
    expect(expired.rows.map((r) => [r.loanNo, r.expiresOn, r.daysLeft])).toEqual([
      ['T-CANC', '2026-05-01', -214],
      ['T-GUAR', '2026-05-01', -214],
      ['T-LATE', '2026-05-01', -214],
      ['T-SENT', '2026-05-01', -214],
      ['T-UP', '2026-05-01', -214],
      ['T-OLD', '2026-06-01', -183],
      ['T-EDGE-1', '2026-11-30', -1],
    ]);
    expect((await list({ asOf: AS_OF, show: 'expiring', withinDays: 181 })).rows.map((r) => r.loanNo)).toContain('T-EDGE-181');
    expect((await list({ asOf: AS_OF, show: 'all' })).count).toBe(LOANS.length);
  });

  it('pages in the database with the whole count, and filters by loan number, name and manager', async () => {
    await seed(b);
    const page = await list({ asOf: AS_OF, show: 'expiring', offset: 3, limit: 2 });
    expect(page.rows.map((r) => r.loanNo)).toEqual(['T-ACK', 'T-RCPT']);
    expect(page.count).toBe(10);
    expect((await list({ asOf: AS_OF, show: 'expiring', offset: 40, limit: 2 })).count).toBe(10);
    expect((await list({ asOf: AS_OF, show: 'all', text: 'T-EDGE' })).rows.map((r) => r.loanNo)).toEqual(['T-EDGE-1', 'T-EDGE-0', 'T-EDGE-180', 'T-EDGE-181']);
    expect((await list({ asOf: AS_OF, show: 'all', text: '户TRCPT' })).rows.map((r) => r.loanNo)).toEqual(['T-RCPT']);
    const li = (await b.app.db.selectFrom('staff').select('id').where('display_name', '=', '李经理').executeTakeFirstOrThrow()).id;
    expect((await list({ asOf: AS_OF, show: 'all', managerId: li })).rows.map((r) => r.loanNo)).toEqual(['T-ACC']);
    // Without an as-of date: today.
    expect((await list({})).asOf).toBe('2026-12-02');
  });

  it('pages through 全部 in the order of the whole list, and a clock moved by a write moves its loan at the next read', async () => {
    await seed(b);
    const pages = async () => {
      const rows: Row[] = [];
      for (let offset = 0; offset < whole.count; offset += 4) rows.push(...(await list({ asOf: AS_OF, show: 'all', offset, limit: 4 })).rows);
      return rows;
    };
    const order = (rows: Row[]) => rows.map((r) => r.expiresOn);
    const whole = await list({ asOf: AS_OF, show: 'all' });
    expect(await pages()).toEqual(whole.rows);
    expect(order(whole.rows)).toEqual([...order(whole.rows)].sort());

    // The list's order is kept between pages: a written acknowledgement must not leave it stale.
    const before = whole.rows.findIndex((r) => r.loanNo === 'T-MAT');
    await b.call('limitation.record', { loanId: await b.loanId('T-MAT'), kind: 'acknowledgement', eventOn: '2026-11-01' });
    const after = await pages();
    expect(after.find((r) => r.loanNo === 'T-MAT')).toMatchObject({ expiresOn: '2029-11-01' });
    expect(after.findIndex((r) => r.loanNo === 'T-MAT')).toBeGreaterThan(before);
    expect(order(after)).toEqual([...order(after)].sort());
    expect(after).toHaveLength(whole.count);
  });

  it("a loan's clock lists every event, counted or not and why", async () => {
    const n = await seed(b);
    const before = await b.call('limitation.loan', { loanId: await b.loanId('T-BEFORE'), asOf: AS_OF });
    expect(before).toMatchObject({ loanNo: 'T-BEFORE', startOn: '2024-03-01', expiresOn: '2027-03-01', lastInterruption: null, disbursedOn: '2021-03-01' });
    expect(before.events).toEqual([
      { date: '2023-10-01', kind: 'confirmation', ref: n.before, counted: false, reason: '不晚于时效起算日，不改变起算' },
      { date: '2024-03-01', kind: 'maturity', ref: '贷款到期日', counted: true, reason: '时效自到期日起算' },
    ]);
    const late = await b.call('limitation.loan', { loanId: await b.loanId('T-LATE'), asOf: AS_OF });
    expect(late.events.find((e: any) => e.ref === n.late)).toMatchObject({ counted: false, reason: `晚于截至日 ${AS_OF}，截至日不影响时效` });
    const canc = await b.call('limitation.loan', { loanId: await b.loanId('T-CANC'), asOf: AS_OF });
    expect(canc.events.find((e: any) => e.ref === n.canc)).toMatchObject({ counted: false, reason: '通知书已作废' });
    const sent = await b.call('limitation.loan', { loanId: await b.loanId('T-SENT'), asOf: AS_OF });
    expect(sent.events.find((e: any) => e.ref === n.sent)).toMatchObject({ date: '2024-02-01', counted: false, reason: '回执尚未收回' });
    const acc = await b.call('limitation.loan', { loanId: await b.loanId('T-ACC'), asOf: AS_OF });
    expect(acc.events.map((e: any) => [e.date, e.kind, e.counted])).toEqual([
      ['2024-01-15', 'acceleration', true],
      ['2025-06-01', 'maturity', false],
    ]);
    const repay = await b.call('limitation.loan', { loanId: await b.loanId('T-REPAY'), asOf: AS_OF });
    expect(repay.events.at(-1)).toEqual({ date: SECOND_AS_OF, kind: 'repayment', ref: `核心导出-${SECOND_AS_OF}.csv`, counted: true, reason: '还款中断时效，自此重新起算（最近一次）' });
  });

  it('records only past dates after disbursement, and an account manager only on their own book', async () => {
    const mat = await b.loanId('T-MAT');
    await expect(b.call('limitation.record', { loanId: mat, kind: 'acknowledgement', eventOn: '2026-12-03' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(b.call('limitation.record', { loanId: mat, kind: 'acknowledgement', eventOn: '2021-02-28' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(b.call('limitation.record', { loanId: mat, kind: 'acknowledgement', eventOn: '2026-02-30' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(b.call('limitation.record', { loanId: 'nope', kind: 'acknowledgement', eventOn: '2026-01-01' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const wang = await b.as('王经理');
    await expect(wang('limitation.record', { loanId: await b.loanId('T-ACC'), kind: 'acknowledgement', eventOn: '2026-01-01' })).rejects.toMatchObject({ code: 'NOT_YOUR_BOOK' });
    const saved = await wang('limitation.record', { loanId: mat, kind: 'acknowledgement', eventOn: '2026-01-01', note: ' 书面还款承诺 ' });
    expect(saved).toMatchObject({ loanId: mat, kind: 'acknowledgement', eventOn: '2026-01-01', note: '书面还款承诺' });
    expect(await b.app.db.selectFrom('limitation_events').select('id').execute()).toHaveLength(1);
    expect(await clockOf('T-MAT')).toMatchObject({ expiresOn: '2029-01-01', lastInterruption: { date: '2026-01-01', kind: 'acknowledgement', ref: '书面还款承诺' } });
  });
});
