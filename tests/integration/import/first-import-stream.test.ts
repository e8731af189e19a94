import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../electron/backend/changelog/actor';
import { writerAs } from '../../../electron/backend/changelog/write-context';
import type { AppContext } from '../../../electron/backend/app-context';
import { residentIdCheckDigit } from '../../../electron/shared/resident-id';
import { importCsv, signedInForTest } from '../../helpers/import-csv';
import { perTest } from '../../helpers/per-test';
import { registerDump } from '../../helpers/register-dump';
import { dispatch } from '../../../electron/backend/rpc/dispatch';
import { csvBytes } from '../../helpers/sample-files';
import { ADMIN, type Call } from '../../helpers/signed-in-app';
import { SAMPLE_HEADER } from '../../unit/import/helpers';

const AS_OF = '2026-10-31';

const residentId = (n: number) => {
  const first17 = `14112419${String(60 + (n % 30))}0${1 + (n % 9)}1${n % 10}${String(n % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckDigit(first17);
};

/**
 * A county-like export of `households` borrowers over three batches and more (5,000 rows each):
 * each borrower's two loans far apart, so that their rows are in different batches, and the cases
 * that the whole file decides:
 * - a borrower whose first row has no ID and no address (the later row has them);
 * - borrowers without customer number, grouped by ID;
 * - two customer numbers with one ID (a warning at the first row of the second);
 * - rows with a mistyped ID and no customer number, found by name and address, or alone;
 * - rows naming no manager; two phones for one borrower; an exact repeat, the same loan written
 *   otherwise (a duplicate too) and a clashing row.
 */
function countyExport(households: number): string[] {
  const lines = [`机构：林家坪支行    数据日期：${AS_OF}    单位：元`, SAMPLE_HEADER.join(',')];
  const row = (h: number, loan: number, opts: { bare?: boolean } = {}) => {
    const customer = h % 11 === 0 ? '' : `C9${String(h).padStart(6, '0')}`;
    const sharedId = h % 97 === 5 ? residentId(h - 1) : residentId(h);
    const mistyped = h % 13 === 0 && customer === '' ? `${sharedId.slice(0, 17)}X` : sharedId;
    const address = `临县白文镇${['城庄村', '刘家会村', '林家坪村', '南圪垛村'][h % 4]}${1 + (h % 9)}组`;
    const manager = h % 5 === 0 ? '' : ['王志强', '李红梅', '赵卫东'][h % 3];
    const disbursed = loan % 4 === 3 ? '' : `2025-${String(1 + (h % 12)).padStart(2, '0')}-${String(1 + (h % 28)).padStart(2, '0')}`;
    return [
      lines.length - 1, '林家坪支行', customer, `借款人${h}`, opts.bare ? '' : mistyped, loan === 0 ? `1380013${String(h % 10000).padStart(4, '0')}` : `1590000${String(h % 10000).padStart(4, '0')}`,
      opts.bare ? '' : address, `88${String(h).padStart(6, '0')}${loan}`, `HT${h}${loan}`, loan === 0 ? '农户小额信用贷款' : '个人经营贷款', h % 2 ? '信用' : '保证',
      disbursed, '2027-12-31', 50000, `${1000 + h + loan}.25`, 6.5, h % 17 === 0 ? 40 : 0, h % 19 === 0 ? '120.50' : 0, h % 23 === 0 ? '关注' : '正常', manager,
    ].join(',');
  };
  for (let h = 0; h < households; h++) lines.push(row(h, 0, { bare: h % 7 === 1 }));
  lines.push(lines[lines.length - 1]); // an exact repeat: counted as a duplicate
  for (let h = 0; h < households; h++) lines.push(row(h, 1));
  lines.push(row(2, 1).replace('1003.25', '9999.25')); // the same loan number, other figures: rejected
  lines.push(row(4, 1).replace('2025-05-05', '2025/5/5')); // the same loan written otherwise: a duplicate
  return lines;
}

const upload = (lines: string[]) => ({ fileName: 'export.csv', contentBase64: csvBytes(lines).toString('base64'), fullExport: true });

const load = (call: Call, lines: string[]) => call('imports.load', upload(lines));

/** A village with its own manager, set up before any import (the rows naming no manager go to them). */
async function villageWithManager(app: AppContext): Promise<void> {
  await writerAs(app.db, SYSTEM_ACTOR)(async (w) => {
    const manager = await w.insert('staff', { username: null, display_name: '村管员甲', role: 'manager', password_hash: null, active: 1 });
    await w.insert('villages', { township: '白文镇', name: '刘家会村', manager_id: manager.id });
  });
}

/** Two registers: one imported into by the preview and commit, the other by imports.load. */
const apps = perTest(async (file) => {
  const old = await signedInForTest(file.replace(/\.sqlite$/, '-old.sqlite'));
  const streamed = await signedInForTest(file);
  return { old, streamed, close: () => Promise.all([old.close(), streamed.close()]).then(() => undefined) };
});

describe('a first import written while it is read (imports.load)', () => {
  it.each([
    ['an empty register', false],
    ['a register with a village that has its manager', true],
  ])('writes into %s exactly what the preview and commit write', async (_case, withVillage) => {
    const { old, streamed } = apps;
    if (withVillage) {
      await villageWithManager(old.app);
      await villageWithManager(streamed.app);
    }
    const lines = countyExport(6000);
    const committed = await importCsv(old.call, lines, { asOf: AS_OF, fullExport: true });
    const loaded = await load(streamed.call, lines);
    expect(loaded).toMatchObject({ kind: 'imported', asOf: AS_OF, notice: null });

    const { importId: _a, ...counts } = committed;
    const { importId: _b, ...loadedCounts } = loaded.counts;
    expect(loadedCounts).toEqual(counts);
    expect(counts).toMatchObject({ accepted: 12000, inserted: 12000, duplicates: 2 });
    expect(counts.rejected).toHaveLength(1);
    expect(counts.warnings.some((w: { message: string }) => w.message.includes('也登记在客户号'))).toBe(true);

    const before = await registerDump(old.app.db, ADMIN.displayName);
    const after = await registerDump(streamed.app.db, ADMIN.displayName);
    expect(after.dump.loans).toHaveLength(12000);
    for (const table of Object.keys(before.dump)) expect(after.dump[table], table).toEqual(before.dump[table]);
    expect(after.logged).toEqual(before.logged);
    // The borrower whose first row had neither ID nor address has both, from their second row.
    const { rows } = await sql<{ resident_id: string; address: string; village_id: string | null }>`select resident_id, address, village_id from borrowers where customer_no = 'C9000001'`.execute(
      streamed.app.db,
    );
    expect(rows[0]).toMatchObject({ resident_id: residentId(1), address: '临县白文镇刘家会村2组' });
    expect(rows[0].village_id).not.toBeNull();
    if (withVillage) {
      const { rows: villageLoans } = await sql<{ n: number }>`select count(*) as n from loan_assignments a join staff s on s.id = a.manager_id where s.display_name = '村管员甲'`.execute(
        streamed.app.db,
      );
      expect(villageLoans[0].n).toBeGreaterThan(0);
    }
  });

  it('leaves the register as it was when the file is refused after batches were written', async () => {
    const { streamed } = apps;
    const indexes = async () => (await sql<{ name: string }>`select name from sqlite_schema where type = 'index' order by name`.execute(streamed.app.db)).rows;
    const indexesBefore = await indexes();
    const count = async (table: string) =>
      (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(streamed.app.db)).rows[0].n;
    const logBefore = await count('change_log');
    const lines = countyExport(6000);
    // A totals row that does not match: found only at the file's end, after two batches were written.
    const refused = [...lines, '合计,,,,,,,共3笔,,,,,,,1.00'];
    await expect(load(streamed.call, refused)).rejects.toMatchObject({ code: 'TOTALS_MISMATCH' });
    for (const table of ['loans', 'borrowers', 'loan_snapshots', 'loan_assignments', 'archive_files', 'inspection_tasks', 'imports']) {
      expect(await count(table), table).toBe(0);
    }
    expect(await count('change_log')).toBe(logBefore);
    expect(await indexes()).toEqual(indexesBefore);
    // And the same file without the wrong totals row imports.
    expect(await load(streamed.call, lines)).toMatchObject({ kind: 'imported', counts: { inserted: 12000 } });
  });

  it('stops when cancelled while it writes: the cancel gets through, CANCELLED, nothing written', async () => {
    const { streamed } = apps;
    const login = await dispatch(streamed.app, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    if (!login.ok) throw new Error(login.error.message);
    const { token } = login.value as { token: string };
    const logged = async () => (await sql<{ n: number }>`select count(*) as n from change_log`.execute(streamed.app.db)).rows[0].n;
    const before = await logged();
    const lines = countyExport(6000);
    // Sent at the first progress (5,000 rows read): by then the first batch is written, in the import's open transaction.
    let cancelled: Promise<unknown> | null = null;
    const sendEvent = () => void (cancelled ??= dispatch(streamed.app, 'calls.cancel', { callId: 'first-import-cancel-late' }, { token }));
    const result = await dispatch(streamed.app, 'imports.load', upload(lines), { token, callId: 'first-import-cancel-late', sendEvent });
    expect(cancelled).not.toBeNull();
    // The cancel's session check does not wait for the import's transaction: it found the call running.
    expect(await cancelled).toEqual({ ok: true, value: { running: true } });
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(await logged()).toBe(before);
    expect((await sql<{ n: number }>`select count(*) as n from loans`.execute(streamed.app.db)).rows[0].n).toBe(0);
  });

  it('stops when cancelled (the cancel came first): CANCELLED, nothing written, and importing again works', async () => {
    // A cancel sent before the call is kept for it and stops it as it starts.
    const { streamed } = apps;
    const login = await dispatch(streamed.app, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
    if (!login.ok) throw new Error(login.error.message);
    const { token } = login.value as { token: string };
    expect(await dispatch(streamed.app, 'calls.cancel', { callId: 'first-import-cancel' }, { token })).toEqual({ ok: true, value: { running: false } });
    const lines = countyExport(300);
    const logged = async () => (await sql<{ n: number }>`select count(*) as n from change_log`.execute(streamed.app.db)).rows[0].n;
    const before = await logged();
    const result = await dispatch(streamed.app, 'imports.load', upload(lines), { token, callId: 'first-import-cancel' });
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(await logged()).toBe(before);
    expect(await load(streamed.call, lines)).toMatchObject({ kind: 'imported', counts: { inserted: 600 } });
  });

  it('is refused to an account manager and to a caller not signed in, reading and writing nothing', async () => {
    const { streamed } = apps;
    await streamed.call('staff.create', { username: 'manager1', displayName: '王志强', password: 'manager-pass-1', role: 'manager' });
    const login = await dispatch(streamed.app, 'auth.login', { username: 'manager1', password: 'manager-pass-1' });
    if (!login.ok) throw new Error(login.error.message);
    const { token } = login.value as { token: string };
    const logged = async () => (await sql<{ n: number }>`select count(*) as n from change_log`.execute(streamed.app.db)).rows[0].n;
    const before = await logged();
    const lines = countyExport(30);
    expect(await dispatch(streamed.app, 'imports.load', upload(lines), { token })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await dispatch(streamed.app, 'imports.load', upload(lines), {})).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(await logged()).toBe(before);
  });

  it('leaves a register that has loans to the preview, reading nothing', async () => {
    const { streamed } = apps;
    const lines = countyExport(30);
    await load(streamed.call, lines);
    expect(await load(streamed.call, lines)).toEqual({ kind: 'register-not-empty' });
  });

  it('says so when the header row is not recognised, writing nothing', async () => {
    const { streamed } = apps;
    const logged = async () => (await sql<{ n: number }>`select count(*) as n from change_log`.execute(streamed.app.db)).rows[0].n;
    const before = await logged();
    expect(await load(streamed.call, ['甲,乙,丙', '1,2,3'])).toEqual({ kind: 'needs-mapping' });
    expect(await logged()).toBe(before);
  });
});
