import { existsSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppContext, type AppContext } from '../../../electron/backend/app-context';
import { liveDownloadFiles } from '../../../electron/backend/export/stored-downloads';
import { dispatch } from '../../../electron/backend/rpc/dispatch';
import type { CallEvent } from '../../../electron/shared/api/calls';
import { loanCsv } from '../../helpers/loan-csv';
import { SAMPLE } from '../../helpers/sample-files';
import { signedInApp, signInAs, type Call } from '../../helpers/signed-in-app';
import { makeTempDir } from '../../helpers/temp-dir';

/**
 * The register's .xlsx as an Excel user opens it (dates as dates, the header frozen, an
 * autofilter, 合计 that follows the filter) and as the app hands it over (a kept file fetched in
 * parts, with progress and cancel), on the sample file plus one village of 6,000 loans.
 */
let tmp: ReturnType<typeof makeTempDir>;
let app: AppContext;
let token: string;
let call: Call;
let village: { id: string; name: string };
let bigVillage: string;

beforeAll(async () => {
  tmp = makeTempDir();
  ({ app, call, token } = await signedInApp(tmp.file('ledger.sqlite')));
  const sample = await call('imports.preview', { fileName: 'a.xlsx', contentBase64: readFileSync(SAMPLE.xlsx).toString('base64') });
  await call('imports.commit', { previewId: sample.previewId, asOf: '2026-10-31', fullExport: true });
  village = await app.db.selectFrom('villages').select(['id', 'name']).where('name', '=', '刘家会村').executeTakeFirstOrThrow();
  // A second file that is not a full export: the sample's loans stay.
  const big = await call('imports.preview', { fileName: 'b.csv', contentBase64: loanCsv(6000).toString('base64') });
  await call('imports.commit', { previewId: big.previewId, asOf: '2026-10-31', fullExport: false });
  bigVillage = (await app.db.selectFrom('villages').select('id').where('name', '=', '城庄村').executeTakeFirstOrThrow()).id;
}, 60_000);

afterAll(async () => {
  await closeAppContext(app);
  tmp.cleanup();
});

/** A kept download fetched part by part, as the renderer does. */
async function fetchParts(c: Call, downloadId: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let offset = 0, done = false; !done; ) {
    const part = await c('register.downloadPart', { downloadId, offset });
    parts.push(Buffer.from(part.contentBase64, 'base64'));
    offset += parts.at(-1)!.length;
    done = part.done;
  }
  return Buffer.concat(parts);
}

async function openSheet(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.worksheets[0];
}

const exportLogCount = async () => (await app.db.selectFrom('export_log').select('id').execute()).length;

describe('the exported register sheet', () => {
  it('has dates as Excel dates (yyyy-mm-dd), the header frozen, an autofilter over the loans and 合计 as SUBTOTAL with the exact sums', async () => {
    const file = await call('register.exportXlsxFile', { villageId: village.id });
    expect(file).toMatchObject({ fileName: '刘家会村贷款清册.xlsx', loans: 19 });
    const ws = await openSheet(await fetchParts(call, file.downloadId));
    const header = (ws.getRow(3).values as string[]).slice(1);
    const col = (label: string) => header.indexOf(label) + 1;

    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.autoFilter).toBe(`A3:T${3 + 19}`);
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:T1', 'A2:T2']));

    const grid = await call('register.loans', { villageId: village.id, offset: 0, limit: 500 });
    for (let i = 0; i < 19; i++) {
      const row = ws.getRow(4 + i);
      const loan = grid.rows[i];
      expect(row.getCell(col('借据号')).value).toBe(loan.loanNo);
      for (const [label, date] of [['放款日', loan.disbursedOn], ['到期日', loan.maturityOn]] as const) {
        const cell = row.getCell(col(label));
        if (date === null) expect(cell.value).toBeNull();
        else {
          expect(cell.value).toEqual(new Date(`${date}T00:00:00Z`));
          expect(cell.numFmt).toBe('yyyy-mm-dd');
        }
      }
      expect(row.getCell(col('余额(元)')).value).toBe(loan.balanceFen / 100);
      expect(row.getCell(col('余额(元)')).numFmt).toBe('#,##0.00');
    }

    const totals = ws.getRow(3 + 19 + 1);
    expect(totals.getCell(1).value).toBe('合计');
    for (const [label, key] of [['合同金额(元)', 'contractAmountFen'], ['余额(元)', 'balanceFen'], ['欠息(元)', 'interestOwedFen']] as const) {
      const cell = totals.getCell(col(label));
      const letter = ws.getColumn(col(label)).letter;
      expect(cell.value).toEqual({ formula: `SUBTOTAL(109,${letter}4:${letter}22)`, result: grid[key] / 100 });
      expect(cell.numFmt).toBe('#,##0.00');
    }
  });

  it('is the same sheet whether handed over in parts or in one answer, and each export is logged once', async () => {
    const before = await exportLogCount();
    const kept = await call('register.exportXlsxFile', { villageId: village.id });
    const inline = await call('register.exportXlsx', { villageId: village.id });
    const [a, b] = await Promise.all([openSheet(await fetchParts(call, kept.downloadId)), openSheet(Buffer.from(inline.contentBase64, 'base64'))]);
    const values = (ws: ExcelJS.Worksheet) => ws.getSheetValues().slice(3).map((r) => JSON.stringify(r));
    expect(values(a)).toEqual(values(b));
    expect(await exportLogCount()).toBe(before + 2);
  });

  it('writes the whole book in the grid’s order, sorted and filtered as the grid is', async () => {
    const views = [{}, { sort: [{ colId: 'balanceFen', sort: 'desc' }] }, { sort: [{ colId: 'name', sort: 'asc' }], filter: { riskClass: { filterType: 'text', type: 'equals', filter: '正常' } } }];
    for (const view of views) {
      const grid = await call('register.loans', { ...view, offset: 0, limit: 500 });
      const gridNos: string[] = grid.rows.map((r: { loanNo: string }) => r.loanNo);
      for (let offset = 500; offset < grid.total; offset += 500) {
        gridNos.push(...(await call('register.loans', { ...view, offset, limit: 500 })).rows.map((r: { loanNo: string }) => r.loanNo));
      }
      const file = await call('register.exportXlsxFile', view);
      const ws = await openSheet(await fetchParts(call, file.downloadId));
      const col = (ws.getRow(3).values as string[]).indexOf('借据号');
      const sheetNos: string[] = [];
      ws.eachRow((row, n) => {
        if (n > 3 && n <= 3 + grid.total) sheetNos.push(String(row.getCell(col).value));
      });
      expect(sheetNos, JSON.stringify(view)).toEqual(gridNos);
    }
  }, 60_000);

  it('writes full resident IDs for the branch head, masked ones otherwise', async () => {
    const idCol = async (maskIds: boolean) => {
      const file = await call('register.exportXlsxFile', { villageId: village.id, maskIds });
      const ws = await openSheet(await fetchParts(call, file.downloadId));
      return String(ws.getRow(4).getCell(3).value);
    };
    expect(await idCol(true)).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
    expect(await idCol(false)).toMatch(/^\d{17}[\dX]$/);
  });
});

describe('handing the file over', () => {
  it('gives a kept file only to the session that made it, and removes it after its last part', async () => {
    await call('staff.create', { displayName: '内勤丁', role: 'clerk', username: 'clerk9', password: 'pass-word-1' });
    const other = await signInAs(app, 'clerk9');
    const file = await call('register.exportXlsxFile', { villageId: village.id });
    await expect(other('register.downloadPart', { downloadId: file.downloadId, offset: 0 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await fetchParts(call, file.downloadId);
    await expect(call('register.downloadPart', { downloadId: file.downloadId, offset: 0 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reports progress as pages are written, the last event naming every loan', async () => {
    const events: CallEvent[] = [];
    const result = await dispatch(app, 'register.exportXlsxFile', { villageId: bigVillage }, { token, callId: 'export-progress-1', sendEvent: (e) => events.push(e) });
    if (!result.ok) throw new Error(result.error.message);
    const { loans, downloadId } = result.value as { loans: number; downloadId: string };
    expect(loans).toBeGreaterThanOrEqual(6000);
    const progress = events.filter((e) => e.event === 'register.exportProgress').map((e) => e.payload as { done: number; total: number });
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual({ done: loans, total: loans });
    await fetchParts(call, downloadId);
  });

  it('stops when cancelled: CANCELLED, nothing logged, no file left behind', async () => {
    const logged = await exportLogCount();
    const filesBefore = liveDownloadFiles();
    let cancelled: Promise<unknown> | null = null;
    const result = await dispatch(app, 'register.exportXlsxFile', { villageId: bigVillage }, {
      token,
      callId: 'export-cancel-1',
      // Cancelled once the first page is written, as the user's 取消 would.
      sendEvent: () => void (cancelled ??= dispatch(app, 'calls.cancel', { callId: 'export-cancel-1' }, { token })),
    });
    expect(await cancelled).toEqual({ ok: true, value: { running: true } });
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(await exportLogCount()).toBe(logged);
    expect(liveDownloadFiles()).toEqual(filesBefore);
    expect(filesBefore.every((f) => existsSync(f))).toBe(true);
  });
});
