import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppContext, type AppContext } from '../../../electron/backend/app-context';
import { makeTempDir } from '../../helpers/temp-dir';
import { signedInApp } from '../../helpers/signed-in-app';
import { SAMPLE } from '../../helpers/sample-files';

let tmp: ReturnType<typeof makeTempDir>;
let app: AppContext;
let call: (name: string, args?: unknown) => Promise<any>;
let villageId: string;

beforeAll(async () => {
  tmp = makeTempDir();
  ({ app, call } = await signedInApp(tmp.file('ledger.sqlite')));
  const preview = await call('imports.preview', { fileName: 'a.xlsx', contentBase64: readFileSync(SAMPLE.xlsx).toString('base64') });
  await call('imports.commit', { previewId: preview.previewId, asOf: '2026-10-31', fullExport: true });
  villageId = (await app.db.selectFrom('villages').select('id').where('name', '=', '刘家会村').executeTakeFirstOrThrow()).id;
});
afterAll(async () => {
  await closeAppContext(app);
  tmp.cleanup();
});

/** The sums as SQLite has them, for active loans, optionally one village's or overdue ones only. */
async function expected(opts: { villageId?: string; overdue?: boolean } = {}) {
  const { rows } = await sql<{ n: number; balance: number; contract: number; interest: number }>`
    select count(*) as n, coalesce(sum(l.balance_fen), 0) as balance, coalesce(sum(l.contract_amount_fen), 0) as contract,
      coalesce(sum(l.interest_owed_fen), 0) as interest
    from loans l join borrowers b on b.id = l.borrower_id
    where l.status = 'active' and (${opts.villageId ?? null} is null or b.village_id = ${opts.villageId ?? null})
      and (${opts.overdue ? 1 : 0} = 0 or l.principal_overdue_days > 0)`.execute(app.db);
  return rows[0];
}

describe('register totals: 合同金额 and 欠息 beside the balance', () => {
  it('register.loans sums the whole view in the database, not just the page it returns', async () => {
    const views = [
      { args: {}, want: await expected() },
      { args: { villageId }, want: await expected({ villageId }) },
      { args: { filter: { principalOverdueDays: { filterType: 'number', type: 'greaterThan', filter: 0 } } }, want: await expected({ overdue: true }) },
    ];
    for (const { args, want } of views) {
      expect(want.contract).toBeGreaterThan(0);
      const page = await call('register.loans', { ...args, offset: 0, limit: 5 });
      expect(page.rows.length).toBeLessThanOrEqual(5);
      expect(page).toMatchObject({ total: want.n, balanceFen: want.balance, contractAmountFen: want.contract, interestOwedFen: want.interest });
    }
    expect((await expected({ overdue: true })).interest).toBeGreaterThan(0);
  });

  it('the Excel export ends with a 合计 row holding all three sums in 元', async () => {
    const want = await expected({ villageId });
    const file = await call('register.exportXlsx', { villageId });
    const wb = XLSX.read(Buffer.from(file.contentBase64, 'base64'));
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1, defval: null });
    const header = rows[2] as string[];
    const last = rows[rows.length - 1];
    expect(last[0]).toBe('合计');
    expect(last[header.indexOf('合同金额(元)')]).toBe(want.contract / 100);
    expect(last[header.indexOf('余额(元)')]).toBe(want.balance / 100);
    expect(last[header.indexOf('欠息(元)')]).toBe(want.interest / 100);
  });
});
