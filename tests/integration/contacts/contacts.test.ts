import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../helpers/pdf-text';
import { perTestCopy } from '../../helpers/per-test-copy';
import { BRANCH, branchApp, importBranch, type BranchLoan } from '../assignment/assignment-fixture';

// BRANCH is imported as of 2026-11-30; tests run with today 2026-12-02.
const b = perTestCopy(branchApp);

const contactCount = async () => Number((await b.app.db.selectFrom('contacts').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

function changed(edits: Record<string, Partial<BranchLoan>>, drop: string[] = []): BranchLoan[] {
  return BRANCH.filter((x) => !drop.includes(x.loanNo)).map((x) => ({ ...x, ...(edits[x.loanNo] ?? {}) }));
}

async function staffLogin(name: string, role: 'manager' | 'clerk', username: string): Promise<void> {
  const existing = await b.app.db.selectFrom('staff').select('id').where('display_name', '=', name).executeTakeFirst();
  if (existing) await b.call('staff.setLogin', { staffId: existing.id, username, password: 'pass-word-1' });
  else await b.call('staff.create', { username, displayName: name, password: 'pass-word-1', role });
}

/** A phone call about L02 (户C01, 王经理, 5,000 overdue 45 days) with a promise. */
const promiseOnL02 = (promise: { on: string; amountFen: number }, followUpOn: string | null = null) => ({
  borrowerId: b.ids.borrower('C01'),
  loanId: b.ids.loan('L02'),
  contactedAt: '2026-12-02 10:15',
  way: 'phone',
  reached: 'self',
  outcome: '答应卖了玉米就还',
  promise,
  followUpOn,
  note: '',
});

const listed = async (list: 'follow-ups' | 'broken-promises', asOf: string) =>
  (await b.call('contacts.worklist', { list, asOf })).rows.map((r: any) => `${r.borrower}/${r.loanNo ?? '全户'}`);

describe('contact log', () => {
  it('records who made the contact and shows it on the loan and on the household, newest first', async () => {
    const first = await b.call('contacts.record', { ...promiseOnL02({ on: '2026-12-05', amountFen: 100_000 }), contactedAt: '2026-12-01 09:00' });
    await b.call('contacts.record', { borrowerId: b.ids.borrower('C01'), contactedAt: '2026-12-02 16:30', way: 'visit', reached: 'family', outcome: '妻子在家' });
    expect(first).toMatchObject({ loanNo: 'L02', borrower: '户C01', staffName: '管理员甲', promiseFen: 100_000, promise: { status: 'pending', baselineAsOf: '2026-11-30' } });
    const onLoan = await b.call('contacts.list', { loanId: b.ids.loan('L02') });
    expect(onLoan.map((c: any) => [c.contactedAt, c.way, c.loanNo])).toEqual([
      ['2026-12-02 16:30', 'visit', null],
      ['2026-12-01 09:00', 'phone', 'L02'],
    ]);
    expect(await b.call('contacts.list', { loanId: b.ids.loan('L01') })).toHaveLength(1);
    const log = await b.app.db.selectFrom('change_log').select(['table_name', 'action']).where('table_name', '=', 'contacts').execute();
    expect(log).toHaveLength(2);
  });

  it('refuses bad input with a clear message and writes nothing', async () => {
    const bad = [
      [{ ...promiseOnL02({ on: '2026-12-01', amountFen: 100 }) }, '承诺还款日期不能早于联系日期'],
      [{ ...promiseOnL02({ on: '2026-12-05', amountFen: 0 }) }, '承诺金额应大于零'],
      [{ ...promiseOnL02({ on: '2026-12-05', amountFen: 100 }), reached: 'none' }, '未联系上时不能登记还款承诺'],
      [{ ...promiseOnL02({ on: '2026-12-05', amountFen: 100 }), contactedAt: '2026-12-02 25:00' }, '联系时间无效'],
      [{ ...promiseOnL02({ on: '2026-12-05', amountFen: 100 }), followUpOn: '2026-11-01' }, '下次跟进日期不能早于联系日期'],
      [{ ...promiseOnL02({ on: '2026-12-05', amountFen: 100 }), way: 'wechat' }, '请选择联系方式'],
      [{ ...promiseOnL02({ on: '2026-12-25', amountFen: 100 }), contactedAt: '2026-12-20 10:00' }, '联系时间不能晚于今天'],
      [{ ...promiseOnL02({ on: '2026-12-05', amountFen: 100 }), borrowerId: b.ids.borrower('C02') }, '这笔贷款不属于这户借款人'],
    ] as const;
    for (const [input, message] of bad) {
      await expect(b.call('contacts.record', input), message).rejects.toThrow(message);
    }
    expect(await contactCount()).toBe(0);
  });
});

describe('promises judged from later imports', () => {
  it('is kept when a newer import by the promised date shows the overdue amount fallen by the promised amount, with that import as evidence', async () => {
    const c = await b.call('contacts.record', promiseOnL02({ on: '2026-12-02', amountFen: 100_000 }));
    expect(await listed('follow-ups', '2026-12-01')).toEqual([]);
    expect(await listed('follow-ups', '2026-12-02')).toEqual(['户C01/L02']);
    await importBranch(b.call, changed({ L02: { balanceYuan: 4_000 } }), '2026-12-02');
    const [view] = await b.call('contacts.list', { loanId: b.ids.loan('L02') });
    expect(view.id).toBe(c.id);
    expect(view.promise).toMatchObject({ status: 'kept', baselineAsOf: '2026-11-30', evidence: { asOf: '2026-12-02', fileName: 'branch-2026-12-02.csv', measure: 'overdue', fellByFen: 100_000 } });
    expect(await listed('follow-ups', '2026-12-02')).toEqual([]);
    expect(await listed('broken-promises', '2026-12-09')).toEqual([]);
  });

  it('is broken once the promised date has passed with less paid, and a contact after that date takes it off the list', async () => {
    await b.call('contacts.record', { ...promiseOnL02({ on: '2026-12-01', amountFen: 100_000 }), contactedAt: '2026-12-01 08:00' });
    await importBranch(b.call, changed({ L02: { balanceYuan: 4_001 } }), '2026-12-01');
    const judged = async (asOf: string) => (await b.call('contacts.worklist', { list: 'broken-promises', asOf })).rows;
    expect(await judged('2026-12-01')).toEqual([]);
    const [broken] = await judged('2026-12-02');
    expect(broken).toMatchObject({ loanNo: 'L02', manager: '王经理', village: '刘家会村', promise: { status: 'broken', awaitingData: false }, balanceFen: 400_100 });
    // A later import showing the payment after the promised date does not make it kept.
    await importBranch(b.call, changed({ L02: { balanceYuan: 3_000 } }), '2026-12-02');
    expect(await listed('broken-promises', '2026-12-02')).toEqual(['户C01/L02']);
    await b.call('contacts.record', { borrowerId: b.ids.borrower('C01'), loanId: b.ids.loan('L02'), contactedAt: '2026-12-02 09:00', way: 'phone', reached: 'none' });
    expect(await listed('broken-promises', '2026-12-02')).toEqual([]);
  });

  it('says when a passed promise has no import on or after its date yet', async () => {
    await b.call('contacts.record', promiseOnL02({ on: '2026-12-02', amountFen: 100_000 }));
    const { rows } = await b.call('contacts.worklist', { list: 'broken-promises', asOf: '2026-12-03' });
    expect(rows[0].promise).toMatchObject({ status: 'broken', awaitingData: true });
  });

  it('judges a household’s promise on all its loans: a loan cleared of overdue counts its overdue amount, a settled loan its balance', async () => {
    const household = { borrowerId: b.ids.borrower('C06'), contactedAt: '2026-12-01 11:00', way: 'visit', reached: 'self' };
    // 户C06: L07 12,000 overdue 10 days, L08 6,000 overdue 400 days.
    await b.call('contacts.record', { ...household, promise: { on: '2026-12-02', amountFen: 1_000_000 } });
    await importBranch(b.call, changed({ L07: { overdueDays: 0 } }), '2026-12-01');
    let [view] = await b.call('contacts.list', { borrowerId: b.ids.borrower('C06') });
    expect(view.promise).toMatchObject({ status: 'kept', evidence: { asOf: '2026-12-01', measure: 'overdue', fellByFen: 1_200_000 } });

    await b.call('contacts.record', { ...household, contactedAt: '2026-12-01 12:00', promise: { on: '2026-12-02', amountFen: 1_300_000 } });
    [view] = await b.call('contacts.list', { borrowerId: b.ids.borrower('C06') });
    expect(view.promise.status).toBe('pending');
    await importBranch(b.call, changed({ L07: { overdueDays: 0 } }, ['L08']), '2026-12-02');
    [view] = await b.call('contacts.list', { borrowerId: b.ids.borrower('C06') });
    expect(view.promise).toMatchObject({ status: 'kept', evidence: { asOf: '2026-12-02', measure: 'overdue', fellByFen: 1_800_000 } });
  });
});

describe('follow-ups', () => {
  it('lists a target by its latest contact only, and not once its loan is settled', async () => {
    await b.call('contacts.record', { ...promiseOnL02({ on: '2026-12-20', amountFen: 100 }, '2026-12-02') });
    expect(await listed('follow-ups', '2026-12-02')).toEqual(['户C01/L02']);
    await b.call('contacts.record', { ...promiseOnL02({ on: '2026-12-20', amountFen: 100 }, '2026-12-09'), contactedAt: '2026-12-02 17:00' });
    expect(await listed('follow-ups', '2026-12-02')).toEqual([]);
    expect(await listed('follow-ups', '2026-12-09')).toEqual(['户C01/L02']);
    await importBranch(b.call, changed({}, ['L02']), '2026-12-02');
    expect(await listed('follow-ups', '2026-12-09')).toEqual([]);
  });
});

describe('contact lists by manager and village', () => {
  it('lists a household contact under each manager with a loan in it, with that manager’s loans only; a village filter keeps its own', async () => {
    // 户C08: L10 15,000 (王经理) and L11 4,000 (张经理), in 高家村.
    await b.call('contacts.record', { borrowerId: b.ids.borrower('C08'), contactedAt: '2026-12-02 08:00', way: 'visit', reached: 'self', followUpOn: '2026-12-02' });
    await b.call('contacts.record', { ...promiseOnL02({ on: '2026-12-20', amountFen: 100 }, '2026-12-02') });
    const rows = async (filter: object) => (await b.call('contacts.worklist', { list: 'follow-ups', asOf: '2026-12-02', ...filter })).rows;
    expect((await rows({ managerId: b.ids.staff('王经理') })).map((r: any) => [r.borrower, r.loanNo, r.balanceFen])).toEqual([
      ['户C01', 'L02', 500_000],
      ['户C08', null, 1_500_000],
    ]);
    expect((await rows({ managerId: b.ids.staff('张经理') })).map((r: any) => [r.borrower, r.balanceFen])).toEqual([['户C08', 400_000]]);
    expect(await rows({ managerId: b.ids.staff('李经理') })).toEqual([]);
    expect((await rows({ villageId: b.ids.village('高家村') })).map((r: any) => [r.borrower, r.balanceFen, r.manager])).toEqual([['户C08', 1_900_000, '王经理、张经理']]);
    expect((await rows({})).length).toBe(2);
  });
});

describe('paging a contact list', () => {
  it('pages in the list’s order with the count and sums of the whole list; two pages make the whole list', async () => {
    // Follow-ups due on two days across four households, one household as a whole.
    const due = [
      ['C01', 'L02', '2026-12-02', 100],
      ['C06', 'L07', '2026-12-01', 200],
      ['C08', null, '2026-12-02', 300],
      ['C06', 'L08', '2026-12-02', null],
      ['C05', 'L06', '2026-12-01', 400],
    ] as const;
    for (const [c, loan, followUpOn, fen] of due) {
      await b.call('contacts.record', {
        borrowerId: b.ids.borrower(c),
        loanId: loan === null ? null : b.ids.loan(loan),
        contactedAt: '2026-12-01 10:00',
        way: 'phone',
        reached: 'self',
        promise: fen === null ? null : { on: '2026-12-20', amountFen: fen },
        followUpOn,
      });
    }
    const page = (offset: number, limit: number) => b.call('contacts.worklist', { list: 'follow-ups', asOf: '2026-12-02', offset, limit });
    const whole = await page(0, 100);
    expect(whole.rows.map((r: any) => [r.dueOn, `${r.borrower}/${r.loanNo ?? '全户'}`])).toEqual([
      ['2026-12-01', '户C05/L06'],
      ['2026-12-01', '户C06/L07'],
      ['2026-12-02', '户C01/L02'],
      ['2026-12-02', '户C06/L08'],
      ['2026-12-02', '户C08/全户'],
    ]);
    const [first, second] = [await page(0, 3), await page(3, 3)];
    expect([...first.rows, ...second.rows]).toEqual(whole.rows);
    expect(first.rows).toHaveLength(3);
    for (const p of [first, second, whole]) {
      expect(p).toMatchObject({ count: 5, promisedFen: 1_000, balanceFen: whole.rows.reduce((s: number, r: any) => s + r.balanceFen, 0) });
    }
    const only = await b.call('contacts.worklist', { list: 'follow-ups', asOf: '2026-12-02', limit: 1 });
    expect(only).toMatchObject({ count: 5, rows: [{ borrower: '户C05' }] });
    await expect(b.call('contacts.worklist', { list: 'follow-ups', limit: 5001 })).rejects.toThrow();
    await expect(b.call('contacts.worklist', { list: 'follow-ups', offset: -1 })).rejects.toThrow();
  });
});

describe('exporting a contact list', () => {
  it('writes the rows with their promise and the 合计 row, and logs the export', async () => {
    await b.call('contacts.record', promiseOnL02({ on: '2026-12-02', amountFen: 123_456 }));
    const file = await b.call('contacts.exportXlsx', { list: 'follow-ups', asOf: '2026-12-02' });
    expect(file).toMatchObject({ fileName: '今日跟进-2026-12-02.xlsx', count: 1 });
    const wb = XLSX.read(Buffer.from(file.contentBase64, 'base64'));
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]!]!, { header: 1 });
    expect(rows[2]).toEqual(expect.arrayContaining(['应跟进日', '户名', '承诺金额(元)', '承诺状态']));
    // Dates are Excel dates (they were text): 2026-12-02 is a day number of Excel's calendar.
    const excelDay = (date: string) => Date.parse(date) / 86_400_000 + 25_569;
    expect(rows[3]).toEqual(expect.arrayContaining([excelDay('2026-12-02'), '户C01', 'L02', '答应卖了玉米就还', 1234.56, '待兑现']));
    expect(rows[4]).toEqual(expect.arrayContaining(['合计', '1 项', 1234.56]));
    const logged = await b.app.db.selectFrom('export_log').selectAll().where('kind', '=', 'contact-list-xlsx').execute();
    expect(logged).toHaveLength(1);
  });
});

describe('printing a contact list', () => {
  it('prints each row with its promise and the count, and records the paper', async () => {
    await b.call('contacts.record', promiseOnL02({ on: '2026-12-02', amountFen: 123_456 }));
    const out = await b.call('contacts.print', { list: 'follow-ups', asOf: '2026-12-02' });
    expect(out).toMatchObject({ kind: 'file', count: 1, file: { fileName: '今日跟进-2026-12-02.pdf' } });
    const text = pdfText(out.file.contentBase64, b.tmp.file('follow-ups.pdf'));
    expect(text).toContain('今日跟进');
    expect(text).toContain('户C01');
    expect(text).toContain('L02');
    expect(text).toContain('1,234.56');
    expect(text).toMatch(/合计\s+1 项/);
    const record = await b.app.db.selectFrom('printed_documents').selectAll().where('kind', '=', 'contact-list').executeTakeFirstOrThrow();
    expect(JSON.parse(record.figures_json)).toMatchObject({ asOf: '2026-12-02', count: 1, promisedFen: 123_456 });
  });
});

describe('roles', () => {
  it('an account manager logs contacts only for their own book; a clerk for anyone', async () => {
    await staffLogin('王经理', 'manager', 'wang');
    await staffLogin('钱内勤', 'clerk', 'qian');
    const wang = await b.as('wang');
    const call = { contactedAt: '2026-12-02 09:30', way: 'phone', reached: 'self' };
    await expect(wang('contacts.record', { ...call, borrowerId: b.ids.borrower('C01'), loanId: b.ids.loan('L02') })).resolves.toMatchObject({ staffName: '王经理' });
    // 户C08 has one loan of 王经理's (L10) and one of 张经理's (L11).
    await expect(wang('contacts.record', { ...call, borrowerId: b.ids.borrower('C08') })).resolves.toBeTruthy();
    await expect(wang('contacts.record', { ...call, borrowerId: b.ids.borrower('C08'), loanId: b.ids.loan('L11') })).rejects.toMatchObject({ code: 'NOT_YOUR_BOOK' });
    await expect(wang('contacts.record', { ...call, borrowerId: b.ids.borrower('C05'), loanId: b.ids.loan('L06') })).rejects.toMatchObject({ code: 'NOT_YOUR_BOOK' });
    await expect(wang('contacts.record', { ...call, borrowerId: b.ids.borrower('C05') })).rejects.toMatchObject({ code: 'NOT_YOUR_BOOK' });
    expect(await wang('contacts.list', { borrowerId: b.ids.borrower('C05') })).toEqual([]);
    const qian = await b.as('qian');
    await expect(qian('contacts.record', { ...call, borrowerId: b.ids.borrower('C05'), loanId: b.ids.loan('L06') })).resolves.toMatchObject({ staffName: '钱内勤' });
    expect(await contactCount()).toBe(3);
  });
});
