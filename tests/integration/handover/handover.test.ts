import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatYuan } from '../../../electron/shared/money';
import { perTestCopy } from '../../helpers/per-test-copy';
import { collectionApp, importLoans, loanByNo, LOANS } from './collection-fixture';
import { pdfText } from '../../helpers/pdf-text';

const b = perTestCopy(collectionApp);

const count = async (table: 'handover_batches' | 'loan_handovers' | 'change_log' | 'printed_documents') =>
  Number((await b.app.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const ids = (nos: string[]) => Promise.all(nos.map(b.loanId));
const listNos = async (query: object) => ((await b.call('worklists.list', { query, limit: 500 })).rows as Array<{ loanNo: string }>).map((r) => r.loanNo).sort();
const fen = (no: string) => loanByNo(no).balanceYuan * 100;
const interestFen = (no: string) => Math.round((loanByNo(no).interestYuan ?? 0) * 100);

describe('handover.handOver', () => {
  it('records a batch numbered per year without gaps, with the totals of its lines, and the loans leave every worklist', async () => {
    expect(await listNos({ list: 'handover' })).toEqual(['H01', 'H02', 'H03', 'H07']);
    const before = await b.call('worklists.counts', {});

    const first = await b.call('handover.handOver', { loanIds: await ids(['H02', 'H01']), receiver: '刘科长', note: '第一批' });
    expect(first).toMatchObject({
      batchNo: '林家坪支行移〔2026〕第001号',
      handedOn: '2026-12-02',
      loans: 2,
      balanceFen: fen('H01') + fen('H02'),
      interestOwedFen: interestFen('H01') + interestFen('H02'),
    });
    const second = await b.call('handover.handOver', { loanIds: await ids(['H03']), handedOn: '2026-12-01' });
    expect(second.batchNo).toBe('林家坪支行移〔2026〕第002号');
    // Another year counts from 1 again.
    const lastYear = await b.call('handover.handOver', { loanIds: await ids(['H07']), handedOn: '2025-12-31' });
    expect(lastYear.batchNo).toBe('林家坪支行移〔2025〕第001号');

    const batch = await b.app.db.selectFrom('handover_batches').selectAll().where('id', '=', first.batchId).executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ year: 2026, seq: 1, receiver: '刘科长', note: '第一批', loans: 2 });
    const lines = await b.call('handover.lines', { batchId: first.batchId });
    // Lines in village register order (赵二 zhao after 王大 wang), with the figures and manager at hand-over.
    expect(lines.map((x: any) => [x.lineNo, x.loanNo, x.borrower, x.village, x.manager])).toEqual([
      [1, 'H01', '王大', '刘家会村', '王经理'],
      [2, 'H02', '赵二', '刘家会村', '王经理'],
    ]);
    expect(lines.reduce((s: number, x: any) => s + x.balanceFen, 0)).toBe(batch.balance_fen);
    expect(lines.reduce((s: number, x: any) => s + (x.interestOwedFen ?? 0), 0)).toBe(batch.interest_owed_fen);
    expect(lines[1]).toMatchObject({ principalOverdueDays: 120, interestOverdueDays: 120, interestOwedFen: 30_000 });

    // Off every list: 待移交, 逾期, 诉讼准备.
    expect(await listNos({ list: 'handover' })).toEqual([]);
    expect(await listNos({ list: 'overdue' })).toEqual(['H04']);
    expect(await listNos({ list: 'litigation' })).toEqual([]);
    const after = await b.call('worklists.counts', {});
    expect(after.handover.count).toBe(before.handover.count - 4);
    expect(after.overdue.count).toBe(before.overdue.count - 3);

    // Still in the register, marked; the others are not.
    const register = await b.call('register.loans', { offset: 0, limit: 100 });
    const marked = Object.fromEntries(register.rows.map((r: any) => [r.loanNo, r.handedOver]));
    expect(marked).toMatchObject({ H01: true, H02: true, H03: true, H07: true, H04: false, H05: false, H08: false });
    const household = await b.call('register.household', { borrowerId: register.rows.find((r: any) => r.loanNo === 'H01').borrowerId });
    expect(household.loans.map((x: any) => [x.loanNo, x.handedOver])).toEqual([
      ['H01', true],
      ['H08', false],
    ]);

    const batches = await b.call('handover.batches', {});
    expect(batches.map((x: any) => x.batchNo)).toEqual(['林家坪支行移〔2026〕第002号', '林家坪支行移〔2026〕第001号', '林家坪支行移〔2025〕第001号']);
    expect(batches[1]).toMatchObject({ loans: 2, staffName: '管理员甲', returned: 0, prints: 0 });
  });

  it('refuses a loan not on the 待移交 list, one already handed over, and a settled or unknown one, writing nothing', async () => {
    await b.call('handover.handOver', { loanIds: await ids(['H01']) });
    const [batches, lines, log] = [await count('handover_batches'), await count('loan_handovers'), await count('change_log')];

    // H04 is 29 days overdue, H05 not overdue: with a good loan beside them, still nothing is written.
    await expect(b.call('handover.handOver', { loanIds: await ids(['H02', 'H04']) })).rejects.toMatchObject({ code: 'NOT_ON_HANDOVER_LIST', message: expect.stringContaining('H04') });
    await expect(b.call('handover.handOver', { loanIds: await ids(['H05']) })).rejects.toMatchObject({ code: 'NOT_ON_HANDOVER_LIST' });
    await expect(b.call('handover.handOver', { loanIds: await ids(['H02', 'H01']) })).rejects.toMatchObject({ code: 'ALREADY_HANDED_OVER', message: expect.stringContaining('H01') });
    await expect(b.call('handover.handOver', { loanIds: ['no-such-loan'] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(b.call('handover.handOver', { loanIds: [] })).rejects.toMatchObject({ code: 'VALIDATION' });
    const h2 = await b.loanId('H02');
    await expect(b.call('handover.handOver', { loanIds: [h2, h2] })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(b.call('handover.handOver', { loanIds: [h2], handedOn: '2026-12-03' })).rejects.toMatchObject({ code: 'BAD_INPUT' });

    expect([await count('handover_batches'), await count('loan_handovers'), await count('change_log')]).toEqual([batches, lines, log]);
    // The refused loans are still on their lists; the next batch takes number 2.
    expect(await listNos({ list: 'handover' })).toEqual(['H02', 'H03', 'H07']);
    expect((await b.call('handover.handOver', { loanIds: [h2] })).batchNo).toBe('林家坪支行移〔2026〕第002号');
  });

  it('is refused to an account manager and a clerk (FORBIDDEN); a head may', async () => {
    const loanIds = await ids(['H01']);
    const manager = await b.as('王经理');
    await expect(manager('handover.handOver', { loanIds })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const clerk = await b.as('内勤甲', 'clerk');
    await expect(clerk('handover.handOver', { loanIds })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(clerk('handover.return', { loanId: loanIds[0], batchId: loanIds[0], reason: '已清收' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await count('handover_batches')).toBe(0);
    // Everyone reads the batches.
    expect(await manager('handover.batches', {})).toEqual([]);
    const head = await b.as('支行长甲', 'head');
    expect((await head('handover.handOver', { loanIds })).batchNo).toBe('林家坪支行移〔2026〕第001号');
  });

  it('handover.return puts a loan back on the worklists and unmarks it in the register', async () => {
    const [h1] = await ids(['H01']);
    const { batchId } = await b.call('handover.handOver', { loanIds: [h1], handedOn: '2026-12-01' });
    await expect(b.call('handover.return', { loanId: h1, batchId, returnedOn: '2026-11-30', reason: '误移交' })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(b.call('handover.return', { loanId: h1, batchId, reason: ' ' })).rejects.toThrow('请填写退回原因');
    expect(await b.call('handover.return', { loanId: h1, batchId, reason: '借款人已还清欠息，退回支行管理' })).toEqual({ loanId: h1, returnedOn: '2026-12-02' });
    await expect(b.call('handover.return', { loanId: h1, batchId, reason: '再退' })).rejects.toMatchObject({ code: 'NOT_HANDED_OVER' });
    expect(await listNos({ list: 'handover' })).toContain('H01');
    const register = await b.call('register.loans', { offset: 0, limit: 100 });
    expect(register.rows.find((r: any) => r.loanNo === 'H01').handedOver).toBe(false);
    expect((await b.call('handover.batches', {}))[0]).toMatchObject({ loans: 1, returned: 1 });
    // It may be handed over again, in a new batch.
    const again = await b.call('handover.handOver', { loanIds: [h1] });
    expect(again.batchNo).toBe('林家坪支行移〔2026〕第002号');
    // A second 退回 from the first batch's older view does not close the new batch's line.
    await expect(b.call('handover.return', { loanId: h1, batchId, reason: '误移交' })).rejects.toMatchObject({
      code: 'STALE_WRITE',
      message: expect.stringContaining('又在 林家坪支行移〔2026〕第002号 中重新移交'),
    });
    expect((await b.call('handover.lines', { batchId: again.batchId })).map((l: any) => l.returnedOn)).toEqual([null]);
    expect(await b.call('handover.return', { loanId: h1, batchId: again.batchId, reason: '已还清' })).toMatchObject({ loanId: h1 });
  });
});

describe('handover.printTransmittal', () => {
  it('prints the batch number, each loan and the totals from the stored figures, and records every print', async () => {
    const out = await b.call('handover.handOver', { loanIds: await ids(['H01', 'H02', 'H07']), receiver: '刘科长' });
    const printed = await b.call('handover.printTransmittal', { batchId: out.batchId });
    expect(printed).toMatchObject({ kind: 'file', file: { fileName: '林家坪支行移〔2026〕第001号移交清单.pdf', mimeType: 'application/pdf' } });
    const text = pdfText(printed.file.contentBase64, b.tmp.file('t1.pdf'));
    expect(text).toContain('林家坪支行移〔2026〕第001号');
    expect(text).toContain('移交清单');
    for (const no of ['H01', 'H02', 'H07']) {
      const loan = loanByNo(no);
      const line = text.split('\n').find((x) => x.includes(no))!;
      expect(line).toContain(loan.name);
      expect(line).toContain(formatYuan(fen(no)));
      expect(line).toContain(formatYuan(interestFen(no)));
      expect(line).toContain(loan.manager);
    }
    const totals = text.split('\n').find((x) => x.includes('合计'))!;
    expect(totals).toContain('3 笔');
    expect(totals).toContain(formatYuan(out.balanceFen));
    expect(totals).toContain(formatYuan(out.interestOwedFen));
    for (const word of ['移交人', '接收人', '监交人', '刘科长']) expect(text).toContain(word);

    // The loans change in a later import: a reprint shows the figures as handed over.
    await importLoans(b.call, LOANS.map((x) => ({ ...x, balanceYuan: x.balanceYuan - 100 })), '2026-12-01');
    expect(await b.app.db.selectFrom('loans').select('balance_fen').where('loan_no', '=', 'H01').executeTakeFirstOrThrow()).toEqual({ balance_fen: fen('H01') - 10_000 });
    const reprint = await b.call('handover.printTransmittal', { batchId: out.batchId });
    const text2 = pdfText(reprint.file.contentBase64, b.tmp.file('t2.pdf'));
    expect(text2).toContain(formatYuan(out.balanceFen));
    expect(text2).toContain('重印');

    const docs = await b.app.db.selectFrom('printed_documents').selectAll().where('kind', '=', 'handover-transmittal').orderBy('created_at').execute();
    expect(docs.map((d) => d.doc_no)).toEqual(['林家坪支行移〔2026〕第001号', null]);
    expect(docs[0].sha256).toBe(createHash('sha256').update(Buffer.from(printed.file.contentBase64, 'base64')).digest('hex'));
    expect(docs[1].title).toContain('林家坪支行移〔2026〕第001号');
    expect(JSON.parse(docs[0].figures_json)).toMatchObject({ loans: 3, balanceFen: out.balanceFen, interestOwedFen: out.interestOwedFen });
    expect(docs[0].actor_name).toBe('管理员甲');
    expect((await b.call('handover.batches', {}))[0].prints).toBe(2);

    await expect(b.call('handover.printTransmittal', { batchId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('two first prints at once: one original, the other refused with a clear message and never handed out', async () => {
    const out = await b.call('handover.handOver', { loanIds: await ids(['H01']) });
    const both = await Promise.allSettled([b.call('handover.printTransmittal', { batchId: out.batchId }), b.call('handover.printTransmittal', { batchId: out.batchId })]);
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refusedPrint = both.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refusedPrint.reason).toMatchObject({ code: 'PRINTED_MEANWHILE', message: expect.stringContaining('请再点一次打印，将打出重印件') });
    const docs = await b.app.db.selectFrom('printed_documents').select('doc_no').where('kind', '=', 'handover-transmittal').execute();
    expect(docs).toEqual([{ doc_no: out.batchNo }]);
    // The next print is the reprint.
    const text = pdfText((await b.call('handover.printTransmittal', { batchId: out.batchId })).file.contentBase64, b.tmp.file('t3.pdf'));
    expect(text).toContain('重印');
  });
});
