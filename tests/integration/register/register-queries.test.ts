import { SYSTEM_ACTOR } from '../../../electron/backend/changelog/actor';
import { writerAs } from '../../../electron/backend/changelog/write-context';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppContext, type AppContext } from '../../../electron/backend/app-context';
import { exportView } from '../../../electron/backend/register/register-export';
import { dispatch } from '../../../electron/backend/rpc/dispatch';
import { makeTempDir } from '../../helpers/temp-dir';
import { signedInApp, signInAs } from '../../helpers/signed-in-app';
import { SAMPLE } from '../../helpers/sample-files';

let tmp: ReturnType<typeof makeTempDir>;
let app: AppContext;
let call: (name: string, args?: unknown) => Promise<any>;
let village: { id: string; name: string };

beforeAll(async () => {
  tmp = makeTempDir();
  ({ app, call } = await signedInApp(tmp.file('ledger.sqlite')));
  const preview = await call('imports.preview', { fileName: 'a.xlsx', contentBase64: readFileSync(SAMPLE.xlsx).toString('base64') });
  await call('imports.commit', { previewId: preview.previewId, asOf: '2026-10-31', fullExport: true });
  village = await app.db.selectFrom('villages').select(['id', 'name']).where('name', '=', '刘家会村').executeTakeFirstOrThrow();
});
afterAll(async () => {
  await closeAppContext(app);
  tmp.cleanup();
});

const page = (args: object) => call('register.loans', { offset: 0, limit: 500, ...args });

describe('register grid queries', () => {
  it('lists one village by household name, with masked IDs and the total', async () => {
    const { rows, total, balanceFen } = await page({ villageId: village.id });
    expect(total).toBe(19);
    expect(balanceFen).toBe(rows.reduce((sum: number, r: any) => sum + r.balanceFen, 0));
    expect(rows).toHaveLength(19);
    expect(rows.every((r: any) => r.village === '刘家会村')).toBe(true);
    // Pinyin order of the whole name (surnames together: cao, chen, cheng), not of the initials.
    const db = await app.db.selectFrom('borrowers').select(['name', 'name_pinyin']).where('village_id', '=', village.id).execute();
    expect(db.every((b) => /^[a-z]+( [a-z]+)*$/.test(b.name_pinyin))).toBe(true);
    const byPinyin = (a: { name: string; name_pinyin: string }, b: { name: string; name_pinyin: string }) =>
      a.name_pinyin < b.name_pinyin ? -1 : a.name_pinyin > b.name_pinyin ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
    const pinyinOrder = [...new Set(db.sort(byPinyin).map((b) => b.name))];
    expect([...new Set(rows.map((r: any) => r.name))]).toEqual(pinyinOrder);
    expect(rows[0].residentIdMasked).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(JSON.stringify(rows)).not.toMatch(/"\d{17}[\dX]"/);
  });

  it('sorts and pages in the database', async () => {
    const db = await app.db.selectFrom('loans').select(['loan_no', 'balance_fen']).where('status', '=', 'active').orderBy('balance_fen', 'desc').orderBy('id').execute();
    const first = await page({ sort: [{ colId: 'balanceFen', sort: 'desc' }], limit: 10 });
    expect(first.total).toBe(205);
    expect(first.rows.map((r: any) => r.balanceFen)).toEqual(db.slice(0, 10).map((l) => l.balance_fen));
    const second = await page({ sort: [{ colId: 'balanceFen', sort: 'desc' }], offset: 10, limit: 10 });
    expect(second.rows.map((r: any) => r.balanceFen)).toEqual(db.slice(10, 20).map((l) => l.balance_fen));
  });

  it('applies AG Grid filter models: text, money in 元, days, dates, phones, combined', async () => {
    const overdue = await page({ filter: { principalOverdueDays: { filterType: 'number', type: 'greaterThan', filter: 0 } } });
    expect(overdue.total).toBe(79);
    const big = await page({ filter: { balanceFen: { filterType: 'number', type: 'greaterThanOrEqual', filter: 300000 } } });
    expect(big.rows.every((r: any) => r.balanceFen >= 30_000_000)).toBe(true);
    expect(big.total).toBeGreaterThan(0);
    const name = await page({ filter: { name: { filterType: 'text', type: 'contains', filter: '梅' } } });
    expect(name.rows.every((r: any) => r.name.includes('梅'))).toBe(true);
    const phone = await page({ filter: { phones: { filterType: 'text', type: 'contains', filter: '18792401349' } } });
    expect(phone.rows.map((r: any) => r.name)).toContain('梁梅');
    const matured = await page({ filter: { maturityOn: { filterType: 'date', type: 'lessThan', dateFrom: '2025-01-01 00:00:00' } } });
    expect(matured.rows.every((r: any) => r.maturityOn < '2025-01-01')).toBe(true);
    const either = await page({
      filter: { riskClass: { filterType: 'text', operator: 'OR', conditions: [{ filterType: 'text', type: 'equals', filter: '次级' }, { filterType: 'text', type: 'equals', filter: '可疑' }] } },
    });
    expect(new Set(either.rows.map((r: any) => r.riskClass))).toEqual(new Set(['次级', '可疑']));
    const literal = await page({ filter: { name: { filterType: 'text', type: 'contains', filter: "%' or 1=1 --" } } });
    expect(literal.total).toBe(0);
  });

  it('accepts only known column ids for sorting and filtering', async () => {
    await expect(page({ sort: [{ colId: 'balance_fen; drop table loans', sort: 'asc' }] })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(page({ filter: { password_hash: { filterType: 'text', type: 'equals', filter: 'x' } } })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('global search', () => {
  it('finds borrowers by pinyin initials, name, phone, loan number and ID digits', async () => {
    const hit = (q: string) => call('register.search', { q }).then((hits: any[]) => hits.map((h) => h.name));
    expect(await hit('lm')).toContain('梁梅');
    expect(await hit('梁梅')).toContain('梁梅');
    expect(await hit('18792401349')).toEqual(['梁梅']);
    expect(await hit('88011000000')).toEqual(['梁梅']);
    expect(await hit('195705010729')).toEqual(['梁梅']);
    expect(await hit('ＬＭ')).toContain('梁梅');
  });

  it('finds phones and customer numbers by any part, loan numbers from the start', async () => {
    const hit = (q: string) => call('register.search', { q }).then((hits: any[]) => hits.map((h) => h.name));
    expect(await hit('01349')).toContain('梁梅'); // the end of 18792401349
    expect(await hit('8801100000')).toContain('梁梅'); // 88011000000 and nine more
    expect(await hit('1000000')).not.toContain('梁梅'); // inside the loan number, not its start
    expect(await hit('880001')).toEqual(['梁梅']); // customer number C880001
  });
});

describe('village register export and print', () => {
  it('exports the village to .xlsx with IDs as masked text and records the export', async () => {
    const file = await call('register.exportXlsx', { villageId: village.id });
    expect(file.fileName).toBe('刘家会村贷款清册.xlsx');
    const wb = XLSX.read(Buffer.from(file.contentBase64, 'base64'));
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1 });
    expect(String(rows[0][0])).toContain('刘家会村');
    expect(JSON.stringify(rows)).toMatch(/\d{6}\*{8}/);
    const log = await app.db.selectFrom('export_log').selectAll().execute();
    expect(log).toMatchObject([{ kind: 'register-xlsx', scope: '白文镇刘家会村', ids_masked: 1, rows: 19, actor_name: '管理员甲' }]);
  });

  it('exports the view as the grid shows it: its filter and sort, or the whole book', async () => {
    const sheetRows = async (args: object) => {
      const file = await call('register.exportXlsx', args);
      const wb = XLSX.read(Buffer.from(file.contentBase64, 'base64'));
      return { fileName: file.fileName, rows: XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1, defval: null }) };
    };
    const view = { villageId: village.id, sort: [{ colId: 'balanceFen', sort: 'desc' }], filter: { riskClass: { filterType: 'text', type: 'equals', filter: '正常' } } };
    const grid = await page(view);
    const { rows } = await sheetRows(view);
    expect(String(rows[1][0])).toContain('当前视图：已筛选、已排序');
    const header = rows[2] as string[];
    const loanRows = rows.slice(3, 3 + grid.total);
    expect(loanRows.map((r) => String(r[header.indexOf('借据号')]))).toEqual(grid.rows.map((r: any) => r.loanNo));
    expect(loanRows.every((r) => r[header.indexOf('五级分类')] === '正常')).toBe(true);
    expect(rows[3 + grid.total][0]).toBe('合计');

    const book = await sheetRows({});
    expect(book.fileName).toBe('全部村贷款清册.xlsx');
    expect(String(book.rows[0][0])).toContain('全部村');
    expect(book.rows.length - 4).toBe((await page({})).total);
    const log = await app.db.selectFrom('export_log').select(['scope', 'rows']).orderBy('created_at', 'desc').limit(2).execute();
    expect(log.map((l) => l.scope).sort()).toEqual(['全部村', '白文镇刘家会村（当前视图：已筛选、已排序）']);
  });

  it('lets only the branch head and admins export or print full resident IDs', async () => {
    const manager = await app.db.selectFrom('staff').select('id').where('role', '=', 'manager').executeTakeFirstOrThrow();
    await call('staff.setLogin', { staffId: manager.id, username: 'mgr1', password: 'manager-pass-1' });
    const login = await dispatch(app, 'auth.login', { username: 'mgr1', password: 'manager-pass-1' });
    const token = (login as { value: { token: string } }).value.token;
    const asManager = (name: string, args: object) => dispatch(app, name, args, { token });
    expect(await asManager('register.exportXlsx', { villageId: village.id, maskIds: false })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await asManager('register.printVillage', { villageId: village.id, maskIds: false })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await asManager('register.exportXlsx', { villageId: village.id })).toMatchObject({ ok: true });
    const full = await call('register.exportXlsx', { villageId: village.id, maskIds: false });
    expect(Buffer.from(full.contentBase64, 'base64').length).toBeGreaterThan(0);
  });

  it('refuses to export a view larger than the limit, and says how to narrow it', async () => {
    const view = { villageId: village.id, includeSettled: false, sort: [], filter: {} };
    await expect(exportView(app.db, writerAs(app.db, SYSTEM_ACTOR), view, true, 18)).rejects.toMatchObject({
      code: 'EXPORT_TOO_LARGE',
      userMessage: expect.stringContaining('当前视图有 19 笔贷款，一次最多导出 18 笔'),
    });
    expect((await exportView(app.db, writerAs(app.db, SYSTEM_ACTOR), view, true, 19)).fileName).toBe('刘家会村贷款清册.xlsx');
  });

  it('refuses its own masked export as an import: every row is rejected, none makes a borrower', async () => {
    const file = await call('register.exportXlsx', { villageId: village.id });
    const preview = await call('imports.preview', { fileName: file.fileName, contentBase64: file.contentBase64, asOf: '2026-11-30' });
    expect(preview.kind).toBe('preview');
    expect(preview.counts).toMatchObject({ accepted: 0, rowsRead: 19, inserted: 0, newBorrowers: 0 });
    expect(preview.counts.rejected).toHaveLength(19);
    expect(preview.counts.rejected[0]).toMatchObject({ code: 'masked_resident_id', reason: expect.stringContaining('身份证号已脱敏') });
  });

  it('prints the village register to PDF through the print path', async () => {
    const outcome = await call('register.printVillage', { villageId: village.id });
    expect(outcome).toMatchObject({ kind: 'file', file: { fileName: '刘家会村贷款清册.pdf', mimeType: 'application/pdf' } });
    expect(Buffer.from(outcome.file.contentBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    // Recorded as a paper: the figures as printed, the PDF's hash, who.
    const records = await app.db.selectFrom('printed_documents').selectAll().where('kind', '=', 'village-register').execute();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ title: '白文镇刘家会村 贷款清册', actor_name: '管理员甲' });
    expect(records[0].sha256).toBe(createHash('sha256').update(Buffer.from(outcome.file.contentBase64, 'base64')).digest('hex'));
    const { rows, total, balanceFen } = await page({ villageId: village.id });
    expect(JSON.parse(records[0].figures_json)).toMatchObject({ villageId: village.id, maskIds: true, loans: total, balanceFen, households: new Set(rows.map((r: any) => r.borrowerId)).size });
    // A host without a print preview (this one, the browser bridge) hands the file back instead.
    expect(await call('register.printVillage', { villageId: village.id, deliver: 'preview' })).toMatchObject({ kind: 'file' });
  });

  it('opens the printout in the print preview of a host that has one (the desktop app)', async () => {
    const shown: Array<{ fileName: string; pdf: Uint8Array }> = [];
    const desktop = await signedInApp(app.dbPath, { viewDocument: async (pdf, fileName) => void shown.push({ pdf, fileName }) });
    try {
      expect(await desktop.call('register.printVillage', { villageId: village.id, deliver: 'preview' })).toEqual({ kind: 'preview', fileName: '刘家会村贷款清册.pdf' });
      expect(shown).toHaveLength(1);
      expect(Buffer.from(shown[0].pdf).subarray(0, 5).toString()).toBe('%PDF-');
      expect(await desktop.call('register.printVillage', { villageId: village.id })).toMatchObject({ kind: 'file' });
      expect(shown).toHaveLength(1);
    } finally {
      await closeAppContext(desktop.app);
    }
  });
});

describe('contact edits', () => {
  it('normalises phones, refuses invalid ones in Chinese, and logs the change', async () => {
    const b = await app.db.selectFrom('borrowers').select('id').where('customer_no', '=', 'C880004').executeTakeFirstOrThrow();
    await expect(call('register.savePhone', { borrowerId: b.id, phone: '12345' })).rejects.toMatchObject({
      code: 'INVALID_PHONE',
      message: expect.stringContaining('不是有效的手机号或固定电话'),
    });
    await expect(call('register.updateContact', { borrowerId: b.id, contactPhone: 'abc', was: { contactPhone: '' } })).rejects.toMatchObject({ code: 'INVALID_PHONE' });
    await expect(call('register.savePhone', { borrowerId: b.id, phone: '13900002222', verifiedOn: '2025-02-30' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(call('register.savePhone', { borrowerId: b.id, phone: '13900002222', verifiedOn: '2099-01-01' })).rejects.toMatchObject({
      message: expect.stringContaining('日期不能晚于今天'),
    });
    const detail = await call('register.savePhone', { borrowerId: b.id, phone: '+86 139-0000-2222', note: '女儿' });
    expect(detail.phones.map((p: any) => [p.phone, p.source, p.note])).toContainEqual(['13900002222', 'local', '女儿']);
    expect(detail.history[0]).toMatchObject({ action: 'insert', table: 'borrower_phones', note: '13900002222（女儿）' });
    await expect(call('register.savePhone', { borrowerId: b.id, phone: '13900002222' })).rejects.toMatchObject({ code: 'DUPLICATE_PHONE' });
    const added = detail.phones.find((p: any) => p.phone === '13900002222');
    const removed = await call('register.deletePhone', { borrowerId: b.id, phoneId: added.id, updatedAt: added.updatedAt });
    expect(removed.phones.map((p: any) => p.phone)).not.toContain('13900002222');
    expect(removed.history.slice(0, 2)).toMatchObject([
      { action: 'delete', table: 'borrower_phones', note: '13900002222（女儿）' },
      { action: 'insert', table: 'borrower_phones', note: '13900002222（女儿）' },
    ]);
    const core = removed.phones.find((p: any) => p.source === 'core');
    await expect(call('register.deletePhone', { borrowerId: b.id, phoneId: core.id, updatedAt: core.updatedAt })).rejects.toMatchObject({ code: 'CORE_PHONE' });
    const after = await call('register.updateContact', { borrowerId: b.id, notes: '常年在太原', was: { notes: '' } });
    expect(after.history[0]).toMatchObject({ actorName: '管理员甲', action: 'update', changes: [{ field: 'notes', before: '', after: '常年在太原' }] });
  });
});

describe('contact edits from an older view (lost updates)', () => {
  const borrowerOf = (customerNo: string) => app.db.selectFrom('borrowers').select(['id', 'name']).where('customer_no', '=', customerNo).executeTakeFirstOrThrow();
  const stored = (id: string) => app.db.selectFrom('borrowers').select(['whereabouts', 'contact_name', 'notes']).where('id', '=', id).executeTakeFirstOrThrow();

  it('a field someone changed since it was shown is refused; a field sent unchanged is left alone', async () => {
    const b = await borrowerOf('C880005');
    const shown = await call('register.household', { borrowerId: b.id });
    // Clerk B corrects the whereabouts; clerk A's panel, opened before, still shows the old one.
    await call('register.updateContact', { borrowerId: b.id, whereabouts: '太原市小店区（务工）', was: { whereabouts: shown.whereabouts } });
    const staleForm = { whereabouts: shown.whereabouts, contactName: shown.contactName, contactPhone: shown.contactPhone, notes: shown.notes };

    // A changes only the notes, sending the whole form as the panel does: the notes land, B's whereabouts stays.
    await call('register.updateContact', { borrowerId: b.id, ...staleForm, notes: '已电话核实', was: staleForm });
    expect(await stored(b.id)).toMatchObject({ whereabouts: '太原市小店区（务工）', notes: '已电话核实' });

    // A then changes the whereabouts from what their panel shows: refused, saying what it holds now.
    await expect(call('register.updateContact', { borrowerId: b.id, ...staleForm, whereabouts: '北京市', was: staleForm })).rejects.toMatchObject({
      code: 'STALE_WRITE',
      message: expect.stringContaining('“现住地址”已被他人改为“太原市小店区（务工）”'),
    });
    expect(await stored(b.id)).toMatchObject({ whereabouts: '太原市小店区（务工）', notes: '已电话核实' });
    // Typing what is already there is no conflict.
    await call('register.updateContact', { borrowerId: b.id, whereabouts: '太原市小店区（务工）', was: { whereabouts: shown.whereabouts } });
    // A field sent without what was shown is refused before anything is read.
    await expect(call('register.updateContact', { borrowerId: b.id, notes: 'x', was: {} })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('a phone changed or removed since it was shown is not saved over or removed', async () => {
    const b = await borrowerOf('C880006');
    const added = (await call('register.savePhone', { borrowerId: b.id, phone: '13900005555', note: '' })).phones.find((p: any) => p.phone === '13900005555');
    // B corrects the number; A, from the older panel, puts another one and then tries to remove it.
    await call('register.savePhone', { borrowerId: b.id, phoneId: added.id, updatedAt: added.updatedAt, phone: '13912345678', note: '本人' });
    await expect(call('register.savePhone', { borrowerId: b.id, phoneId: added.id, updatedAt: added.updatedAt, phone: '13800000001', note: '' })).rejects.toMatchObject({
      code: 'STALE_WRITE',
      message: expect.stringContaining('该电话已被他人修改或删除'),
    });
    await expect(call('register.deletePhone', { borrowerId: b.id, phoneId: added.id, updatedAt: added.updatedAt })).rejects.toMatchObject({ code: 'STALE_WRITE' });
    const now = await call('register.household', { borrowerId: b.id });
    expect(now.phones.find((p: any) => p.id === added.id)).toMatchObject({ phone: '13912345678', note: '本人' });
    // A correction needs the phone as read.
    await expect(call('register.savePhone', { borrowerId: b.id, phoneId: added.id, phone: '13800000001' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('the birth date, which a masked ID hides', () => {
  it('is given in full only to those who see IDs in full; the rest see the year, in the panel and its history', async () => {
    const b = await app.db.selectFrom('borrowers').select(['id', 'birth_date', 'resident_id']).where('customer_no', '=', 'C880007').executeTakeFirstOrThrow();
    expect(b.birth_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The import logged the borrower's row: a later correction of the ID shows in the history.
    await writerAs(app.db, SYSTEM_ACTOR)(async (w) => {
      const row = await w.trx.selectFrom('borrowers').selectAll().where('id', '=', b.id).executeTakeFirstOrThrow();
      await w.update('borrowers', row, { birth_date: '1970-01-02' });
    });
    await call('staff.create', { username: 'clerk-birth', displayName: '内勤丙', password: 'pass-word-1', role: 'clerk' });
    const clerk = await signInAs(app, 'clerk-birth');
    const seenByClerk = await clerk('register.household', { borrowerId: b.id });
    expect(seenByClerk).toMatchObject({ birthDate: null, birthYear: 1970 });
    expect(JSON.stringify(seenByClerk)).not.toContain('1970-01-02');
    expect(JSON.stringify(seenByClerk)).not.toContain(b.birth_date!);
    expect(seenByClerk.history[0].changes).toEqual([{ field: 'birth_date', before: b.birth_date!.slice(0, 4), after: '1970' }]);
    const seenByAdmin = await call('register.household', { borrowerId: b.id });
    expect(seenByAdmin).toMatchObject({ birthDate: '1970-01-02', birthYear: 1970 });
    expect(seenByAdmin.history[0].changes).toEqual([{ field: 'birth_date', before: b.birth_date, after: '1970-01-02' }]);
  });
});
