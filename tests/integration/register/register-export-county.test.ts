import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppContext, type AppContext } from '../../../electron/backend/app-context';
import { SYSTEM_ACTOR } from '../../../electron/backend/changelog/actor';
import { writerAs } from '../../../electron/backend/changelog/write-context';
import type { Db } from '../../../electron/backend/db/connection';
import { makeTempDir } from '../../helpers/temp-dir';
import { signedInApp, type Call } from '../../helpers/signed-in-app';

/**
 * Issue 13's test of the streaming export: a county's book (200k loans) exported through the
 * app's own path (register.exportXlsxFile, fetched in parts) opens in ExcelJS's reader with
 * every loan and the right total balance. The book is written in bulk, not by the demo generator.
 */
const LOANS = 200_000;
const LOANS_PER_HOUSEHOLD = 4; // households of 1 to 4 loans, 80k in all
const VILLAGES = 400;

let tmp: ReturnType<typeof makeTempDir>;
let app: AppContext;
let call: Call;
let expectedBalanceFen = 0;

/** Household h has 1 + h % 4 loans; loan amounts vary so that the sum checks every row. */
async function writeCountyBook(db: Db): Promise<number> {
  let total = 0;
  await writerAs(db, SYSTEM_ACTOR)(async (w) => {
    const [manager] = await w.insertBulk('staff', [{ username: 'mgr', display_name: '王经理', role: 'manager', password_hash: null, active: 1 }]);
    const villages = await w.insertBulk(
      'villages',
      Array.from({ length: VILLAGES }, (_, i) => ({ township: `乡镇${i % 20}`, name: `村${i}`, manager_id: manager })),
    );
    const households: number[] = [];
    for (let h = 0, n = 0; n < LOANS; h++) {
      const k = Math.min(1 + (h % LOANS_PER_HOUSEHOLD), LOANS - n);
      households.push(k);
      n += k;
    }
    const borrowers: string[] = [];
    for (let start = 0; start < households.length; start += 20_000) {
      const chunk = households.slice(start, start + 20_000).map((_, j) => {
        const h = start + j;
        return {
          customer_no: `C${String(h).padStart(7, '0')}`,
          resident_id: `14112${String(h).padStart(13, '0')}`,
          name: `户主${h}`,
          name_initials: 'hz',
          name_pinyin: `hu zhu ${h}`,
          gender: null,
          birth_date: null,
          village_id: villages[h % VILLAGES],
          address: `村${h % VILLAGES}${h}号`,
        };
      });
      borrowers.push(...(await w.insertBulk('borrowers', chunk)));
    }
    const loans: Array<{ borrower: string; n: number }> = [];
    households.forEach((k, h) => {
      for (let j = 0; j < k; j++) loans.push({ borrower: borrowers[h], n: loans.length });
    });
    for (let start = 0; start < loans.length; start += 20_000) {
      const chunk = loans.slice(start, start + 20_000).map(({ borrower, n }) => {
        const balance = 100_000 + ((n * 7919) % 9_000_000) + (n % 100);
        total += balance;
        return {
          loan_no: `L${String(n).padStart(9, '0')}`,
          borrower_id: borrower,
          contract_no: `HT${n}`,
          product: '农户小额信用贷款',
          guarantee_type: '信用',
          guarantors: '',
          disbursed_on: `2025-${String(1 + (n % 12)).padStart(2, '0')}-15`,
          maturity_on: '2027-06-30',
          contract_amount_fen: 10_000_000,
          balance_fen: balance,
          annual_rate_ppm: null,
          principal_overdue_days: n % 10 === 0 ? 30 : 0,
          interest_owed_fen: n % 10 === 0 ? 1234 : 0,
          interest_overdue_days: null,
          risk_class: '正常' as const,
          manager_id: manager,
          status: 'active' as const,
          settled_on: null,
        };
      });
      await w.insertBulk('loans', chunk);
    }
  });
  return total;
}

beforeAll(async () => {
  tmp = makeTempDir();
  ({ app, call } = await signedInApp(tmp.file('county.sqlite')));
  expectedBalanceFen = await writeCountyBook(app.db);
}, 120_000);

afterAll(async () => {
  await closeAppContext(app);
  tmp.cleanup();
});

describe('a county register (200k loans) exported as a stream', () => {
  it('opens in ExcelJS with every loan and the total balance', async () => {
    const file = await call('register.exportXlsxFile', {});
    expect(file).toMatchObject({ fileName: '全部村贷款清册.xlsx', loans: LOANS, households: 80_000 });

    const out = tmp.file('county.xlsx');
    const sink = createWriteStream(out);
    for (let offset = 0, done = false; !done; ) {
      const part = await call('register.downloadPart', { downloadId: file.downloadId, offset });
      const bytes = Buffer.from(part.contentBase64, 'base64');
      sink.write(bytes);
      offset += bytes.length;
      done = part.done;
    }
    await new Promise<void>((resolve) => sink.end(() => resolve()));

    let header: string[] = [];
    let loans = 0;
    let balanceFen = 0;
    let totalsRow: ExcelJS.CellValue[] | null = null;
    let firstDate: ExcelJS.CellValue = null;
    // Without styles a date is its serial number; the sheet's formats are checked on a village (register-export-sheet.test.ts).
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(out, { sharedStrings: 'cache', styles: 'ignore', worksheets: 'emit', hyperlinks: 'ignore', entries: 'ignore' });
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = row.values as ExcelJS.CellValue[];
        if (row.number === 3) header = values.slice(1).map(String);
        if (row.number <= 3) continue;
        if (values[1] === '合计') {
          totalsRow = values;
          continue;
        }
        loans++;
        balanceFen += Math.round(Number(values[1 + header.indexOf('余额(元)')]) * 100);
        firstDate ??= values[1 + header.indexOf('放款日')];
      }
    }
    expect(loans).toBe(LOANS);
    expect(balanceFen).toBe(expectedBalanceFen);
    const total = totalsRow![1 + header.indexOf('余额(元)')] as ExcelJS.CellFormulaValue;
    expect(total.formula).toBe(`SUBTOTAL(109,Q4:Q${3 + LOANS})`);
    expect(Math.round(Number(total.result) * 100)).toBe(expectedBalanceFen);
    expect(firstDate).toBe(Date.UTC(2025, 0, 15) / 86_400_000 + 25_569);
    // The last part removed the file.
    await expect(call('register.downloadPart', { downloadId: file.downloadId, offset: 0 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  }, 180_000);
});
