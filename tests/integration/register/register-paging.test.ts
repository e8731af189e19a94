import { readFileSync } from 'node:fs';
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

const loanIds = async (view: object, offset: number, limit: number): Promise<string[]> =>
  (await call('register.loans', { ...view, offset, limit })).rows.map((r: { loanId: string }) => r.loanId);

describe('register paging', () => {
  it('gives every page of a view, those past its middle too (read from its end), in the view’s order', async () => {
    const views = [
      {},
      { sort: [{ colId: 'balanceFen', sort: 'desc' }] },
      { sort: [{ colId: 'balanceFen', sort: 'asc' }] },
      { sort: [{ colId: 'name', sort: 'asc' }, { colId: 'maturityOn', sort: 'desc' }] },
      { sort: [{ colId: 'principalOverdueDays', sort: 'desc' }] },
      { villageId },
      { villageId, sort: [{ colId: 'balanceFen', sort: 'desc' }] },
      { includeSettled: true, sort: [{ colId: 'riskClass', sort: 'asc' }] },
      { filter: { principalOverdueDays: { filterType: 'number', type: 'greaterThan', filter: 0 } }, sort: [{ colId: 'interestOwedFen', sort: 'desc' }] },
    ];
    for (const view of views) {
      const whole = await loanIds(view, 0, 500);
      expect(whole.length, JSON.stringify(view)).toBeGreaterThan(10);
      const paged: string[] = [];
      for (let offset = 0; offset < whole.length; offset += 7) paged.push(...(await loanIds(view, offset, 7)));
      expect(paged, JSON.stringify(view)).toEqual(whole);
      // The last row alone, and a page that runs past the end.
      expect(await loanIds(view, whole.length - 1, 1)).toEqual(whole.slice(-1));
      expect(await loanIds(view, whole.length - 3, 100)).toEqual(whole.slice(-3));
      expect(await loanIds(view, whole.length, 100)).toEqual([]);
    }
  });

  it('counts a view again once its tables change (a phone added, a note written)', async () => {
    const phoneView = { filter: { phones: { filterType: 'text', type: 'contains', filter: '13700001234' } } };
    const noteView = { filter: { notes: { filterType: 'text', type: 'contains', filter: '外出务工' } } };
    const before = await call('register.loans', { ...phoneView, offset: 0, limit: 10 });
    expect(before.total).toBe(0);
    expect((await call('register.loans', { ...noteView, offset: 0, limit: 10 })).total).toBe(0);

    const loan = (await call('register.loans', { villageId, offset: 0, limit: 1 })).rows[0];
    const loansOfBorrower = (await call('register.loans', { filter: {}, offset: 0, limit: 500 })).rows.filter((r: { borrowerId: string }) => r.borrowerId === loan.borrowerId);
    await call('register.savePhone', { borrowerId: loan.borrowerId, phone: '13700001234', note: '' });
    const after = await call('register.loans', { ...phoneView, offset: 0, limit: 10 });
    expect(after.total).toBe(loansOfBorrower.length);
    expect(after.balanceFen).toBe(loansOfBorrower.reduce((sum: number, r: { balanceFen: number }) => sum + r.balanceFen, 0));

    await call('register.updateContact', { borrowerId: loan.borrowerId, notes: '外出务工，春节回村', was: { notes: '' } });
    expect((await call('register.loans', { ...noteView, offset: 0, limit: 10 })).total).toBe(loansOfBorrower.length);
  });
});
