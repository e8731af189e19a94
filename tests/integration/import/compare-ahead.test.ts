import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../electron/backend/changelog/actor';
import { writerAs } from '../../../electron/backend/changelog/write-context';
import { CompareAhead } from '../../../electron/backend/import/compare-ahead';
import { ImportStage } from '../../../electron/backend/import/import-stage';
import type { ParsedFile } from '../../../electron/backend/import/parsed-file';
import { previewStore } from '../../../electron/backend/import/preview-store';
import { prepareImport, type ImportOptions } from '../../../electron/backend/import/run-import';
import { csvBytes } from '../../helpers/sample-files';
import { ADMIN } from '../../helpers/signed-in-app';
import { importCsv, parsedCsv, repeatedSample, signedInForTest } from '../../helpers/import-csv';
import { perTest } from '../../helpers/per-test';

const t = perTest(signedInForTest);

const OCT: ImportOptions = { asOf: '2026-10-31', fullExport: true };
/** The sample's column of 本金逾期天数 (0-based). */
const OVERDUE_DAYS = 16;

/** A CSV line with field `index` replaced (quoted fields kept whole). */
function withField(line: string, index: number, value: string): string {
  const fields = line.match(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)!.map((f) => f.replace(/,$/, ''));
  fields[index] = value;
  return fields.slice(0, -1).join(',');
}

/** A stage filled batch by batch as a parse fills it, compared ahead as of `asOf`. */
async function stagedAhead(file: ParsedFile, asOf: string): Promise<ImportStage> {
  const stage = await ImportStage.create(t.app.db);
  stage.onlyIf(Promise.resolve(true));
  stage.compareAhead(CompareAhead.start(t.app.db, stage, asOf, file.layout));
  for (let i = 0; i < file.loans.length; i += 97) stage.add(file.loans.slice(i, i + 97));
  await stage.settled();
  return stage;
}

describe('the set compare run while the file is read (compare-ahead.ts)', () => {
  it('a preview of a file imported before, with a few rows changed, plans from it, and the plan is the one a whole compare makes', async () => {
    await importCsv(t.call, repeatedSample(OCT.asOf), OCT);
    // Three loans' 逾期天数 differ, in rows of different batches.
    const before = repeatedSample(OCT.asOf);
    const lines = before.map((line, i) => (i === 5 || i === 200 || i === 401 ? withField(line, OVERDUE_DAYS, '400') : line));
    const changed = lines.filter((l, i) => l !== before[i]).length;
    expect(changed).toBe(3);
    const preview = await t.call('imports.preview', { fileName: 'export.csv', contentBase64: csvBytes(lines).toString('base64'), asOf: OCT.asOf, fullExport: true });
    const entry = previewStore(t.app).get(preview.previewId, (await t.app.db.selectFrom('staff').select('id').where('username', '=', ADMIN.username).executeTakeFirstOrThrow()).id);
    if (!entry || entry.kind !== 'parsed' || !entry.prepared) throw new Error('no prepared preview');
    expect(entry.prepared.comparedAhead).toBe(true);
    expect(entry.prepared.planner).toBe('set');

    const whole = await prepareImport(t.app.db, entry.file, OCT, undefined, 'set');
    expect(whole.comparedAhead).toBe(false);
    expect(entry.prepared.plan).toEqual({ ...whole.plan, snapshotUpdates: entry.prepared.plan.snapshotUpdates });
    expect(entry.prepared.plan.snapshotUpdates.map((u) => u.before.id)).toEqual(whole.plan.snapshotUpdates.map((u) => u.before.id));
    expect(preview.counts.unchanged).toBe(entry.file.loans.length - preview.counts.updated);
    expect(preview.counts.updated).toBe(changed);
  });

  it('a write to the register after the compare began sends the plan back to the whole compare, which sees the write', async () => {
    await importCsv(t.call, repeatedSample(OCT.asOf), OCT);
    const file = await parsedCsv(repeatedSample(OCT.asOf));
    const unchangedAll = await stagedAhead(file, OCT.asOf);
    const held = await prepareImport(t.app.db, file, OCT, unchangedAll, 'set');
    expect(held.comparedAhead).toBe(true);
    expect(held.plan.unchangedLoans).toBe(file.loans.length);
    await unchangedAll.drop();

    const stage = await stagedAhead(file, OCT.asOf);
    // Someone renames a borrower of the file after its rows were compared: the file now renames them back.
    const borrower = await t.app.db.selectFrom('borrowers').selectAll().where('customer_no', '=', file.loans[0].customerNo!).executeTakeFirstOrThrow();
    await writerAs(t.app.db, SYSTEM_ACTOR)((w) => w.updateMany('borrowers', [{ before: borrower, patch: { name: `${borrower.name}改` } }]));
    const replanned = await prepareImport(t.app.db, file, OCT, stage, 'set');
    expect(replanned.comparedAhead).toBe(false);
    expect(replanned.plan.borrowerUpdates.map((u) => [u.before.id, u.patch.name])).toEqual([[borrower.id, borrower.name]]);
    await stage.drop();
  });

  it('is not taken by a plan of another date, nor by a stage whose rows are not the file’s', async () => {
    await importCsv(t.call, repeatedSample(OCT.asOf), OCT);
    const file = await parsedCsv(repeatedSample(OCT.asOf));
    // Compared as of October, where every row is as the register has it; planned as of November,
    // of which the register has nothing: every row gets its November snapshot.
    const stage = await stagedAhead(file, OCT.asOf);
    const november = await prepareImport(t.app.db, file, { asOf: '2026-11-30', fullExport: true }, stage, 'set');
    expect(november.comparedAhead).toBe(false);
    expect(november.plan.snapshotInserts).toHaveLength(file.loans.length);
    await stage.drop();

    const part = await ImportStage.create(t.app.db);
    part.compareAhead(CompareAhead.start(t.app.db, part, OCT.asOf, file.layout));
    part.add(file.loans.slice(0, 10));
    await part.settled();
    const fromPart = await prepareImport(t.app.db, file, OCT, part, 'set');
    expect(fromPart.comparedAhead).toBe(false);
    expect(fromPart.plan.unchangedLoans).toBe(file.loans.length);
    await part.drop();
  });

  it('a compare that cannot start leaves the stage as it was: the plan compares the whole file', async () => {
    await importCsv(t.call, repeatedSample(OCT.asOf), OCT);
    const file = await parsedCsv(repeatedSample(OCT.asOf));
    const stage = await ImportStage.create(t.app.db);
    stage.compareAhead(Promise.reject(new Error('no compare')));
    stage.add(file.loans);
    await stage.settled();
    expect(stage.rows).toBe(file.loans.length);
    const plan = await prepareImport(t.app.db, file, OCT, stage, 'set');
    expect(plan.comparedAhead).toBe(false);
    expect(plan.plan.unchangedLoans).toBe(file.loans.length);
    expect(() => stage.compareAhead(Promise.resolve(null))).toThrow(/after the first batch/);
    await stage.drop();
  });
});
