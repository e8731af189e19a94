import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from '../../helpers/cli-in-process';
import { perTestCopy } from '../../helpers/per-test-copy';
import { signInAs } from '../../helpers/signed-in-app';
import { noticeApp } from './notice-fixture';

const b = perTestCopy((file) => noticeApp(file));

const issueVillage = (village: string, withGuarantors = false) =>
  b.call('notices.issue', { kind: 'overdue', scope: { by: 'village', villageId: b.ids.village(village) }, withGuarantors });

async function notice(noticeNo: string) {
  return (await b.call('notices.register', { text: noticeNo })).rows[0];
}

describe('scanning a receipt', () => {
  it('marks it returned with the day and the signer, and tells the clerk whose it is and what it demanded', async () => {
    await issueVillage('刘家会村', true);
    // A scanner with Caps Lock, then one under a Chinese input method (full-width): the same codes.
    const scanned = await b.call('notices.scanReceipt', { code: 'cs-2026-0001', signer: '张大山' });
    expect(scanned).toEqual({
      noticeId: expect.any(String),
      noticeNo: '林家坪支行催字〔2026〕第0001号',
      kind: 'overdue',
      addressee: '张大山',
      borrowerName: '张大山',
      loanNo: 'N01',
      amountFen: 1_234_567 + 23_450,
      receiptOn: '2026-12-02',
    });
    await b.call('notices.scanReceipt', { code: 'ＤＢ－２０２６－０００２', receiptOn: '2026-12-02' });
    expect(await notice('林家坪支行催字〔2026〕第0001号')).toMatchObject({ delivery: 'returned', receiptOn: '2026-12-02', receiptSigner: '张大山' });
    expect(await notice('林家坪支行保字〔2026〕第0002号')).toMatchObject({ delivery: 'returned', addressee: '王五' });

    const logged = await b.app.db.selectFrom('change_log').select(['actor_name', 'action']).where('table_name', '=', 'notices').where('action', '=', 'update').execute();
    expect(logged.length).toBeGreaterThanOrEqual(2);
    expect(logged.every((e) => e.actor_name === '管理员甲')).toBe(true);
  });

  it('refuses an unknown, an already returned, a void number and a paper without a receipt, changing nothing', async () => {
    await issueVillage('刘家会村');
    await b.call('notices.issue', { kind: 'reminder', scope: { by: 'branch' } });
    await b.call('notices.scanReceipt', { code: 'CS-2026-0001' });
    const first = await notice('CS-2026-0001');

    await expect(b.call('notices.scanReceipt', { code: 'CS-2026-0001' })).rejects.toMatchObject({
      code: 'RECEIPT_ALREADY_RETURNED',
      message: '林家坪支行催字〔2026〕第0001号 的回执已于 2026-12-02 登记收回，不能重复登记。',
    });
    await expect(b.call('notices.scanReceipt', { code: 'CS-2026-9999' })).rejects.toMatchObject({ code: 'NOTICE_NOT_FOUND', message: '找不到编号为“CS-2026-9999”的通知书，请核对回执上的编号。' });
    await expect(b.call('notices.scanReceipt', { code: 'TS-2026-0001' })).rejects.toMatchObject({ code: 'NO_RECEIPT' });
    const second = await notice('CS-2026-0002');
    await b.call('notices.cancel', { noticeId: second.id, reason: '地址有误，重新出具', expectedUpdatedAt: second.updatedAt });
    await expect(b.call('notices.scanReceipt', { code: 'CS-2026-0002' })).rejects.toMatchObject({ code: 'NOTICE_CANCELLED', message: '林家坪支行催字〔2026〕第0002号 已作废（地址有误，重新出具），不能登记回执。' });
    expect(await notice('CS-2026-0001')).toEqual(first);
    expect(await notice('CS-2026-0002')).toMatchObject({ status: 'cancelled', delivery: 'sent', receiptOn: null });
  });

  it('refuses a signing day in the future or before the notice was issued', async () => {
    await issueVillage('刘家会村');
    await expect(b.call('notices.scanReceipt', { code: 'CS-2026-0001', receiptOn: '2026-12-03' })).rejects.toMatchObject({ code: 'BAD_INPUT', message: '签收日期不能晚于今天。' });
    await expect(b.call('notices.scanReceipt', { code: 'CS-2026-0001', receiptOn: '2026-12-01' })).rejects.toMatchObject({ code: 'BAD_INPUT', message: '签收日期不能早于通知书出具日期（2026-12-02）。' });
  });

  it('an account manager records receipts of their own book only', async () => {
    await issueVillage('刘家会村');
    await issueVillage('城庄村');
    await b.call('staff.setLogin', { staffId: b.ids.staff('李经理'), username: 'li', password: 'pass-word-1' });
    const li = await signInAs(b.app, 'li');
    await expect(li('notices.scanReceipt', { code: 'CS-2026-0001' })).rejects.toMatchObject({ code: 'NOT_YOUR_BOOK' });
    await expect(li('notices.scanReceipt', { code: 'CS-2026-0003' })).resolves.toMatchObject({ borrowerName: '孙七' });
  });
});

describe('delivery', () => {
  it('is recorded by hand as 已送达 or 无法送达 with a note; a stale form does not overwrite a newer change', async () => {
    await issueVillage('城庄村');
    const n = await notice('CS-2026-0001');
    const marked = await b.call('notices.setDelivery', { noticeId: n.id, delivery: 'undeliverable', note: '外出务工，家中无人', expectedUpdatedAt: n.updatedAt });
    expect(marked).toMatchObject({ delivery: 'undeliverable', deliveryNote: '外出务工，家中无人' });
    await expect(b.call('notices.setDelivery', { noticeId: n.id, delivery: 'delivered', note: '', expectedUpdatedAt: n.updatedAt })).rejects.toMatchObject({ code: 'STALE_WRITE' });
  });
});

describe('the month’s unnoticed overdue loans', () => {
  it('lists overdue loans without an overdue notice this calendar month; a void notice does not count', async () => {
    const before = await b.call('notices.unnoticed', {});
    expect(before).toMatchObject({ month: '2026-12', count: 3, balanceFen: 1_234_567 + 5_000_000 + 800_000 });
    expect(before.rows.map((r: { loanNo: string }) => r.loanNo)).toEqual(['N01', 'N03', 'N05']);

    await issueVillage('刘家会村');
    const n = await notice('CS-2026-0002');
    await b.call('notices.cancel', { noticeId: n.id, reason: '打错了', expectedUpdatedAt: n.updatedAt });
    const after = await b.call('notices.unnoticed', {});
    expect(after.rows.map((r: { loanNo: string; lastNoticeNo: string | null }) => [r.loanNo, r.lastNoticeNo])).toEqual([
      ['N03', null],
      ['N05', null],
    ]);
    expect((await b.call('notices.unnoticed', { month: '2027-01' })).count).toBe(3);
  });
});

describe('the CLI', () => {
  it('issues a village’s overdue notices into one PDF and records a receipt by its number; a second time it refuses and changes nothing', async () => {
    const db = b.tmp.file('ledger.sqlite');
    await b.close();
    const out = b.tmp.file('刘家会村催收.pdf');
    const issued = await cli('notices', 'issue', '--db', db, '--type', 'overdue', '--as-of', '2026-12-02', '--village', '刘家会村', '--out', out, '--json');
    expect(issued.code).toBe(0);
    expect(issued.json).toEqual({
      issued: 2,
      numbers: ['林家坪支行催字〔2026〕第0001号', '林家坪支行催字〔2026〕第0002号'],
      pdf: out,
      sha256: createHash('sha256').update(readFileSync(out)).digest('hex'),
    });

    const receipt = await cli('notices', 'receipt', '林家坪支行催字〔2026〕第0002号', '--db', db, '--date', '2026-12-02', '--json');
    expect(receipt.code).toBe(0);
    expect(receipt.json).toMatchObject({ noticeNo: '林家坪支行催字〔2026〕第0002号', borrowerName: '赵二', receiptOn: '2026-12-02' });
    const again = await cli('notices', 'receipt', '林家坪支行催字〔2026〕第0002号', '--db', db, '--date', '2026-12-02', '--json');
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('的回执已于 2026-12-02 登记收回，不能重复登记');
    const unknown = await cli('notices', 'receipt', 'CS-2026-0042', '--db', db, '--json');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('找不到编号为“CS-2026-0042”的通知书');
  });
});
