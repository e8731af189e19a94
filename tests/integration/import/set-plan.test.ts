import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeAppContext, type AppContext } from '../../../electron/backend/app-context';
import { SYSTEM_ACTOR } from '../../../electron/backend/changelog/actor';
import { writerAs } from '../../../electron/backend/changelog/write-context';
import { parseImportFile } from '../../../electron/backend/import/parse/parse-import-file';
import type { ParsedFile } from '../../../electron/backend/import/parsed-file';
import type { ImportPlan } from '../../../electron/backend/import/plan-import';
import { prepareImport, type ImportOptions } from '../../../electron/backend/import/run-import';
import { bundledParseWorker } from '../../helpers/parse-worker-bundle';
import { csvBytes, sampleCsvLines } from '../../helpers/sample-files';
import { signedInApp, type Call } from '../../helpers/signed-in-app';
import { makeTempDir } from '../../helpers/temp-dir';

let tmp: ReturnType<typeof makeTempDir>;
let app: AppContext;
let call: Call;

beforeEach(async () => {
  tmp = makeTempDir();
  ({ app, call } = await signedInApp(tmp.file('ledger.sqlite')));
});
afterEach(async () => {
  await closeAppContext(app);
  tmp.cleanup();
});

const OCT: ImportOptions = { asOf: '2026-10-31', fullExport: true };
const lines = () => sampleCsvLines().filter((l) => l !== '');
/** The sample's data lines as fields (it has no quoted commas but in the balance, kept whole). */
const split = (line: string) => line.match(/("[^"]*"|[^,]*)(,|$)/g)!.map((f) => f.replace(/,$/, ''));
const join = (fields: string[]) => fields.join(',');
const F = { customerNo: 2, name: 3, id: 4, phone: 5, address: 6, loanNo: 7, balance: 14, overdueDays: 16, interest: 17, manager: 19 };

async function parsed(fileLines: string[]): Promise<ParsedFile> {
  const outcome = await parseImportFile(csvBytes(fileLines), 'export.csv');
  if (outcome.kind !== 'parsed') throw new Error('sample not recognised');
  return outcome.file;
}

async function importLines(fileLines: string[], opts: ImportOptions = OCT) {
  const preview = await call('imports.preview', { fileName: 'export.csv', contentBase64: csvBytes(fileLines).toString('base64'), asOf: opts.asOf, fullExport: opts.fullExport });
  return call('imports.commit', { previewId: preview.previewId, asOf: opts.asOf, fullExport: opts.fullExport, confirmSettle: true });
}

/** A plan with its random ids (new staff, names, phones, assignments) numbered in order of appearance, and no import id. */
function comparable(plan: ImportPlan): unknown {
  const random = new Map<string, string>();
  for (const r of [...plan.managers, ...plan.managerNames, ...plan.phoneInserts, ...plan.assignmentInserts]) random.set(r.id, `new#${random.size}`);
  return JSON.parse(JSON.stringify(plan, (key, value) => (key === 'import_id' ? undefined : typeof value === 'string' && random.has(value) ? random.get(value) : value)));
}

/** Both ways of reading the register give the same plan; the set compare was the one taken. */
async function expectSamePlans(file: ParsedFile, opts: ImportOptions = OCT): Promise<ImportPlan> {
  const byMaps = await prepareImport(app.db, file, opts, undefined, 'maps');
  const bySet = await prepareImport(app.db, file, opts, undefined, 'set');
  expect(bySet.planner).toBe('set');
  expect(comparable(bySet.plan)).toEqual(comparable(byMaps.plan));
  const auto = await prepareImport(app.db, file, opts);
  expect(comparable(auto.plan)).toEqual(comparable(byMaps.plan));
  return bySet.plan;
}

const tempTables = async () => (await sql<{ name: string }>`select name from sqlite_temp_master where type = 'table'`.execute(app.db)).rows.map((r) => r.name);

describe('planning by set (SQLite compares the staged file) and by maps (JS) agree', () => {
  it('on the same export again, and on a corrected export of the same day', async () => {
    const sample = lines();
    await importLines(sample);
    const again = await expectSamePlans(await parsed(sample));
    expect(again.unchangedLoans).toBeGreaterThan(190);

    const corrected = sample.map((line, i) => {
      if (i === 0) return line;
      const f = split(line);
      if (i === 3) f[F.balance] = '1.00';
      if (i === 5) f[F.phone] = '13900000005';
      if (i === 7) f[F.address] = f[F.address].replace(/\d组$/, '9组'); // same village, another group
      if (i === 8) f[F.address] = '临县林家坪镇新村1组'; // a village the register does not have
      if (i === 9) f[F.manager] = '新来的经理';
      if (i === 11) f[F.overdueDays] = '15';
      if (i === 13) f[F.customerNo] = '';
      if (i === 15) f[F.id] = f[F.id].slice(0, 6) + f[F.id].slice(8, 17); // the older 15-digit form
      if (i === 17) f[F.name] = '改了名';
      return join(f);
    });
    // Two loans gone (settled by a full export), one new.
    const extra = split(sample[20]);
    extra[F.loanNo] = '99999000001';
    extra[F.customerNo] = 'C999001';
    const file = await parsed([...corrected.filter((_, i) => i !== 30 && i !== 31), join(extra)]);
    const plan = await expectSamePlans(file);
    expect(plan.loanUpdates.length).toBeGreaterThan(0);
    expect(plan.loanInserts).toHaveLength(1);
    // The loans it leaves out have a snapshot of that day: a same-day export settles none; a later one does.
    expect(plan.settle).toEqual([]);
    const later = await expectSamePlans(file, { ...OCT, asOf: '2026-11-30' });
    expect(later.settle).toHaveLength(2);
    expect(later.assignmentEnds.length).toBeGreaterThan(0);
    expect(await expectSamePlans(file, { ...OCT, asOf: '2026-11-30', fullExport: false })).toMatchObject({ settle: [] });
  });

  it('when staff changed the register: a corrected phone, managers reassigned by the file (import_overwrites_assignment)', async () => {
    const sample = lines();
    await importLines(sample);
    const phone = (await sql<{ id: string; phone: string }>`select id, phone from borrower_phones order by rowid limit 1`.execute(app.db)).rows[0];
    await writerAs(app.db, SYSTEM_ACTOR)(async (w) => {
      const before = await w.trx.selectFrom('borrower_phones').selectAll().where('id', '=', phone.id).executeTakeFirstOrThrow();
      await w.update('borrower_phones', before, { phone: '13811112222' });
      await w.setSetting('import_overwrites_assignment', '1');
    });
    const reassigned = sample.map((line, i) => {
      if (i === 0 || i % 4 !== 0) return line;
      const f = split(line);
      f[F.manager] = i % 8 === 0 ? '' : split(sample[1])[F.manager];
      return join(f);
    });
    await expectSamePlans(await parsed(sample));
    await expectSamePlans(await parsed(reassigned));
  });

  it('for a file without some columns (the register keeps what it knows of them)', async () => {
    const sample = lines();
    await importLines(sample);
    const without = sample.map((line) => join(split(line).filter((_, c) => c !== F.interest && c !== F.manager)));
    const plan = await expectSamePlans(await parsed(without));
    expect(plan.unchangedLoans).toBeGreaterThan(190);
  });

  it('leaves no staged rows behind: after a preview, a refused file, or planning in a commit', async () => {
    const sample = lines();
    await importLines(sample);
    expect(await tempTables()).toEqual([]);
    const preview = await call('imports.preview', { fileName: 'a.csv', contentBase64: csvBytes(sample).toString('base64'), asOf: OCT.asOf, fullExport: true });
    expect(preview.counts).toMatchObject({ inserted: 0, updated: 0 });
    expect(await tempTables()).toEqual([]);

    // Cut in its last line (no line break, fewer fields than the header): refused at the end of the read.
    const cut = csvBytes([...sample.slice(0, -1), split(sample.at(-1)!).slice(0, 10).join(',')]);
    await expect(call('imports.preview', { fileName: 'cut.csv', contentBase64: cut.subarray(0, cut.length).toString('base64'), asOf: OCT.asOf, fullExport: true })).rejects.toMatchObject({
      code: 'UNREADABLE_FILE',
    });
    expect(await tempTables()).toEqual([]);

    // A total that does not match the rows: refused too.
    const badTotal = [...sample, '合计,,,,,,,,,,,,,,1.00'];
    await expect(call('imports.preview', { fileName: 'total.csv', contentBase64: csvBytes(badTotal).toString('base64'), asOf: OCT.asOf, fullExport: true })).rejects.toMatchObject({ code: 'TOTALS_MISMATCH' });
    expect(await tempTables()).toEqual([]);

    // A commit whose preview's plan no longer holds plans again inside its transaction, staging there.
    const stale = await call('imports.preview', { fileName: 'a.csv', contentBase64: csvBytes(sample).toString('base64'), asOf: OCT.asOf, fullExport: true });
    await writerAs(app.db, SYSTEM_ACTOR)((w) => w.setSetting('import_overwrites_assignment', '1'));
    expect(await call('imports.commit', { previewId: stale.previewId, asOf: OCT.asOf, fullExport: true })).toMatchObject({ inserted: 0, updated: 0 });
    expect(await tempTables()).toEqual([]);
  });

  it('stages a file read in the worker while it is read, and plans from the stage (the same export again)', async () => {
    const worker = await bundledParseWorker();
    await closeAppContext(app);
    ({ app, call } = await signedInApp(tmp.file('ledger.sqlite'), { parseWorkerUrl: worker.url }));
    try {
      // More rows than one batch, so that batches arrive while the file is still being read.
      const sample = lines();
      const many = [sample[0], ...Array.from({ length: 60 }, (_, k) => sample.slice(1).map((line) => {
        const f = split(line);
        f[F.loanNo] = `${f[F.loanNo]}${String(k).padStart(2, '0')}`;
        return join(f);
      })).flat()];
      const first = await importLines(many);
      const again = await importLines(many);
      expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: first.inserted });
      expect(await tempTables()).toEqual([]);
    } finally {
      worker.remove();
    }
  });
});
