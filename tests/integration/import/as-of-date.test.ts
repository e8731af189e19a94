import { sql } from 'kysely';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeAppContext, type AppContext } from '../../../electron/backend/app-context';
import { setQuietLogs } from '../../../electron/backend/log';
import { addDays, todayLocal } from '../../../electron/shared/dates';
import { csvBytes, sampleCsvLines } from '../../helpers/sample-files';
import { signedInApp } from '../../helpers/signed-in-app';
import { makeTempDir } from '../../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let app: AppContext;
let call: (name: string, args?: unknown) => Promise<any>;

beforeAll(() => setQuietLogs(true));
beforeEach(async () => {
  tmp = makeTempDir();
  ({ app, call } = await signedInApp(tmp.file('ledger.sqlite')));
});
afterEach(async () => {
  await closeAppContext(app);
  tmp.cleanup();
});

// Dates relative to the day the test runs: the rules are about today.
const today = todayLocal();
const tomorrow = addDays(today, 1);
const contentBase64 = csvBytes(sampleCsvLines()).toString('base64');

const count = async (table: 'loans' | 'imports' | 'loan_snapshots' | 'change_log') =>
  Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(app.db)).rows[0].n);
const written = async () => ({ loans: await count('loans'), imports: await count('imports'), log: await count('change_log') });

const preview = (asOf?: string, bytes = contentBase64) => call('imports.preview', { fileName: 'export.csv', contentBase64: bytes, ...(asOf ? { asOf } : {}) });
const commit = (previewId: string, asOf: string, confirmAsOf?: boolean) =>
  call('imports.commit', { previewId, asOf, fullExport: true, ...(confirmAsOf === undefined ? {} : { confirmAsOf }) });
async function importAt(asOf: string, confirmAsOf?: boolean) {
  const p = await preview(asOf);
  return commit(p.previewId, asOf, confirmAsOf);
}

describe('an import’s as-of date', () => {
  it.each(['2026-02-30', '2099-13-45', '2026-2-3'])('is refused when %j is not a real YYYY-MM-DD date, and nothing is written', async (bad) => {
    const before = await written();
    await expect(preview(bad)).rejects.toMatchObject({ code: 'VALIDATION', message: '输入有误：asOf：日期无效，应为 YYYY-MM-DD 的真实日期' });
    const p = await preview(today);
    await expect(commit(p.previewId, bad)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(call('imports.replan', { previewId: p.previewId, asOf: bad, fullExport: true })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await written()).toEqual(before);
  });

  it('is refused after today, in the preview, the replan and the commit, and nothing is written', async () => {
    const before = await written();
    const message = `数据日期 ${tomorrow} 晚于今天（${today}），请检查日期是否写错。`;
    await expect(preview(tomorrow)).rejects.toMatchObject({ code: 'AS_OF_IN_FUTURE', message });
    await expect(preview('2099-01-01')).rejects.toMatchObject({ code: 'AS_OF_IN_FUTURE' });

    const p = await preview(today);
    await expect(call('imports.replan', { previewId: p.previewId, asOf: tomorrow, fullExport: true })).rejects.toMatchObject({ code: 'AS_OF_IN_FUTURE', message });
    await expect(commit(p.previewId, tomorrow)).rejects.toMatchObject({ code: 'AS_OF_IN_FUTURE', message });
    await expect(commit(p.previewId, tomorrow, true)).rejects.toMatchObject({ code: 'AS_OF_IN_FUTURE' });
    expect(await written()).toEqual(before);
    expect(await call('imports.dataAsOf')).toEqual({ dataAsOf: null });

    // The same preview still commits with a real date.
    await expect(commit(p.previewId, today)).resolves.toMatchObject({ inserted: expect.any(Number) });
  });

  it('found in the file is set aside when after today: the preview asks for a date instead', async () => {
    const dated = csvBytes([`数据日期：${tomorrow}`, ...sampleCsvLines()]).toString('base64');
    const p = await preview(undefined, dated);
    expect(p).toMatchObject({
      kind: 'preview',
      fileAsOf: tomorrow,
      asOf: null,
      counts: null,
      asOfWarning: null,
      fileAsOfRefused: `文件中的数据日期 ${tomorrow} 晚于今天（${today}），未采用。请填写核心系统导出数据的日期。`,
    });
    await expect(commit(p.previewId, tomorrow)).rejects.toMatchObject({ code: 'AS_OF_IN_FUTURE' });
    expect(await count('imports')).toBe(0);

    const replanned = await call('imports.replan', { previewId: p.previewId, asOf: today, fullExport: true });
    expect(replanned).toMatchObject({ asOf: today, fileAsOfRefused: null, counts: { inserted: expect.any(Number) } });
    await commit(p.previewId, today);
    expect(await call('imports.dataAsOf')).toEqual({ dataAsOf: today });
  });

  it('more than a year back is committed only when confirmed', async () => {
    const old = addDays(today, -366);
    const p = await preview(old);
    expect(p.asOfWarning).toEqual({ kind: 'old', message: `数据日期 ${old} 距今已超过一年。请确认日期没有写错。` });
    const before = await written();
    await expect(commit(p.previewId, old)).rejects.toMatchObject({ code: 'CONFIRM_AS_OF', message: `数据日期 ${old} 距今已超过一年。请确认日期没有写错。确认无误后再导入。` });
    await expect(commit(p.previewId, old, false)).rejects.toMatchObject({ code: 'CONFIRM_AS_OF' });
    expect(await written()).toEqual(before);

    await expect(commit(p.previewId, old, true)).resolves.toMatchObject({ inserted: expect.any(Number) });
    expect(await call('imports.list')).toMatchObject([{ asOf: old }]);

    // A year back to the day needs no confirmation.
    expect((await preview(addDays(today, -365))).asOfWarning).toBeNull();
  });

  it('more than three months before the register’s is committed only when confirmed; a little before is not asked', async () => {
    const registerAsOf = addDays(today, -10);
    await importAt(registerAsOf);
    expect(await call('imports.dataAsOf')).toEqual({ dataAsOf: registerAsOf });

    const monthBefore = addDays(registerAsOf, -31);
    const near = await preview(monthBefore);
    expect(near.asOfWarning).toBeNull();
    expect(near.counts.newerRegisterAsOf).toBe(registerAsOf);

    const farBefore = addDays(registerAsOf, -93);
    const far = await preview(farBefore);
    expect(far.asOfWarning).toEqual({
      kind: 'before-register',
      message: `数据日期 ${farBefore} 比台账现有数据（截至 ${registerAsOf}）早三个月以上，导入后只补充历史快照，不更新当前余额和状态。请确认日期没有写错。`,
    });
    const before = await written();
    await expect(commit(far.previewId, farBefore)).rejects.toMatchObject({ code: 'CONFIRM_AS_OF' });
    expect(await written()).toEqual(before);
    await commit(far.previewId, farBefore, true);

    await expect(importAt(monthBefore)).resolves.toMatchObject({ newerRegisterAsOf: registerAsOf });
    // The data date stays the newest one.
    expect(await call('imports.dataAsOf')).toEqual({ dataAsOf: registerAsOf });
  });

  it('is checked against the data the register holds, demo data included', async () => {
    await call('demo.generate', { loans: 50 });
    const { dataAsOf } = await call('imports.dataAsOf');
    expect(dataAsOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const snapshotsAsOf = (await app.db.selectFrom('loan_snapshots').select((eb) => eb.fn.max('as_of').as('d')).executeTakeFirstOrThrow()).d;
    expect(dataAsOf).toBe(snapshotsAsOf);
  });
});
