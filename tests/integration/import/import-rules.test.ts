import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeAppContext, type AppContext } from '../../../electron/backend/app-context';
import { capturingLog } from '../../helpers/captured-log';
import { loggedInsertIds } from '../../helpers/logged-inserts';
import { makeTempDir } from '../../helpers/temp-dir';
import { signedInApp } from '../../helpers/signed-in-app';
import { maskResidentId, residentIdCheckDigit } from '../../../electron/shared/resident-id';
import { csvBytes, SAMPLE, sampleCsvLines } from '../../helpers/sample-files';

let tmp: ReturnType<typeof makeTempDir>;
let app: AppContext;
let call: (name: string, args?: unknown) => Promise<any>;

beforeEach(async () => {
  tmp = makeTempDir();
  ({ app, call } = await signedInApp(tmp.file('ledger.sqlite')));
});
afterEach(async () => {
  await closeAppContext(app);
  tmp.cleanup();
});

async function importBytes(bytes: Buffer, fileName: string, asOf: string, fullExport = true) {
  const preview = await call('imports.preview', { fileName, contentBase64: bytes.toString('base64'), asOf, fullExport });
  expect(preview.kind).toBe('preview');
  return { preview, result: await call('imports.commit', { previewId: preview.previewId, asOf, fullExport }) };
}
const importSampleXlsx = (asOf = '2026-10-31') => importBytes(readFileSync(SAMPLE.xlsx), 'sample-core-export.xlsx', asOf);
const count = async (table: 'loans' | 'borrowers' | 'imports' | 'change_log' | 'borrower_phones') =>
  Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(app.db)).rows[0].n);

describe('import rules', () => {
  it('previews without writing, then commits what it previewed', async () => {
    const bytes = readFileSync(SAMPLE.xlsx);
    const loggedBefore = await count('change_log'); // the schema's and setup's entries
    const preview = await call('imports.preview', { fileName: 'a.xlsx', contentBase64: bytes.toString('base64') });
    expect(preview).toMatchObject({ kind: 'preview', fileAsOf: '2026-10-31', asOf: '2026-10-31' });
    expect(preview.counts).toMatchObject({ rowsRead: 208, accepted: 205, inserted: 205, updated: 0, duplicates: 1, newBorrowers: 174, newVillages: 12 });
    expect(preview.counts.rejected).toHaveLength(2);
    expect(await count('loans')).toBe(0);
    expect(await count('change_log')).toBe(loggedBefore);

    const result = await call('imports.commit', { previewId: preview.previewId, asOf: '2026-10-31', fullExport: true });
    expect(result).toMatchObject({ inserted: 205, updated: 0 });
    expect(await count('loans')).toBe(205);
    await expect(call('imports.commit', { previewId: preview.previewId, asOf: '2026-10-31', fullExport: true })).rejects.toMatchObject({ code: 'PREVIEW_EXPIRED' });

    const again = await call('imports.preview', { fileName: 'a-copy.xlsx', contentBase64: bytes.toString('base64') });
    expect(again.counts.sameFileImported).toMatchObject({ actorName: '管理员甲', asOf: '2026-10-31', at: expect.any(Number) });
    expect(preview.counts.sameFileImported).toBeNull();

    const issues = await call('imports.issues', { importId: result.importId });
    expect(issues.rejected.map((r: { row: number }) => r.row)).toEqual(preview.counts.rejected.map((r: { row: number }) => r.row));
    expect(issues.warnings).toEqual(preview.counts.warnings);

    const [record] = await call('imports.list');
    expect(record).toMatchObject({ fileName: 'a.xlsx', asOf: '2026-10-31', actorName: '管理员甲', inserted: 205, rejected: 2, warnings: expect.any(Number) });
    expect(record.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('commits what it previewed, worked out again when the register changed in between', async () => {
    const bytes = readFileSync(SAMPLE.xlsx).toString('base64');
    const first = await call('imports.preview', { fileName: 'a.xlsx', contentBase64: bytes });
    const second = await call('imports.preview', { fileName: 'b.xlsx', contentBase64: bytes });
    expect(first.counts).toMatchObject({ inserted: 205, newBorrowers: 174 });
    expect(second.counts).toMatchObject({ inserted: 205, newBorrowers: 174 });

    // Another clerk commits the same export first: the second commit must not insert again.
    expect(await call('imports.commit', { previewId: first.previewId, asOf: '2026-10-31', fullExport: true })).toMatchObject({ inserted: 205 });
    expect(await call('imports.commit', { previewId: second.previewId, asOf: '2026-10-31', fullExport: true })).toMatchObject({
      inserted: 0,
      updated: 0,
      unchanged: 205,
    });
    expect(await count('loans')).toBe(205);
    expect(await count('borrowers')).toBe(174);
  });

  it('commits with the as-of date and scope chosen at commit time, not those of the preview', async () => {
    await importSampleXlsx('2026-10-31');
    const later = await call('imports.preview', { fileName: 'p.csv', contentBase64: csvBytes(sampleCsvLines().slice(0, 11)).toString('base64'), asOf: '2026-11-30' });
    expect(later.counts).toMatchObject({ accepted: 10, settled: 195 });
    const result = await call('imports.commit', { previewId: later.previewId, asOf: '2026-11-30', fullExport: false });
    expect(result).toMatchObject({ settled: 0 });
    expect(await app.db.selectFrom('loans').select('id').where('status', '=', 'settled').execute()).toEqual([]);
  });

  it('shows in the household history which import brought each loan in', async () => {
    await importSampleXlsx('2026-10-31');
    await importSampleXlsx('2026-11-30');
    const borrower = await app.db.selectFrom('borrowers').select('id').where('customer_no', '=', 'C880001').executeTakeFirstOrThrow();
    const { history, loans } = await call('register.household', { borrowerId: borrower.id });
    const imported = history.filter((h: { note: string | null }) => h.note?.includes('导入自'));
    expect(imported).toHaveLength(loans.length);
    expect(imported[0]).toMatchObject({
      action: 'insert',
      table: 'loans',
      actorName: '管理员甲',
      note: `借据号 ${loans[0].loanNo}，导入自 sample-core-export.xlsx（数据日期 2026-10-31）`,
    });
  });

  it('keeps a mistyped resident ID from making a second borrower', async () => {
    await importSampleXlsx();
    const rows = await app.db.selectFrom('borrowers').select(['resident_id']).where('customer_no', '=', 'C880056').execute();
    expect(rows).toHaveLength(1);
    expect(rows[0].resident_id).toMatch(/^\d{17}[\dX]$/);
  });

  it('never overwrites locally corrected phones and contact fields, and does not bring the old number back', async () => {
    await importSampleXlsx();
    const borrower = await app.db.selectFrom('borrowers').selectAll().where('customer_no', '=', 'C880001').executeTakeFirstOrThrow();
    const household = await call('register.household', { borrowerId: borrower.id });
    const corePhone = household.phones[0];
    expect(corePhone).toMatchObject({ phone: '18792401349', source: 'core' });

    await call('register.savePhone', { borrowerId: borrower.id, phoneId: corePhone.id, updatedAt: corePhone.updatedAt, phone: '139 0000 1111', note: '本人新号' });
    await call('register.updateContact', { borrowerId: borrower.id, whereabouts: '太原市小店区务工', contactName: '梁强', contactPhone: '0358-1234567', was: { whereabouts: '', contactName: '', contactPhone: '' } });

    const again = await importSampleXlsx();
    expect(again.result).toMatchObject({ inserted: 0, updated: 0 });
    const after = await call('register.household', { borrowerId: borrower.id });
    expect(after.phones.map((p: { phone: string }) => p.phone)).toEqual(['13900001111']);
    expect(after).toMatchObject({ whereabouts: '太原市小店区务工', contactName: '梁强', contactPhone: '0358-1234567' });
    expect(after.history.some((h: { changes: Array<{ field: string }> }) => h.changes.some((c) => c.field === 'phone'))).toBe(true);
  });

  it('settles loans missing from a newer full export, never deletes them, and ignores older exports for current figures', async () => {
    const lines = sampleCsvLines();
    await importBytes(csvBytes(lines), 'oct.csv', '2026-10-31');
    const dropped = lines[1].split(',')[7]; // loan number of the first data row
    const changedLine = lines[2].replace('387650.8', '380000.00');
    const november = [lines[0], changedLine, ...lines.slice(3)];

    const { preview, result } = await importBytes(csvBytes(november), 'nov.csv', '2026-11-30');
    expect(preview.counts).toMatchObject({ settled: 1, updated: 1, inserted: 0 });
    expect(result).toMatchObject({ settled: 1, updated: 1 });
    const loan = await app.db.selectFrom('loans').selectAll().where('loan_no', '=', dropped).executeTakeFirstOrThrow();
    expect(loan).toMatchObject({ status: 'settled', settled_on: '2026-11-30' });
    expect(await count('loans')).toBe(205);

    // The October file again: history only, current figures stay November's.
    const old = await importBytes(csvBytes(lines), 'oct.csv', '2026-10-31');
    expect(old.result).toMatchObject({ inserted: 0, updated: 0, settled: 0 });
    const changed = await app.db.selectFrom('loans').select(['balance_fen']).where('loan_no', '=', lines[2].split(',')[7]).executeTakeFirstOrThrow();
    expect(changed.balance_fen).toBe(38000000);
    const snapshots = await app.db.selectFrom('loan_snapshots').select(['as_of']).distinct().orderBy('as_of').execute();
    expect(snapshots.map((s) => s.as_of)).toEqual(['2026-10-31', '2026-11-30']);
  });

  it('brings a loan first seen in an older export in as settled, when a newer full export lacks it', async () => {
    const lines = sampleCsvLines();
    const late = lines[1].split(',')[7];
    // November's full export comes first and no longer lists the loan; October's still does.
    await importBytes(csvBytes([lines[0], ...lines.slice(2)]), 'nov.csv', '2026-11-30');
    const { preview, result } = await importBytes(csvBytes(lines), 'oct.csv', '2026-10-31');
    expect(preview.counts).toMatchObject({ inserted: 1, settled: 0, newerRegisterAsOf: '2026-11-30' });
    expect(result).toMatchObject({ inserted: 1, newerRegisterAsOf: '2026-11-30' });
    const loan = await app.db.selectFrom('loans').select(['id', 'status', 'settled_on']).where('loan_no', '=', late).executeTakeFirstOrThrow();
    expect(loan).toMatchObject({ status: 'settled', settled_on: '2026-11-30' });
    const snapshots = await app.db.selectFrom('loan_snapshots').select(['as_of', 'status']).where('loan_id', '=', loan.id).execute();
    expect(snapshots).toEqual([{ as_of: '2026-10-31', status: 'active' }]);
    expect(await count('loans')).toBe(205);
  });

  it('takes no borrower data from a file older than the register', async () => {
    const lines = sampleCsvLines();
    await importBytes(csvBytes(lines), 'nov.csv', '2026-11-30');
    const cells = lines[1].split(',');
    const [customerNo, name, address] = [cells[2], cells[3], cells[6]];
    const moved = [...cells];
    moved[6] = '临县白文镇旧地址村1组'; // where she lived in October
    const stranger = [...lines[2].split(',')];
    stranger[2] = 'C889999'; // the October file names someone else for a loan the register knows
    stranger[3] = '新人';
    const { preview, result } = await importBytes(csvBytes([lines[0], moved.join(','), stranger.join(','), ...lines.slice(3)]), 'oct.csv', '2026-10-31');
    expect(preview.counts).toMatchObject({ newBorrowers: 0, changedBorrowers: 0, newVillages: 0, inserted: 0, updated: 0 });
    expect(result).toMatchObject({ inserted: 0, updated: 0, newerRegisterAsOf: '2026-11-30' });
    expect(await count('borrowers')).toBe(174);
    const borrower = await app.db.selectFrom('borrowers').select(['name', 'address']).where('customer_no', '=', customerNo).executeTakeFirstOrThrow();
    expect(borrower).toEqual({ name, address });
  });

  it('says nothing of older data when the file is the newest', async () => {
    const { preview } = await importSampleXlsx();
    expect(preview.counts.newerRegisterAsOf).toBeNull();
  });

  it('keeps an invalid phone from the core system, with a warning, for staff to correct', async () => {
    const lines = sampleCsvLines();
    const cells = lines[1].split(',');
    cells[5] = '12345';
    const { result } = await importBytes(csvBytes([lines[0], cells.join(','), ...lines.slice(2)]), 'bad-phone.csv', '2026-10-31');
    expect(result.warnings).toContainEqual({ row: 2, field: 'phone', message: '电话号码无效：12345' });
    const phones = await app.db
      .selectFrom('borrower_phones')
      .innerJoin('borrowers', 'borrowers.id', 'borrower_phones.borrower_id')
      .select(['borrower_phones.phone', 'borrower_phones.source'])
      .where('borrowers.customer_no', '=', cells[2])
      .execute();
    expect(phones).toContainEqual({ phone: '12345', source: 'core' });
  });

  it('counts as a village’s households those with an active loan, as the printed register does', async () => {
    const lines = sampleCsvLines();
    await importBytes(csvBytes(lines), 'oct.csv', '2026-10-31');
    // A borrower with one loan only: once it is paid off, the household leaves the count.
    const single = await sql<{ loan_no: string; village_id: string }>`
      select min(l.loan_no) as loan_no, b.village_id from loans l join borrowers b on b.id = l.borrower_id
      where b.village_id is not null group by b.id having count(*) = 1 limit 1`.execute(app.db);
    const { loan_no, village_id } = single.rows[0];
    await importBytes(csvBytes(lines.filter((l) => !l.includes(`,${loan_no},`))), 'nov.csv', '2026-11-30');
    const overview = await call('villages.overview');
    const active = await sql<{ village_id: string; n: number }>`
      select b.village_id, count(distinct b.id) as n from loans l join borrowers b on b.id = l.borrower_id
      where l.status = 'active' group by b.village_id`.execute(app.db);
    const expected = new Map(active.rows.map((r) => [r.village_id, r.n]));
    for (const row of overview.rows) expect(row.households, row.village).toBe(expected.get(row.villageId) ?? 0);
    const all = await app.db.selectFrom('borrowers').select((eb) => eb.fn.countAll<number>().as('n')).where('village_id', '=', village_id).executeTakeFirstOrThrow();
    expect(overview.rows.find((r: { villageId: string }) => r.villageId === village_id).households).toBe(all.n - 1);
  });

  it('keeps what the register knows of a loan when a later file lacks that column', async () => {
    const lines = sampleCsvLines();
    await importBytes(csvBytes(lines), 'oct.csv', '2026-10-31');
    const [customerNo, name, loanNo] = [lines[1].split(',')[2], lines[1].split(',')[3], lines[1].split(',')[7]];
    const before = await app.db.selectFrom('loans').selectAll().where('loan_no', '=', loanNo).executeTakeFirstOrThrow();
    // November's file from another report: loan number, customer, name and balance only.
    const narrow = ['客户编号,借款人姓名,贷款账号,余额', `${customerNo},${name},${loanNo},1000.00`];
    const { result } = await importBytes(csvBytes(narrow), 'nov-balances.csv', '2026-11-30', false);
    expect(result).toMatchObject({ updated: 1 });
    const after = await app.db.selectFrom('loans').selectAll().where('loan_no', '=', loanNo).executeTakeFirstOrThrow();
    expect(after.balance_fen).toBe(100000);
    const { balance_fen: _b, updated_at: _u, ...kept } = before;
    expect(after).toMatchObject(kept);
    const snapshot = await app.db.selectFrom('loan_snapshots').selectAll().where('loan_id', '=', before.id).where('as_of', '=', '2026-11-30').executeTakeFirstOrThrow();
    expect(snapshot).toMatchObject({ balance_fen: 100000, principal_overdue_days: before.principal_overdue_days, risk_class: before.risk_class });
  });

  it('finds a borrower the register has by the 15-digit form of the ID, or by name and address when the ID is mistyped', async () => {
    await importSampleXlsx();
    const before = await count('borrowers');
    // Another report, without customer numbers: 梁梅 under her old 15-digit ID, 彭兰 with a mistyped one.
    const other = [
      '借款人姓名,身份证号码,住址,贷款账号,余额',
      '梁梅,141124570501072,临县白文镇城庄村8组,99000000001,1000.00',
      '彭兰,141124196911162016,临县白文镇西沟村4组,99000000002,2000.00',
    ];
    const { preview } = await importBytes(csvBytes(other), 'other.csv', '2026-10-31', false);
    expect(preview.counts).toMatchObject({ inserted: 2, newBorrowers: 0 });
    expect(await count('borrowers')).toBe(before);
    const owners = await app.db
      .selectFrom('loans')
      .innerJoin('borrowers', 'borrowers.id', 'loans.borrower_id')
      .select(['loans.loan_no', 'borrowers.customer_no', 'borrowers.resident_id'])
      .where('loans.loan_no', 'in', ['99000000001', '99000000002'])
      .orderBy('loans.loan_no')
      .execute();
    // Their registered IDs stay as they were.
    expect(owners).toEqual([
      { loan_no: '99000000001', customer_no: 'C880001', resident_id: '141124195705010729' },
      { loan_no: '99000000002', customer_no: 'C880004', resident_id: '141124196911162015' },
    ]);
  });

  it('shows a resident ID the core system corrected in the household history', async () => {
    const lines = sampleCsvLines();
    await importBytes(csvBytes(lines), 'oct.csv', '2026-10-31');
    const cells = lines[1].split(',');
    const first17 = '14112419570501071';
    cells[4] = first17 + residentIdCheckDigit(first17);
    await importBytes(csvBytes([lines[0], cells.join(','), ...lines.slice(2)]), 'nov.csv', '2026-11-30');
    const b = await app.db.selectFrom('borrowers').select('id').where('customer_no', '=', cells[2]).executeTakeFirstOrThrow();
    const { history } = await call('register.household', { borrowerId: b.id });
    const change = history.flatMap((h: { changes: Array<{ field: string; before: unknown; after: unknown }> }) => h.changes).find((c: { field: string }) => c.field === 'resident_id');
    expect(change).toEqual({ field: 'resident_id', before: '141124********0729', after: maskResidentId(cells[4]) });
  });

  it('settles nothing on a full export without a single loan (a failed export)', async () => {
    const lines = sampleCsvLines();
    await importBytes(csvBytes(lines), 'oct.csv', '2026-10-31');
    const { preview, result } = await importBytes(csvBytes([lines[0]]), 'header-only.csv', '2026-11-30');
    expect(preview.counts).toMatchObject({ accepted: 0, settled: 0 });
    expect(result.settled).toBe(0);
    const { n } = await app.db.selectFrom('loans').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'settled').executeTakeFirstOrThrow();
    expect(n).toBe(0);
  });

  it('a partial export settles nothing', async () => {
    const lines = sampleCsvLines();
    await importBytes(csvBytes(lines), 'all.csv', '2026-10-31');
    const { result } = await importBytes(csvBytes(lines.slice(0, 20)), 'some.csv', '2026-11-30', false);
    expect(result.settled).toBe(0);
    const { n } = await app.db.selectFrom('loans').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'settled').executeTakeFirstOrThrow();
    expect(n).toBe(0);
  });

  it('is all-or-nothing: a failure part-way leaves the register and the log as they were', async () => {
    const lines = sampleCsvLines();
    const victim = lines[150].split(',')[7];
    await sql`create trigger fail_one before insert on loans when new.loan_no = ${sql.lit(victim)} begin select raise(abort, 'disk trouble'); end`.execute(app.db);
    const logBefore = await count('change_log');
    const { logged } = await capturingLog(() => expect(importBytes(csvBytes(lines), 'x.csv', '2026-10-31')).rejects.toMatchObject({ code: 'INTERNAL' }));
    expect(logged).toMatch(/ERROR rpc imports\.commit failed: .*disk trouble/);
    expect(await count('loans')).toBe(0);
    expect(await count('borrowers')).toBe(0);
    expect(await count('imports')).toBe(0);
    expect(await count('change_log')).toBe(logBefore);
  });

  it('logs every imported row in the change log under the importing user', async () => {
    await importSampleXlsx();
    for (const table of ['loans', 'borrowers', 'loan_snapshots', 'villages', 'imports', 'borrower_phones']) {
      const ids = (await app.db.selectFrom(table as 'loans').select('id').execute()).map((r) => r.id).sort();
      expect({ table, logged: (await loggedInsertIds(app.db, table, '管理员甲')).sort() }).toEqual({ table, logged: ids });
    }
    expect(await count('loans')).toBe(205);
    expect(await count('borrowers')).toBe(174);
  });

  it('asks for a column mapping on an unknown header, suggests what it recognised, and remembers the mapping', async () => {
    const lines = ['编号,户主,贷款余额,住址', 'L001,张三丰,"1,000.50",临县白文镇刘家会村3组', 'L002,李四,200,临县白文镇城庄村1组'];
    const contentBase64 = csvBytes(lines).toString('base64');
    const first = await call('imports.preview', { fileName: 'odd.csv', contentBase64, asOf: '2026-10-31' });
    expect(first).toMatchObject({ kind: 'needs-mapping', suggestedHeaderIndex: 0, suggestedMapping: { balance: 2, address: 3 } });
    expect(first.sampleRows[1]).toEqual(['L001', '张三丰', '1,000.50', '临县白文镇刘家会村3组']);

    const layout = { headerIndex: 0, mapping: { loanNo: 0, name: 1, balance: 2, address: 3 } };
    const mapped = await call('imports.preview', { fileName: 'odd.csv', contentBase64, asOf: '2026-10-31', layout });
    expect(mapped).toMatchObject({ kind: 'preview', counts: { accepted: 2, inserted: 2 } });
    await call('imports.commit', { previewId: mapped.previewId, asOf: '2026-10-31', fullExport: false });

    const again = await call('imports.preview', { fileName: 'odd-november.csv', contentBase64, asOf: '2026-11-30' });
    expect(again).toMatchObject({ kind: 'preview', counts: { accepted: 2, inserted: 0 } });
    const loan = await app.db.selectFrom('loans').select('balance_fen').where('loan_no', '=', 'L001').executeTakeFirstOrThrow();
    expect(loan.balance_fen).toBe(100050);
  });
});
