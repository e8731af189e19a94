import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeAppContext, type AppContext } from '../../../electron/backend/app-context';
import { ImportStage } from '../../../electron/backend/import/import-stage';
import { parseImportFile } from '../../../electron/backend/import/parse/parse-import-file';
import { parseImportFileIn } from '../../../electron/backend/import/parse/parse-in-worker';
import { prepareImport, type ImportOptions } from '../../../electron/backend/import/run-import';
import { stagingPays } from '../../../electron/backend/import/set-plan';
import { bundledParseWorker } from '../../helpers/parse-worker-bundle';
import { csvBytes } from '../../helpers/sample-files';
import { signedInApp, type Call } from '../../helpers/signed-in-app';
import { makeTempDir } from '../../helpers/temp-dir';
import { datedSample, parsedCsv, repeatedSample } from '../../helpers/import-csv';

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
const NOV: ImportOptions = { asOf: '2026-11-30', fullExport: true };
async function importLines(lines: string[], opts: ImportOptions) {
  const preview = await call('imports.preview', { fileName: 'export.csv', contentBase64: csvBytes(lines).toString('base64'), fullExport: opts.fullExport });
  return call('imports.commit', { previewId: preview.previewId, asOf: opts.asOf, fullExport: opts.fullExport, confirmSettle: true });
}

const tempTables = async () => (await sql<{ name: string }>`select name from sqlite_temp_master where type = 'table'`.execute(app.db)).rows.map((r) => r.name);

describe('the file’s date before its loans (onHead), and a stage taken only when the plan will read it', () => {
  it('onHead gives the file’s as-of date once, before the first batch of loans, on this thread and from the worker', async () => {
    const bytes = csvBytes(repeatedSample('2026-10-31'));
    const events: string[] = [];
    const here = await parseImportFile(bytes, 'export.csv', { onHead: ({ asOf }) => events.push(`head ${asOf}`), onLoans: (b) => void events.push(`loans ${b.length}`) });
    expect(here.kind).toBe('parsed');
    expect(events[0]).toBe('head 2026-10-31');
    expect(events.filter((e) => e.startsWith('head'))).toHaveLength(1);
    expect(events.length).toBeGreaterThan(2);

    // From the worker (posted before the loans), on a file of one batch: the same events as on this thread.
    const small = csvBytes(datedSample('2026-10-31'));
    const onThread: string[] = [];
    await parseImportFile(small, 'export.csv', { onHead: ({ asOf }) => onThread.push(`head ${asOf}`), onLoans: (b) => void onThread.push(`loans ${b.length}`) });
    const worker = await bundledParseWorker();
    try {
      const fromWorker: string[] = [];
      await parseImportFileIn(worker.url, small, 'export.csv', { onHead: ({ asOf }) => fromWorker.push(`head ${asOf}`), onLoans: (b) => void fromWorker.push(`loans ${b.length}`) });
      expect(fromWorker).toEqual(onThread);
      expect(fromWorker[0]).toBe('head 2026-10-31');
    } finally {
      worker.remove();
    }
    const undated = await parseImportFile(csvBytes(datedSample('2026-10-31').slice(1)), 'export.csv', { onHead: ({ asOf }) => events.push(`undated ${asOf}`) });
    expect(undated.kind).toBe('parsed');
    expect(events.at(-1)).toBe('undated null');
  });

  it('stagingPays: only for a date the register has snapshots of', async () => {
    expect(await stagingPays(app.db, OCT.asOf)).toBe(false); // an empty register
    await importLines(datedSample(OCT.asOf), OCT);
    expect(await stagingPays(app.db, OCT.asOf)).toBe(true); // the same file again
    expect(await stagingPays(app.db, NOV.asOf)).toBe(false); // next month's
    expect(await stagingPays(app.db, null)).toBe(false); // no date yet: the preview plans nothing
  });

  it('a stage told not to stage holds nothing, and a plan from it is the plan without it (it stages the file itself)', async () => {
    await importLines(datedSample(OCT.asOf), OCT);
    const file = await parsedCsv(datedSample(OCT.asOf));
    const skipped = await ImportStage.create(app.db);
    skipped.onlyIf(Promise.resolve(false));
    for (let i = 0; i < file.loans.length; i += 50) skipped.add(file.loans.slice(i, i + 50));
    await skipped.settled();
    expect(skipped.rows).toBe(0);
    expect((await sql<{ n: number }>`select count(*) as n from ${sql.table(`temp.${skipped.table}`)}`.execute(app.db)).rows[0].n).toBe(0);
    const fromSkipped = await prepareImport(app.db, file, OCT, skipped, 'set');
    const staged = await ImportStage.of(app.db, file.loans);
    const fromStaged = await prepareImport(app.db, file, OCT, staged, 'set');
    const alone = await prepareImport(app.db, file, OCT, undefined, 'set');
    expect(fromSkipped.plan).toEqual({ ...alone.plan });
    expect(fromStaged.plan.unchangedLoans).toBe(alone.plan.unchangedLoans);
    expect(fromSkipped.plan.unchangedLoans).toBe(file.loans.length);
    await skipped.drop();
    await staged.drop();

    const wanted = await ImportStage.create(app.db);
    wanted.onlyIf(Promise.resolve(true));
    wanted.add(file.loans);
    await wanted.settled();
    expect(wanted.rows).toBe(file.loans.length);
    await wanted.drop();
    expect(await tempTables()).toEqual([]);
  });

  it('a decision that fails is the stage’s failure; onlyIf after a batch is a mistake', async () => {
    const file = await parsedCsv(datedSample(OCT.asOf));
    const failing = await ImportStage.create(app.db);
    failing.onlyIf(Promise.reject(new Error('no decision')));
    failing.add(file.loans);
    await expect(failing.settled()).rejects.toThrow('no decision');
    expect(() => failing.onlyIf(Promise.resolve(true))).toThrow(/after the first batch/);
    await failing.drop();
    expect(await tempTables()).toEqual([]);
  });

  it('through the app read in the worker: a first import, next month’s (not staged), the same file again (staged) — as the rules say', async () => {
    const worker = await bundledParseWorker();
    await closeAppContext(app);
    ({ app, call } = await signedInApp(tmp.file('ledger.sqlite'), { parseWorkerUrl: worker.url }));
    try {
      const first = await importLines(datedSample(OCT.asOf), OCT);
      expect(first.inserted).toBeGreaterThan(190);
      const next = await importLines(datedSample(NOV.asOf), NOV);
      expect(next).toMatchObject({ inserted: 0, settled: 0 });
      expect(next.updated + next.unchanged).toBe(first.inserted);
      expect(await sql<{ n: number }>`select count(*) as n from loan_snapshots where as_of = ${NOV.asOf}`.execute(app.db)).toMatchObject({ rows: [{ n: first.inserted }] });
      const again = await importLines(datedSample(NOV.asOf), NOV);
      expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: first.inserted });
      expect(await tempTables()).toEqual([]);
    } finally {
      worker.remove();
    }
  });
});
