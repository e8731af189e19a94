import { describe, expect, it } from 'vitest';
import { writerAs } from '../../../electron/backend/changelog/write-context';
import { readLetterhead } from '../../../electron/backend/notice-templates/letterhead';
import { readTemplate } from '../../../electron/backend/notice-templates/templates';
import { BUILT_IN_WORDING } from '../../../electron/backend/notice-templates/built-in-wording';
import { TEMPLATE_KINDS } from '../../../electron/shared/notices';
import { pdfText } from '../../helpers/pdf-text';
import { perTestCopy } from '../../helpers/per-test-copy';
import { collectionApp } from '../handover/collection-fixture';

const b = perTestCopy(collectionApp);

const villageId = async (name: string) => (await b.app.db.selectFrom('villages').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
const staffId = async (name: string) => (await b.app.db.selectFrom('staff').select('id').where('display_name', '=', name).executeTakeFirstOrThrow()).id;

const overdueWording = { kind: 'overdue', paper: 'A5', title: '催收通知书', body: '{收件人}您好：\r\n您的借款{借据号}已逾期{逾期天数}天，余额{余额}（{余额大写}）。', receipt: '已收到{通知书编号}。' };

describe('noticeTemplates list, save and reset', () => {
  it('lists the five kinds with the built-in wording until an admin saves their own', async () => {
    const list = await b.call('noticeTemplates.list');
    expect(list.map((t: any) => t.kind)).toEqual([...TEMPLATE_KINDS]);
    for (const t of list) {
      expect(t).toMatchObject({ customised: false, updatedAt: null, wording: BUILT_IN_WORDING[t.kind as keyof typeof BUILT_IN_WORDING] });
      expect(t.hasReceipt).toBe(['overdue', 'guarantor', 'confirmation'].includes(t.kind));
    }
    expect(list.find((t: any) => t.kind === 'reminder').wording.paper).toBe('A5');
    expect(list.find((t: any) => t.kind === 'contact-card').wording.paper).toBe('A4');
  });

  it('saves an admin’s wording (line ends and full-width braces normalised), refuses a stale save, and resets to the built-in', async () => {
    const saved = await b.call('noticeTemplates.save', { ...overdueWording, body: overdueWording.body.replace('{借据号}', '｛借据号｝'), expectedUpdatedAt: null });
    expect(saved).toMatchObject({ kind: 'overdue', customised: true, wording: { paper: 'A5', title: '催收通知书', body: '{收件人}您好：\n您的借款{借据号}已逾期{逾期天数}天，余额{余额}（{余额大写}）。', receipt: '已收到{通知书编号}。' } });
    expect(await readTemplate(b.app.db, 'overdue')).toEqual(saved.wording);
    // Another admin's screen still holds the built-in wording (no stamp): refused, nothing changed.
    await expect(b.call('noticeTemplates.save', { ...overdueWording, title: '旧屏幕', expectedUpdatedAt: null })).rejects.toMatchObject({ code: 'STALE_WRITE' });
    const again = await b.call('noticeTemplates.save', { ...overdueWording, title: '逾期贷款催收通知书（二）', expectedUpdatedAt: saved.updatedAt });
    expect(again.wording.title).toBe('逾期贷款催收通知书（二）');
    const log = await b.app.db.selectFrom('change_log').select(['action']).where('table_name', '=', 'notice_templates').execute();
    expect(log.map((l) => l.action)).toEqual(['insert', 'update']);

    const reset = await b.call('noticeTemplates.reset', { kind: 'overdue' });
    expect(reset).toMatchObject({ customised: false, updatedAt: null, wording: BUILT_IN_WORDING.overdue });
    expect(await readTemplate(b.app.db, 'overdue')).toEqual(BUILT_IN_WORDING.overdue);
  });

  it('refuses unknown placeholders naming them, missing parts, over-long text, and a contact card on A5', async () => {
    const refused = (args: object) => b.call('noticeTemplates.save', args).then(() => null, (err: { code: string; message: string }) => err);
    const unknown = await refused({ ...overdueWording, body: '{借款人姓名}您好，您欠{余额}元，{金额}。' });
    expect(unknown).toMatchObject({ code: 'VALIDATION' });
    expect(unknown!.message).toContain('{借款人姓名}');
    expect(unknown!.message).toContain('{金额}');
    expect(unknown!.message).not.toContain('{余额}');
    // A contact card has no loan figures to fill.
    const card = await refused({ kind: 'contact-card', paper: 'A4', title: '联系卡', body: '您的余额{余额}', receipt: '' });
    expect(card!.message).toContain('{余额}');
    expect(await refused({ kind: 'contact-card', paper: 'A5', title: '联系卡', body: '请联系{客户经理}', receipt: '' })).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('A4') });
    expect(await refused({ ...overdueWording, title: '  ' })).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('请填写标题') });
    expect(await refused({ ...overdueWording, receipt: '' })).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('回执') });
    expect(await refused({ ...overdueWording, body: '欠'.repeat(1201) })).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('最多 1200 个字') });
    expect(await b.app.db.selectFrom('notice_templates').selectAll().execute()).toEqual([]);
  });

  it('lets only admins save, reset and set the letterhead; anyone signed in may list and preview', async () => {
    const clerk = await b.as('内勤甲', 'clerk');
    await expect(clerk('noticeTemplates.save', overdueWording)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(clerk('noticeTemplates.reset', { kind: 'overdue' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(clerk('noticeTemplates.setLetterhead', { bankName: '某行', branchName: '某支行', address: '', phone: '' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await clerk('noticeTemplates.list')).toHaveLength(5);
    expect(await clerk('noticeTemplates.letterhead')).toMatchObject({ bankName: '农村商业银行', defaultBankName: '农村商业银行' });

    const preview = await clerk('noticeTemplates.preview', { kind: 'overdue', wording: { paper: 'A4', title: '催收', body: '{借款人}欠{余额大写}。{不存在}', receipt: '收到{通知书编号}' } });
    expect(preview.html).toContain('张大山');
    expect(preview.html).toContain('叁万捌仟伍佰元伍角'); // the sample balance in capitals
    expect(preview.html).toContain('<svg');
    expect(preview.html).toContain('沿此线剪下');
    expect(preview.html).toContain('<span class="bad">{不存在}</span>');
    expect(preview.problems.join()).toContain('{不存在}');

    const fine = await clerk('noticeTemplates.preview', { kind: 'confirmation', wording: BUILT_IN_WORDING.confirmation });
    expect(fine.problems).toEqual([]);
    expect(fine.html).toContain('按手印');
    const cards = await clerk('noticeTemplates.preview', { kind: 'contact-card', wording: BUILT_IN_WORDING['contact-card'] });
    expect(cards.html.split('class="card"').length - 1).toBe(10);
  });
});

describe('letterhead', () => {
  it('is stored in settings, phone normalised; an invalid phone or empty names are refused', async () => {
    const set = await b.call('noticeTemplates.setLetterhead', { bankName: ' 山西临县农村商业银行 ', branchName: '白文支行', address: '临县白文镇府前街12号', phone: '0358 4561234' });
    expect(set).toEqual({ bankName: '山西临县农村商业银行', branchName: '白文支行', address: '临县白文镇府前街12号', phone: '0358-4561234', defaultBankName: '农村商业银行' });
    expect(await readLetterhead(b.app.db)).toEqual({ bankName: '山西临县农村商业银行', branchName: '白文支行', address: '临县白文镇府前街12号', phone: '0358-4561234' });
    await expect(b.call('noticeTemplates.setLetterhead', { bankName: '行', branchName: '白文支行', address: '', phone: '12345' })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('电话无效') });
    await expect(b.call('noticeTemplates.setLetterhead', { bankName: '', branchName: '白文支行', address: '', phone: '' })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('请填写银行名称') });
    const preview = await b.call('noticeTemplates.preview', { kind: 'overdue', wording: BUILT_IN_WORDING.overdue });
    expect(preview.html).toContain('山西临县农村商业银行白文支行');
    expect(preview.html).toContain('白文支行催字〔2026〕第0001号');
  });
});

describe('noticeTemplates.printContactCards', () => {
  /** Households without a loan (the village's other families), added as the register would hold them. */
  async function addHouseholds(village: string, n: number): Promise<string[]> {
    const vid = await villageId(village);
    const admin = await staffId('管理员甲');
    const names = Array.from({ length: n }, (_, i) => `村民${String.fromCharCode(0x7532 + i)}`);
    await writerAs(b.app.db, { id: admin, name: '管理员甲' })(async (w) => {
      for (const name of names) {
        await w.insert('borrowers', { customer_no: null, resident_id: null, name, name_initials: 'cm', name_pinyin: `cun min ${name}`, gender: null, birth_date: null, village_id: vid, address: `临县白文镇${village}` });
      }
    });
    return names;
  }

  it('prints a card for every household of the village, borrower or not, ten to a sheet, with its manager and phone', async () => {
    const vid = await villageId('刘家会村');
    const others = await addHouseholds('刘家会村', 12);
    // The village's manager is whom the households without a loan call.
    const zhao = (await b.call('staff.create', { username: 'zhao', displayName: '赵经理', password: 'pass-word-1', role: 'manager' })) as { id: string };
    await writerAs(b.app.db, { id: zhao.id, name: '赵经理' })((w) => w.updateById('villages', vid, { manager_id: zhao.id }));
    await b.call('staff.setPhone', { staffId: await staffId('王经理'), phone: '13900001111' });
    await b.call('staff.setPhone', { staffId: await staffId('李经理'), phone: '0358-7654321' });
    await b.call('staff.setPhone', { staffId: zhao.id, phone: '13700002222' });
    await b.call('noticeTemplates.setLetterhead', { bankName: '临县农商银行', branchName: '白文支行', address: '白文镇府前街12号', phone: '0358-4561234' });

    const out = await b.call('noticeTemplates.printContactCards', { villageId: vid });
    // 王大 (two loans), 赵二, 李四, 陈五, 周六 and the twelve families without a loan.
    expect(out).toMatchObject({ kind: 'file', cards: 17, file: { fileName: '刘家会村客户经理联系卡.pdf' } });
    const text = pdfText(out.file.contentBase64, b.tmp.file('cards.pdf'));
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    expect(pages).toHaveLength(2);
    const flat = (s: string) => s.replace(/\s+/g, '');
    const all = flat(text);
    expect(flat(pages[0]).split('客户经理联系卡').length - 1).toBe(10);
    expect(flat(pages[1]).split('客户经理联系卡').length - 1).toBe(7);
    for (const name of ['王大', '赵二', '李四', '陈五', '周六', ...others]) expect(all).toContain(`户主：${name}`);
    // Each card's manager: the household's loans' (李四's is 李经理's), else the village's.
    const card = (name: string) => all.slice(all.indexOf(`户主：${name}`), all.indexOf(`户主：${name}`) + 60);
    expect(card('李四')).toContain('客户经理：李经理电话：0358-7654321');
    expect(card('王大')).toContain('客户经理：王经理电话：13900001111');
    expect(card(others[0])).toContain('客户经理：赵经理电话：13700002222');
    expect(all).toContain('临县农商银行白文支行');
    expect(all).toContain('0358-4561234');

    const doc = await b.app.db.selectFrom('printed_documents').selectAll().where('kind', '=', 'contact-cards').executeTakeFirstOrThrow();
    expect(doc.doc_no).toBeNull();
    expect(doc.title).toContain('刘家会村');
    expect(JSON.parse(doc.figures_json).cards).toHaveLength(17);
  });

  it('lets a manager print only villages in their book, and refuses an unknown village', async () => {
    const wang = await b.as('王经理');
    const li = await b.as('李经理');
    expect((await wang('noticeTemplates.printContactCards', { villageId: await villageId('刘家会村') })).cards).toBe(5);
    expect((await li('noticeTemplates.printContactCards', { villageId: await villageId('城庄村') })).cards).toBe(2);
    await expect(wang('noticeTemplates.printContactCards', { villageId: await villageId('城庄村') })).rejects.toMatchObject({ code: 'NOT_YOUR_BOOK' });
    await expect(b.call('noticeTemplates.printContactCards', { villageId: 'nope' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
