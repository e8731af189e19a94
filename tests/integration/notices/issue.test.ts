import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../helpers/pdf-text';
import { perTestCopy } from '../../helpers/per-test-copy';
import { noticeApp, numbersInRegister } from './notice-fixture';

const b = perTestCopy((file) => noticeApp(file));

describe('planning a batch', () => {
  it('lists a village’s overdue loans in register order, each guarantor’s notice right after the borrower’s, and says whom it leaves out', async () => {
    const plan = await b.call('notices.plan', { kind: 'overdue', scope: { by: 'village', villageId: b.ids.village('刘家会村') }, withGuarantors: true });
    expect(plan.notices.map((n: { loanNo: string; kind: string; addressee: string }) => [n.loanNo, n.kind, n.addressee])).toEqual([
      ['N01', 'overdue', '张大山'],
      ['N01', 'guarantor', '李四'],
      ['N01', 'guarantor', '王五'],
      ['N03', 'overdue', '赵二'],
    ]);
    expect(plan.skipped).toEqual(
      expect.arrayContaining([
        { reason: '未逾期', loans: 2 },
        { reason: '未登记担保人姓名（无担保人通知书）', loans: 1 },
      ]),
    );
    expect(plan.asOf).toBe('2026-11-30');
    expect(plan.sampleHtml).toContain('张大山');
    expect(await numbersInRegister(b.app)).toEqual([]);
  });

  it('sends reminders to loans not overdue that fall due within 7 days of the issue day', async () => {
    const plan = await b.call('notices.plan', { kind: 'reminder', scope: { by: 'branch' } });
    expect(plan.notices.map((n: { loanNo: string }) => n.loanNo)).toEqual(['N02', 'N06']);
    // Issued on the register's data date, the week ends on 12-07: N06 (12-08) is not due yet.
    const earlier = await b.call('notices.plan', { kind: 'reminder', scope: { by: 'branch' }, asOf: '2026-11-30' });
    expect(earlier.notices.map((n: { loanNo: string }) => n.loanNo)).toEqual(['N02']);
  });

  it('is dated no later than today and no earlier than the register’s data date', async () => {
    const scope = { by: 'branch' };
    await expect(b.call('notices.plan', { kind: 'overdue', scope, asOf: '2026-11-29' })).rejects.toMatchObject({ code: 'BAD_INPUT', message: '出具日期不能早于台账的数据日期（2026-11-30）。' });
    await expect(b.call('notices.issue', { kind: 'overdue', scope, asOf: '2026-12-03' })).rejects.toMatchObject({ code: 'BAD_INPUT', message: '出具日期不能晚于今天。' });
    expect(await numbersInRegister(b.app)).toEqual([]);
  });
});

describe('issuing a batch', () => {
  it('numbers each kind per year without gaps, keeps the PDF with its SHA-256, and the next batch goes on from there', async () => {
    const first = await b.call('notices.issue', { kind: 'overdue', scope: { by: 'village', villageId: b.ids.village('刘家会村') }, withGuarantors: true });
    expect(first).toMatchObject({ issued: 4, numbers: ['林家坪支行催字〔2026〕第0001号', '林家坪支行催字〔2026〕第0002号'], print: { kind: 'file' } });
    const kept = readFileSync(first.pdfPath);
    expect(createHash('sha256').update(kept).digest('hex')).toBe(first.sha256);
    expect(Buffer.from(first.print.file.contentBase64, 'base64').equals(kept)).toBe(true);
    const text = pdfText(first.print.file.contentBase64, b.tmp.file('first.pdf'));
    for (const no of ['林家坪支行催字〔2026〕第0001号', '林家坪支行保字〔2026〕第0001号', '林家坪支行保字〔2026〕第0002号', '林家坪支行催字〔2026〕第0002号']) expect(text).toContain(no);

    const second = await b.call('notices.issue', { kind: 'overdue', scope: { by: 'village', villageId: b.ids.village('城庄村') } });
    expect(second.numbers).toEqual(['林家坪支行催字〔2026〕第0003号', '林家坪支行催字〔2026〕第0003号']);

    const register = await b.call('notices.register', {});
    expect(register.count).toBe(5);
    expect(register.rows[0]).toMatchObject({ noticeNo: '林家坪支行催字〔2026〕第0003号', scanCode: 'CS-2026-0003', status: 'issued', delivery: 'sent', borrowerName: '孙七', issuedBy: '管理员甲', sha256: second.sha256 });
    expect(register.rows[0].figures).toMatchObject({ balanceFen: 800_000, overduePrincipalFen: 800_000, interestOwedFen: 8_000, asOf: '2026-11-30', issuedOn: '2026-12-02', maskedId: expect.stringMatching(/^141124\*{8}004[\dX]$/) });
    const guarantor = register.rows.find((r: { addressee: string }) => r.addressee === '王五');
    expect(guarantor).toMatchObject({ kind: 'guarantor', addresseeRole: 'guarantor', borrowerName: '张大山', loanNo: 'N01' });
  });

  it('refuses a batch with nothing in it, taking no number', async () => {
    await expect(b.call('notices.issue', { kind: 'guarantor', scope: { by: 'village', villageId: b.ids.village('城庄村') } })).resolves.toMatchObject({ issued: 1 });
    await expect(b.call('notices.issue', { kind: 'overdue', scope: { by: 'loans', loanIds: [b.ids.loan('N04')] } })).rejects.toMatchObject({ code: 'NOTHING_TO_ISSUE' });
    expect((await numbersInRegister(b.app)).map((n) => n.notice_no)).toEqual(['林家坪支行保字〔2026〕第0001号']);
  });
});
