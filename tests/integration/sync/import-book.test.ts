import { describe, expect, it } from 'vitest';
import { closeAppContext } from '../../../electron/backend/app-context';
import { changedRows } from '../../../electron/backend/sync/changed-rows';
import { perTest } from '../../helpers/per-test';
import { signedInApp, type Call } from '../../helpers/signed-in-app';

const t = perTest(async (file) => {
  const { app, call } = await signedInApp(file);
  return { app, call: call as Call, close: () => closeAppContext(app) };
});

interface Loan {
  loanNo: string;
  balanceYuan: number;
  overdueDays: number;
}

const HEADER = '客户编号,借款人姓名,身份证号,住址,借据号,合同编号,产品名称,担保类型,放款日,到期日,合同金额,余额,本金逾期天数,欠息,客户经理';

async function importBook(asOf: string, loans: readonly Loan[]): Promise<void> {
  const lines = loans.map((l, i) => `C${i + 1},借款人${i + 1},,临县白文镇城庄村1组,${l.loanNo},HT-${l.loanNo},农户小额信用贷款,信用,2025-01-10,2028-12-31,50000,${l.balanceYuan},${l.overdueDays},0,王经理`);
  const text = '\ufeff' + [HEADER, ...lines].join('\r\n');
  const preview = await t.call('imports.preview', { fileName: `book-${asOf}.csv`, contentBase64: Buffer.from(text, 'utf8').toString('base64') });
  await t.call('imports.commit', { previewId: preview.previewId, asOf, fullExport: true, confirmSettle: true });
}

/** Forty loans whose overdue days fall in every bucket and on each bucket's edges; balances in yuan with fen. */
const EDGES = [0, 0, 1, 30, 31, 90, 91, 180, 181, 360, 361, 1200];
const first: Loan[] = Array.from({ length: 40 }, (_, i) => ({ loanNo: `B${String(i + 1).padStart(3, '0')}`, balanceYuan: 1000 + i * 137.25, overdueDays: EDGES[i % EDGES.length] + (i >= 24 ? 2 : 0) }));
// Ten days on: five loans paid off (absent from the full export), the others ten days further overdue when they were.
const second: Loan[] = first.slice(5).map((l) => ({ ...l, overdueDays: l.overdueDays > 0 ? l.overdueDays + 10 : 0, balanceYuan: l.balanceYuan - 100 }));

/** The book as head office should read it, counted here from the loans imported, not from the database. */
function expectedBook(loans: readonly Loan[]) {
  const fen = (l: Loan) => Math.round(l.balanceYuan * 100);
  const ranges: Array<[string, number, number]> = [
    ['1-30', 1, 30],
    ['31-90', 31, 90],
    ['91-180', 91, 180],
    ['181-360', 181, 360],
    ['361+', 361, Infinity],
  ];
  const overdue = loans.filter((l) => l.overdueDays > 0);
  const sum = (ls: readonly Loan[]) => ls.reduce((s, l) => s + fen(l), 0);
  return {
    loans: loans.length,
    balanceFen: sum(loans),
    overdueLoans: overdue.length,
    overdueBalanceFen: sum(overdue),
    buckets: Object.fromEntries(
      ranges.map(([name, min, max]) => {
        const inside = overdue.filter((l) => l.overdueDays >= min && l.overdueDays <= max);
        return [name, { loans: inside.length, balanceFen: sum(inside) }];
      }),
    ),
  };
}

describe('imports in a sync package', () => {
  it('carry the book on their as-of date: active loans and balance, overdue, and the overdue buckets', async () => {
    await importBook('2026-11-20', first);
    const afterFirst = (await changedRows(t.app.db, 'branch', 0)).upToSeq;
    await importBook('2026-11-30', second);

    const images = (await changedRows(t.app.db, 'branch', 0)).tables.find((x) => x.table === 'imports')!.rows as Array<Record<string, unknown>>;
    const byDate = Object.fromEntries(images.map((r) => [r.as_of as string, r]));
    expect(Object.keys(byDate).sort()).toEqual(['2026-11-20', '2026-11-30']);
    expect(byDate['2026-11-20'].book).toEqual(expectedBook(first));
    expect(byDate['2026-11-30'].book).toEqual(expectedBook(second));
    // Every bucket is used, and the five paid-off loans left the second book.
    expect(Object.values(expectedBook(first).buckets).every((b) => b.loans > 0)).toBe(true);
    expect((byDate['2026-11-30'].book as { loans: number }).loans).toBe(35);
    // The rest of the image as before: the counts travel, rejected rows and warnings stay here.
    expect(byDate['2026-11-30']).toMatchObject({ accepted: 35, settled: 5 });
    expect(byDate['2026-11-30']).not.toHaveProperty('rejected_json');

    // A delta carries only the newer import, with its own book.
    const delta = (await changedRows(t.app.db, 'branch', afterFirst)).tables.find((x) => x.table === 'imports')!.rows;
    expect(delta.map((r) => (r as Record<string, unknown>).as_of)).toEqual(['2026-11-30']);
    expect((delta[0] as Record<string, unknown>).book).toEqual(expectedBook(second));
  });
});
