/**
 * One export measured in a process of its own, so that its peak memory (maxRSS) is its own and
 * not the bench workspace's. Prints one line of JSON: { maxRssMb, startRssMb, bytes, rows, ms }
 * (ms: the export alone, the process's start and the database's opening not counted; startRssMb:
 * the process's RSS before the work, the app opened for the register).
 *
 *   tsx tests/bench/export-child.ts register <db> <out.xlsx>   the app's export of the whole book
 *   tsx tests/bench/export-child.ts anchor <rows.jsonl> <out.xlsx>   bare ExcelJS: the same rows, no database
 *   tsx tests/bench/export-child.ts dump <db> <rows.jsonl>     the rows' values for the anchor (not timed)
 */
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import ExcelJS from 'exceljs';
import { closeAppContext, createAppContext } from '../../electron/backend/app-context';
import { SYSTEM_ACTOR } from '../../electron/backend/changelog/actor';
import { writerAs } from '../../electron/backend/changelog/write-context';
import { ownConnectionSnapshot } from '../../electron/backend/export/read-snapshot';
import { exportRowsByIds, viewLoanIds } from '../../electron/backend/register/register-export-rows';
import { exportViewToFile } from '../../electron/backend/register/register-export';
import { REGISTER_SHEET_COLUMNS } from '../../electron/backend/register/village-register-workbook';
import { fenToYuanNumber } from '../../electron/shared/money';
import { maskResidentId } from '../../electron/shared/resident-id';
import type { RegisterQuery } from '../../electron/shared/api/register';

const BOOK: RegisterQuery = { includeSettled: false, sort: [], filter: {} };
const mb = (kb: number) => Math.round(kb / 1024);

async function register(db: string, out: string): Promise<{ rows: number; ms: number; startRssMb: number }> {
  const app = await createAppContext(db);
  // The export's own figure starts here: node, tsx and the app opened as the user's app would be.
  const startRssMb = mb(process.resourceUsage().maxRSS);
  try {
    const start = performance.now();
    const file = await exportViewToFile(app.db, writerAs(app.db as never, SYSTEM_ACTOR), BOOK, true, null, { snapshot: ownConnectionSnapshot(db) });
    // The stored download is the file the user gets: keep a copy where the bench looks.
    const { downloadPart } = await import('../../electron/backend/export/stored-downloads');
    const sink = createWriteStream(out);
    for (let offset = 0, done = false; !done; ) {
      const part = await downloadPart(file.downloadId, offset, null);
      const bytes = Buffer.from(part.contentBase64, 'base64');
      sink.write(bytes);
      offset += bytes.length;
      done = part.done;
    }
    await new Promise<void>((resolve) => sink.end(() => resolve()));
    return { rows: file.loans, ms: performance.now() - start, startRssMb };
  } finally {
    await closeAppContext(app);
  }
}

/** Every row's 20 values as the register's sheet gets them (money in fen, dates as text), one JSON array a line. */
async function dump(db: string, out: string): Promise<{ rows: number; ms: number }> {
  const start = performance.now();
  const app = await createAppContext(db);
  const sink = createWriteStream(out);
  let rows = 0;
  try {
    const ids = await viewLoanIds(app.db, BOOK);
    let seq = 0;
    let last = '';
    for (let from = 0; from < ids.length; from += 5000) {
      for (const r of await exportRowsByIds(app.db, ids.slice(from, from + 5000))) {
        if (r.borrowerId !== last) seq++;
        last = r.borrowerId;
        const phones = r.phones ? r.phones.split(' / ').filter(Boolean).join('、') : '';
        const values = [seq, r.name, maskResidentId(r.residentId ?? ''), phones, r.address, r.whereabouts, r.contactName, r.contactPhone, r.notes,
          r.managerName ?? '', r.loanNo, r.product, r.guaranteeType, r.disbursedOn, r.maturityOn, r.contractAmountFen, r.balanceFen,
          r.principalOverdueDays, r.interestOwedFen, r.riskClass];
        if (!sink.write(`${JSON.stringify(values)}\n`)) await new Promise<void>((resolve) => sink.once('drain', () => resolve()));
        rows++;
      }
    }
  } finally {
    await new Promise<void>((resolve) => sink.end(() => resolve()));
    await closeAppContext(app);
  }
  return { rows, ms: performance.now() - start };
}

/** The bare write: ExcelJS's streaming writer, the same columns, formats and values, read from a file. */
async function anchor(jsonl: string, out: string): Promise<{ rows: number; ms: number }> {
  const start = performance.now();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: true, useSharedStrings: false });
  const sheet = book.addWorksheet('全部村', { views: [{ state: 'frozen', ySplit: 3 }] });
  sheet.columns = REGISTER_SHEET_COLUMNS.map((c) => ({ width: c.width }));
  const money = { numFmt: '#,##0.00' } as ExcelJS.Style;
  const date = { numFmt: 'yyyy-mm-dd' } as ExcelJS.Style;
  sheet.getRow(1).getCell(1).value = '贷款清册';
  sheet.getRow(1).commit();
  sheet.getRow(2).commit();
  const header = sheet.getRow(3);
  REGISTER_SHEET_COLUMNS.forEach((c, i) => (header.getCell(i + 1).value = c.label));
  header.commit();
  let r = 4;
  for await (const line of createInterface({ input: createReadStream(jsonl), crlfDelay: Infinity })) {
    const values = JSON.parse(line) as Array<string | number | null>;
    const row = sheet.getRow(r++);
    for (let c = 0; c < values.length; c++) {
      const v = values[c];
      if (v === null || v === '') continue;
      const cell = row.getCell(c + 1);
      const kind = REGISTER_SHEET_COLUMNS[c].kind;
      if (kind === 'money') {
        cell.value = fenToYuanNumber(Number(v));
        cell.style = money;
      } else if (kind === 'date') {
        cell.value = Date.parse(`${v}T00:00:00Z`) / 86_400_000 + 25_569;
        cell.style = date;
      } else cell.value = v;
    }
    row.commit();
  }
  sheet.autoFilter = { from: { row: 3, column: 1 }, to: { row: r - 1, column: REGISTER_SHEET_COLUMNS.length } };
  sheet.commit();
  await book.commit();
  return { rows: r - 4, ms: performance.now() - start };
}

const [mode, input, out] = process.argv.slice(2);
const startRssMb = mb(process.resourceUsage().maxRSS);
let source = input;
if (mode === 'register') {
  // The export writes its log entry: into a copy, so the shared demo database stays as generated.
  source = `${out}.sqlite`;
  await copyFile(input, source);
}
const result = mode === 'register' ? await register(source, out) : mode === 'anchor' ? await anchor(input, out) : await dump(input, out);
process.stdout.write(`${JSON.stringify({ maxRssMb: mb(process.resourceUsage().maxRSS), startRssMb, bytes: statSync(out).size, ...result })}\n`);
