import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { writerAs } from '../../../electron/backend/changelog/write-context';
import { formatYuan } from '../../../electron/shared/money';
import { perTestCopy } from '../../helpers/per-test-copy';
import { collectionApp, loanByNo } from '../handover/collection-fixture';
import { pdfText } from '../../helpers/pdf-text';

const b = perTestCopy(collectionApp);

const villageId = async (name: string) => (await b.app.db.selectFrom('villages').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
const staffId = async (name: string) => (await b.app.db.selectFrom('staff').select('id').where('display_name', '=', name).executeTakeFirstOrThrow()).id;
const borrowerOf = async (loanNo: string) => (await b.app.db.selectFrom('loans').select('borrower_id').where('loan_no', '=', loanNo).executeTakeFirstOrThrow()).borrower_id;

/** Contacts as the contact log would write them, through a WriteContext. */
async function addContacts(): Promise<void> {
  const wang = await staffId('王经理');
  const write = writerAs(b.app.db, { id: wang, name: '王经理' });
  const [h1, h2, h8] = [await b.loanId('H01'), await b.loanId('H02'), await b.loanId('H08')];
  const [c1, c2] = [await borrowerOf('H01'), await borrowerOf('H02')];
  const contact = { outcome: '', promise_on: null, promise_fen: null, follow_up_on: null, note: '', staff_id: wang, sms_message_id: null };
  await write(async (w) => {
    // 王大 (H01): a promise on the loan, then a later visit to the household (no loan named): last contact the visit, last promise the call's.
    await w.insert('contacts', { ...contact, borrower_id: c1, loan_id: h1, contacted_at: '2026-11-20 09:30', way: 'phone', reached: 'self', outcome: '答应月底还款', promise_on: '2026-11-28', promise_fen: 500_000 });
    await w.insert('contacts', { ...contact, borrower_id: c1, loan_id: null, contacted_at: '2026-11-25 15:00', way: 'visit', reached: 'family', outcome: '本人在太原打工' });
    // 王大's other loan (H08): not this loan's, not shown on H01.
    await w.insert('contacts', { ...contact, borrower_id: c1, loan_id: h8, contacted_at: '2026-11-29 10:00', way: 'sms', reached: 'self', promise_on: '2026-12-20', promise_fen: 100 });
    // 赵二 (H02): a letter long ago.
    await w.insert('contacts', { ...contact, borrower_id: c2, loan_id: h2, contacted_at: '2026-10-01 08:00', way: 'letter', reached: 'none', outcome: '退信' });
  });
}

describe('routeSheet.print', () => {
  it('lists the village’s worklist loans in register order with phones, amount due, last contact and last promise', async () => {
    await addContacts();
    const village = await villageId('刘家会村');
    await b.call('register.updateContact', { borrowerId: await borrowerOf('H02'), whereabouts: '太原市小店区', contactName: '赵小二', contactPhone: '13912345678', was: { whereabouts: '', contactName: '', contactPhone: '' } });
    const out = await b.call('routeSheet.print', { villageId: village });

    // On a list: H01 (overdue 45), H02 (120), H04 (29), H05 (matures 2026-12-03); not H06, H08 (far maturity).
    // Amount due: balance + interest owed when overdue or maturing within 7 days.
    const expected = ['H01', 'H02', 'H04', 'H05'];
    const due = (no: string) => loanByNo(no).balanceYuan * 100 + Math.round((loanByNo(no).interestYuan ?? 0) * 100);
    expect(out).toMatchObject({ kind: 'file', rows: 4, amountDueFen: expected.reduce((s, no) => s + due(no), 0), file: { fileName: '刘家会村走访路线单.pdf' } });

    // Register order: the village register's own order of these loans.
    const register = await b.call('register.loans', { villageId: village, offset: 0, limit: 100 });
    const registerOrder = register.rows.map((r: any) => r.loanNo).filter((no: string) => expected.includes(no));
    const text = pdfText(out.file.contentBase64, b.tmp.file('route.pdf'));
    const positions = registerOrder.map((no: string) => text.indexOf(no));
    expect(positions.every((p: number) => p >= 0)).toBe(true);
    expect([...positions].sort((x, y) => x - y)).toEqual(positions);
    expect(registerOrder).toEqual(['H05', 'H04', 'H01', 'H02']); // chen, li, wang, zhao
    for (const no of ['H06', 'H08', 'H03']) expect(text).not.toContain(no);

    for (const word of ['走访路线单', '刘家会村', '2026-11-30', '王经理', '走访情况', '第 1 页']) expect(text).toContain(word);
    expect(text).toContain(loanByNo('H01').phone);
    expect(text).toContain('太原市小店区');
    expect(text).toContain('赵小二');
    for (const no of expected) expect(text).toContain(formatYuan(due(no)));
    // 王大: last contact the household visit of 11-25, last promise the call's; not H08's sms.
    const wangBlock = text.slice(text.indexOf('H01') - 400, text.indexOf('H02'));
    expect(wangBlock).toContain('2026-11-25');
    expect(wangBlock).toContain('上门');
    expect(wangBlock).toContain('2026-11-28');
    expect(wangBlock).toContain('5,000.00');
    expect(text).not.toContain('2026-12-20');
    expect(text).not.toContain('短信');
    const zhaoBlock = text.slice(text.indexOf('H02') - 400);
    expect(zhaoBlock).toContain('2026-10-01');
    expect(zhaoBlock).toContain('信函');

    const doc = await b.app.db.selectFrom('printed_documents').selectAll().where('kind', '=', 'route-sheet').executeTakeFirstOrThrow();
    expect(doc.doc_no).toBeNull();
    expect(JSON.parse(doc.figures_json)).toMatchObject({ rows: 4, amountDueFen: out.amountDueFen });
    expect(doc.sha256).toBe(createHash('sha256').update(Buffer.from(out.file.contentBase64, 'base64')).digest('hex'));
    const log = await b.app.db.selectFrom('export_log').selectAll().where('kind', '=', 'route-sheet-pdf').execute();
    expect(log).toHaveLength(1);
  });

  it('takes one manager’s loans, leaves handed-over loans out, and refuses an unknown village', async () => {
    const village = await villageId('刘家会村');
    const li = await b.call('routeSheet.print', { villageId: village, managerId: await staffId('李经理') });
    expect(li.rows).toBe(1);
    const liText = pdfText(li.file.contentBase64, b.tmp.file('li.pdf'));
    expect(liText).toContain('H04');
    expect(liText).not.toContain('H01');
    expect(liText).toContain('李经理');

    await b.call('handover.handOver', { loanIds: [await b.loanId('H01')] });
    const all = await b.call('routeSheet.print', { villageId: village });
    expect(all.rows).toBe(3);
    expect(pdfText(all.file.contentBase64, b.tmp.file('all.pdf'))).not.toContain('H01');

    // 城庄村: H03 is on the lists for its interest alone (95 days), so only its interest is due; H07 owes balance and interest.
    const cz = await b.call('routeSheet.print', { villageId: await villageId('城庄村') });
    expect(cz).toMatchObject({ rows: 2, amountDueFen: 8_800 + 400_000 + 21_000 });

    await expect(b.call('routeSheet.print', { villageId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(b.call('routeSheet.print', {})).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
