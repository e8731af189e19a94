import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { smsSegments } from '../../../electron/shared/sms-text';
import { perTestCopy } from '../../helpers/per-test-copy';
import { SMS_AS_OF, smsApp } from './sms-fixture';

const s = perTestCopy(smsApp);

const TEMPLATE = '{姓名}您好，贷款{贷款账号}应还{金额}元，日期{日期}，客户经理{客户经理}，电话{客户经理电话}。';
const overdue = { query: { list: 'overdue' }, template: TEMPLATE, managerPhone: '138-0013-8999' };
const count = async (table: 'contacts' | 'sms_batches' | 'sms_messages' | 'export_log') =>
  Number((await s.app.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describe('sms.preview', () => {
  it('has a message or a listed reason for every loan of the worklist, in its order, to the borrower\'s first mobile', async () => {
    const list = await s.call('worklists.list', { query: { list: 'overdue' }, limit: 100 });
    const preview = await s.call('sms.preview', overdue);
    const covered = [...preview.messages.map((m: any) => m.loanNo), ...preview.skipped.map((x: any) => x.loanNo)].sort();
    expect(covered).toEqual(list.rows.map((r: any) => r.loanNo).sort());
    expect(preview.messages.map((m: any) => m.loanNo)).toEqual(list.rows.map((r: any) => r.loanNo).filter((n: string) => ['OD-MOBILE', 'OD-SECOND'].includes(n)));
    expect(preview.messages.map((m: any) => [m.loanNo, m.phone])).toEqual(
      expect.arrayContaining([
        ['OD-MOBILE', '13800138001'],
        ['OD-SECOND', '13900139004'],
      ]),
    );
    expect(preview.problems).toEqual([]);
    expect(preview.asOf).toBe(SMS_AS_OF);
  });

  it('fills the template: amount due is balance plus interest owed, date the as-of date (overdue) or the maturity date (到期提示)', async () => {
    const preview = await s.call('sms.preview', overdue);
    const m = preview.messages.find((x: any) => x.loanNo === 'OD-MOBILE');
    expect(m.text).toBe(`张甲您好，贷款OD-MOBILE应还10,300.50元，日期${SMS_AS_OF}，客户经理王经理，电话13800138999。`);
    expect(m.length).toBe(m.text.length);
    expect(m.segments).toBe(1);

    const due = await s.call('sms.preview', { ...overdue, query: { list: 'due-soon' } });
    expect(due.messages.map((x: any) => [x.loanNo, x.text.match(/日期([\d-]+)/)![1]])).toEqual([
      ['DUE-3', '2026-12-03'],
      ['DUE-7', '2026-12-07'],
    ]);
    expect(due.skipped).toEqual([]);
  });

  it('{客户经理电话} is the manager\'s phone from 人员名单; the batch\'s phone only stands in for managers without one', async () => {
    const wang = await s.app.db.selectFrom('staff').select('id').where('display_name', '=', '王经理').executeTakeFirstOrThrow();
    await s.call('staff.setPhone', { staffId: wang.id, phone: '139 0000 1111' });
    const own = await s.call('sms.preview', { ...overdue, managerPhone: '' });
    const wangs = own.messages.filter((m: any) => m.text.includes('客户经理王经理'));
    expect(wangs.length).toBeGreaterThan(0);
    for (const m of wangs) expect(m.text).toContain('电话13900001111。');
    const mixed = await s.call('sms.preview', overdue);
    for (const m of mixed.messages) expect(m.text).toContain(m.text.includes('客户经理王经理') ? '电话13900001111。' : '电话13800138999。');
  });

  it('lists missing and invalid phones with the reason, never dropping a loan', async () => {
    const preview = await s.call('sms.preview', overdue);
    const reasons = Object.fromEntries(preview.skipped.map((x: any) => [x.loanNo, [x.reason, x.phones]]));
    expect(reasons).toEqual({
      'OD-NOPHONE': ['没有手机号', ''],
      'OD-LANDLINE': ['号码无效', '0358-1234567'],
      'OD-INVALID': ['号码无效', expect.stringContaining('12345')],
    });
    expect(preview.skipped.every((x: any) => x.detail.length > 0)).toBe(true);
  });

  it('keeps to the picked loans, and refuses a picked loan that is not on the list', async () => {
    const preview = await s.call('sms.preview', { ...overdue, loanIds: [s.ids.loan('OD-SECOND'), s.ids.loan('OD-NOPHONE')] });
    expect(preview.messages.map((m: any) => m.loanNo)).toEqual(['OD-SECOND']);
    expect(preview.skipped.map((m: any) => m.loanNo)).toEqual(['OD-NOPHONE']);
    expect(preview.scope).toContain('所选 2 笔');
    await expect(s.call('sms.preview', { ...overdue, loanIds: [s.ids.loan('DUE-3')] })).rejects.toThrow('已不在此清单上');
  });

  it('counts 70 characters as one segment, 71 as two, and 67 per segment beyond', async () => {
    const at = async (n: number) => (await s.call('sms.preview', { ...overdue, template: '请'.repeat(n) })).messages[0];
    expect(await at(70)).toMatchObject({ length: 70, segments: 1 });
    expect(await at(71)).toMatchObject({ length: 71, segments: 2 });
    expect(await at(134)).toMatchObject({ length: 134, segments: 2 });
    expect(await at(135)).toMatchObject({ length: 135, segments: 3 });
    const preview = await s.call('sms.preview', { ...overdue, template: '请'.repeat(71) });
    expect(preview.totalSegments).toBe(2 * preview.messages.length);
    expect(smsSegments('')).toBe(0);
    expect(smsSegments('𠀀'.repeat(35))).toBe(1);
    expect(smsSegments('𠀀'.repeat(36))).toBe(2);
  });

  it('names the template\'s problems; export is refused while any is left, bad input is refused', async () => {
    const unknown = await s.call('sms.preview', { ...overdue, template: '{姓名}请还{欠款}' });
    expect(unknown.problems.join()).toContain('{欠款}');
    const noPhone = await s.call('sms.preview', { ...overdue, managerPhone: '' });
    expect(noPhone.problems.join()).toContain('的客户经理没有登记电话');
    await expect(s.call('sms.export', { ...overdue, managerPhone: '', format: 'csv' })).rejects.toThrow('的客户经理没有登记电话');
    await expect(s.call('sms.export', { ...overdue, template: '{姓名}请还{欠款}', format: 'csv' })).rejects.toThrow('{欠款}');
    await expect(s.call('sms.preview', { ...overdue, managerPhone: '12345' })).rejects.toThrow('客户经理电话无效');
    await expect(s.call('sms.preview', { ...overdue, template: '   ' })).rejects.toThrow('请填写短信模板');
    await expect(s.call('sms.export', { ...overdue, format: 'txt' })).rejects.toThrow('请选择导出格式');
    expect(await count('sms_batches')).toBe(0);
    expect(await count('export_log')).toBe(0);
  });
});

describe('sms.export', () => {
  it('stores the batch and returns a real .xlsx of 手机号码 and 短信内容, logged as an export', async () => {
    const preview = await s.call('sms.preview', overdue);
    const out = await s.call('sms.export', { ...overdue, format: 'xlsx' });
    expect(out).toMatchObject({ messages: 2, skipped: 3, totalSegments: preview.totalSegments });
    expect(out.fileName).toMatch(/\.xlsx$/);
    const book = XLSX.read(Buffer.from(out.contentBase64, 'base64'), { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0]], { header: 1, raw: false });
    expect(rows).toEqual([['手机号码', '短信内容'], ...preview.messages.map((m: any) => [m.phone, m.text])]);
    const phoneCell = book.Sheets[book.SheetNames[0]]['A2'];
    expect(phoneCell.t).toBe('s');

    const batch = await s.app.db.selectFrom('sms_batches').selectAll().executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ id: out.batchId, template: TEMPLATE, messages: 2, skipped: 3, confirmed_at: null, staff_id: s.ids.staff('管理员甲') });
    expect(batch.scope).toContain('逾期贷款');
    const stored = await s.app.db.selectFrom('sms_messages').select(['loan_id', 'phone', 'text', 'segments']).where('batch_id', '=', out.batchId).execute();
    expect(stored.map((m) => m.text).sort()).toEqual(preview.messages.map((m: any) => m.text).sort());
    const log = await s.app.db.selectFrom('export_log').selectAll().execute();
    expect(log).toMatchObject([{ kind: 'sms-xlsx', rows: 2, actor_name: '管理员甲' }]);
    expect(await count('contacts')).toBe(0);
  });

  it('writes .csv as UTF-8 with a BOM, texts with commas quoted', async () => {
    const out = await s.call('sms.export', { ...overdue, template: '{姓名}，请还款,"谢谢"', format: 'csv' });
    const bytes = Buffer.from(out.contentBase64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('手机号码,短信内容');
    expect(lines).toContain('13800138001,"张甲，请还款,""谢谢"""');
    expect(lines.filter((l) => l !== '')).toHaveLength(3);
    expect(out.mimeType).toContain('csv');
  });

  it('refuses a batch with no message at all', async () => {
    await expect(s.call('sms.export', { ...overdue, loanIds: [s.ids.loan('OD-NOPHONE')], format: 'csv' })).rejects.toThrow('没有可以发送的短信');
    expect(await count('sms_batches')).toBe(0);
  });
});

describe('sms.confirm', () => {
  it('records exactly one 短信 contact per message, by the caller, and refuses a second confirmation', async () => {
    const out = await s.call('sms.export', { ...overdue, format: 'csv' });
    expect((await s.call('sms.batches', {}))[0]).toMatchObject({ id: out.batchId, status: '待确认', messages: 2, skipped: 3, staffName: '管理员甲' });
    const clerk = await s.as('clerk');
    const done = await clerk('sms.confirm', { batchId: out.batchId });
    expect(done.contacts).toBe(2);
    expect(done.contactedAt).toMatch(/^2026-12-02 \d\d:\d\d$/);
    const contacts = await s.app.db.selectFrom('contacts').selectAll().execute();
    const messages = await s.app.db.selectFrom('sms_messages').selectAll().where('batch_id', '=', out.batchId).execute();
    expect(contacts).toHaveLength(messages.length);
    expect(new Set(contacts.map((c) => c.sms_message_id))).toEqual(new Set(messages.map((m) => m.id)));
    for (const c of contacts) {
      const m = messages.find((x) => x.id === c.sms_message_id)!;
      expect(c).toMatchObject({ way: 'sms', reached: 'none', outcome: '已发送短信', loan_id: m.loan_id, borrower_id: m.borrower_id, staff_id: s.ids.staff('内勤甲'), contacted_at: done.contactedAt, promise_on: null });
    }
    const onLoan = await s.call('contacts.list', { loanId: s.ids.loan('OD-MOBILE') });
    expect(onLoan.map((c: any) => c.way)).toEqual(['sms']);

    await expect(clerk('sms.confirm', { batchId: out.batchId })).rejects.toThrow('不能重复确认');
    await expect(s.call('sms.confirm', { batchId: out.batchId })).rejects.toThrow('不能重复确认');
    expect(await count('contacts')).toBe(2);
    expect((await s.call('sms.batches', {}))[0]).toMatchObject({ status: '已确认', confirmedBy: '内勤甲', confirmedAt: expect.any(Number) });
    await expect(s.call('sms.confirm', { batchId: 'nope' })).rejects.toThrow('找不到这批短信');
  });
});

describe('book access', () => {
  it('lets an account manager batch and confirm only loans of their own book', async () => {
    const wang = await s.as('wang');
    const own = { ...overdue, query: { list: 'overdue', managerId: s.ids.staff('王经理') } };
    await expect(wang('sms.preview', overdue)).rejects.toMatchObject({ code: 'NOT_YOUR_BOOK' });
    await expect(wang('sms.export', { ...overdue, format: 'csv' })).rejects.toMatchObject({ code: 'NOT_YOUR_BOOK' });
    await expect(wang('sms.export', { ...overdue, loanIds: [s.ids.loan('OD-MOBILE'), s.ids.loan('OD-SECOND')], format: 'csv' })).rejects.toMatchObject({ code: 'NOT_YOUR_BOOK' });
    expect(await count('sms_batches')).toBe(0);

    const mine = await wang('sms.export', { ...own, format: 'csv' });
    expect(mine.messages).toBe(1);

    const theirs = await s.call('sms.export', { ...overdue, loanIds: [s.ids.loan('OD-SECOND')], format: 'csv' });
    await expect(wang('sms.confirm', { batchId: theirs.batchId })).rejects.toMatchObject({ code: 'NOT_YOUR_BOOK' });
    expect(await count('contacts')).toBe(0);
    await wang('sms.confirm', { batchId: mine.batchId });
    expect(await count('contacts')).toBe(1);
  });
});
