import * as XLSX from '@e965/xlsx';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppContext, type AppContext } from '../../../electron/backend/app-context';
import { addDays } from '../../../electron/shared/dates';
import { OVERDUE_BUCKETS, type WorklistPage, type WorklistQuery } from '../../../electron/shared/api/worklists';
import { makeTempDir } from '../../helpers/temp-dir';
import { signedInApp } from '../../helpers/signed-in-app';

/** A loan's current manager as the test reads it, independently of the worklists' code. */
const CURRENT_MANAGER = sql.raw('current_loan_managers');

let tmp: ReturnType<typeof makeTempDir>;
let app: AppContext;
let call: (name: string, args?: unknown) => Promise<any>;
let dataAsOf: string;

beforeAll(async () => {
  tmp = makeTempDir();
  ({ app, call } = await signedInApp(tmp.file('ledger.sqlite')));
  await call('demo.generate', { loans: 3000, seed: 11 });
  dataAsOf = (await call('imports.dataAsOf', {})).dataAsOf;
  // Every 7th loan of the hand-over list goes to 风险资产部, one of them comes back; every 5th of
  // the long overdue ones has a legal step: the lists must leave out the first and the second.
  const handover = (await call('worklists.list', { query: { list: 'handover' }, limit: 5000 })).rows as Array<{ loanId: string }>;
  const handed = handover.filter((_r, i) => i % 7 === 0).map((r) => r.loanId);
  const { batchId } = await call('handover.handOver', { loanIds: handed, receiver: '风险资产部' });
  await call('handover.return', { loanId: handed[0], batchId, reason: '误移交' });
  const litigation = (await call('worklists.list', { query: { list: 'litigation' }, limit: 5000 })).rows as Array<{ loanId: string }>;
  for (const r of litigation.filter((_r, i) => i % 5 === 0)) await call('legal.record', { loanId: r.loanId, stepOn: dataAsOf, kind: 'lawyer-letter' });
});
afterAll(async () => {
  await closeAppContext(app);
  tmp.cleanup();
});

/** The rule of each list written out as plain SQL, for a direct count. */
function rule(q: WorklistQuery): ReturnType<typeof sql> {
  const asOf = q.asOf ?? dataAsOf;
  if (q.list === 'due-soon') return sql`l.principal_overdue_days = 0 and l.maturity_on >= ${asOf} and l.maturity_on <= ${addDays(asOf, 7)}`;
  if (q.list === 'handover') return sql`(l.principal_overdue_days >= 30 or coalesce(l.interest_overdue_days, 0) >= 90)`;
  if (q.list === 'litigation') return sql`l.principal_overdue_days >= 90 and l.id not in (select loan_id from legal_steps)`;
  const [min, max] = q.bucket ? (q.bucket === '361+' ? [361, 1e9] : q.bucket.split('-').map(Number)) : [1, 1e9];
  return sql`l.principal_overdue_days >= ${min} and l.principal_overdue_days <= ${max}`;
}

async function direct(q: WorklistQuery): Promise<{ loanNos: string[]; balanceFen: number }> {
  const { rows } = await sql<{ loan_no: string; balance_fen: number }>`
    select l.loan_no, l.balance_fen from loans l join borrowers b on b.id = l.borrower_id left join ${CURRENT_MANAGER} m on m.loan_id = l.id
    where l.status = 'active' and l.id not in (select loan_id from loan_handovers where returned_on is null) and ${rule(q)}
      and (${q.managerId === undefined ? 1 : 0} or m.manager_id is ${q.managerId ?? null})
      and (${q.villageId === undefined ? 1 : 0} or b.village_id = ${q.villageId ?? null})`.execute(app.db);
  return { loanNos: rows.map((r) => r.loan_no).sort(), balanceFen: rows.reduce((s, r) => s + r.balance_fen, 0) };
}

/** Every page of a list, 100 at a time, as the grid reads it. */
async function allPages(query: WorklistQuery): Promise<WorklistPage> {
  const first: WorklistPage = await call('worklists.list', { query, limit: 100 });
  const rows = [...first.rows];
  while (rows.length < first.count) rows.push(...(await call('worklists.list', { query, offset: rows.length, limit: 100 })).rows);
  return { ...first, rows };
}

describe('worklists agree with a direct count on a generated branch', () => {
  it('every list and bucket, for the whole branch, each manager, no manager, a village, and a manager in a village', async () => {
    const managers = await sql<{ id: string }>`select distinct manager_id as id from ${CURRENT_MANAGER} where manager_id is not null`.execute(app.db);
    const villages = await app.db.selectFrom('villages').select('id').orderBy('name').limit(3).execute();
    expect(managers.rows.length).toBe(6);
    const filters: Array<Pick<WorklistQuery, 'managerId' | 'villageId'>> = [
      {},
      { managerId: null },
      ...managers.rows.map((m) => ({ managerId: m.id })),
      ...villages.map((v) => ({ villageId: v.id })),
      { managerId: managers.rows[0].id, villageId: villages[0].id },
    ];
    const lists: WorklistQuery[] = [
      { list: 'due-soon' },
      { list: 'due-soon', asOf: addDays(dataAsOf, 5) },
      { list: 'overdue' },
      ...OVERDUE_BUCKETS.map((bucket) => ({ list: 'overdue' as const, bucket })),
      { list: 'handover' },
      { list: 'litigation' },
    ];
    const away = Number((await sql<{ n: number }>`select count(*) as n from loan_handovers where returned_on is null`.execute(app.db)).rows[0]!.n);
    const stepped = Number((await sql<{ n: number }>`select count(distinct loan_id) as n from legal_steps`.execute(app.db)).rows[0]!.n);
    expect(away).toBeGreaterThan(10);
    expect(stepped).toBeGreaterThan(5);
    let nonEmpty = 0;
    for (const list of lists) {
      for (const filter of filters) {
        const query = { ...list, ...filter };
        const want = await direct(query);
        const got: WorklistPage = await call('worklists.list', { query, limit: 5000 });
        const label = JSON.stringify(query);
        expect(got.count, label).toBe(want.loanNos.length);
        expect(got.balanceFen, label).toBe(want.balanceFen);
        expect(got.rows.map((r) => r.loanNo).sort(), label).toEqual(want.loanNos);
        if (want.loanNos.length > 0) nonEmpty++;
      }
    }
    // The generated branch reaches every list: the comparison is not of empty sets.
    expect(nonEmpty).toBeGreaterThan(lists.length * 6);
  });

  it('pages of 100 add up to the whole list, in its order, with no loan twice', async () => {
    for (const query of [{ list: 'overdue' }, { list: 'handover' }] as WorklistQuery[]) {
      const paged = await allPages(query);
      const whole: WorklistPage = await call('worklists.list', { query, limit: 5000 });
      expect(whole.count).toBeGreaterThan(100);
      expect(paged.rows.map((r) => r.loanNo)).toEqual(whole.rows.map((r) => r.loanNo));
      expect(new Set(paged.rows.map((r) => r.loanId)).size).toBe(whole.count);
      const days = whole.rows.map((r) => r.overdueDays);
      expect(days).toEqual([...days].sort((a, b) => b - a));
    }
  });

  it('sorts in the database by the column asked for', async () => {
    const page: WorklistPage = await call('worklists.list', { query: { list: 'overdue' }, sort: [{ colId: 'balanceFen', sort: 'desc' }], limit: 50 });
    const { rows } = await sql<{ balance_fen: number }>`select balance_fen from loans where status = 'active' and principal_overdue_days > 0 and id not in (select loan_id from loan_handovers where returned_on is null) order by balance_fen desc limit 50`.execute(app.db);
    expect(page.rows.map((r) => r.balanceFen)).toEqual(rows.map((r) => r.balance_fen));
  });

  it('exports the whole list to .xlsx with a 合计 row, and logs the export', async () => {
    const query: WorklistQuery = { list: 'handover' };
    const want = await direct(query);
    const file = await call('worklists.exportXlsx', { query });
    expect(file.fileName).toBe(`待移交风险资产部-${dataAsOf}.xlsx`);
    const wb = XLSX.read(Buffer.from(file.contentBase64, 'base64'));
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1, defval: null });
    const header = rows[2] as string[];
    const body = rows.slice(3, -1);
    expect(body.map((r) => r[header.indexOf('借据号')]).sort()).toEqual(want.loanNos);
    const total = rows[rows.length - 1];
    expect(total[0]).toBe('合计');
    expect(total[header.indexOf('余额(元)')]).toBe(want.balanceFen / 100);
    const log = await app.db.selectFrom('export_log').selectAll().where('kind', '=', 'worklist-xlsx').execute();
    expect(log).toMatchObject([{ rows: want.loanNos.length, actor_name: '管理员甲' }]);
  });
});
