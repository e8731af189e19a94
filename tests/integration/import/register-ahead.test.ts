import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../../electron/backend/changelog/actor';
import { writerAs } from '../../../electron/backend/changelog/write-context';
import { ImportStage } from '../../../electron/backend/import/import-stage';
import { previewStore } from '../../../electron/backend/import/preview-store';
import { RegisterAhead } from '../../../electron/backend/import/register-ahead';
import { registerVersion } from '../../../electron/backend/import/register-version';
import { prepareImport, type ImportOptions, type PreparedImport } from '../../../electron/backend/import/run-import';
import { csvBytes } from '../../helpers/sample-files';
import { ADMIN } from '../../helpers/signed-in-app';
import { datedSample, importCsv, parsedCsv, signedInForTest } from '../../helpers/import-csv';
import { perTest } from '../../helpers/per-test';

const t = perTest(signedInForTest);

const OCT: ImportOptions = { asOf: '2026-10-31', fullExport: true };
const NOV: ImportOptions = { asOf: '2026-11-30', fullExport: true };
/** What a plan does, without the ids it makes for new rows (new each time). */
function planSummary({ plan }: PreparedImport) {
  return {
    loanUpdates: plan.loanUpdates.map((u) => [u.before.id, u.patch]),
    borrowerUpdates: plan.borrowerUpdates.map((u) => [u.before.id, u.patch]),
    snapshotInserts: plan.snapshotInserts.map((s) => s.id),
    settle: plan.settle.map((u) => u.before.id),
    unchangedLoans: plan.unchangedLoans,
    counts: [plan.loanInserts.length, plan.borrowerInserts.length, plan.phoneInserts.length, plan.assignmentInserts.length, plan.assignmentEnds.length],
  };
}

describe('the register read for a plan by maps while the file is read (register-ahead.ts)', () => {
  it('next month’s preview plans on the register read ahead, and its plan is the one a plan reading the register itself makes', async () => {
    await importCsv(t.call, datedSample(OCT.asOf), OCT);
    const preview = await t.call('imports.preview', { fileName: 'export.csv', contentBase64: csvBytes(datedSample(NOV.asOf)).toString('base64'), fullExport: true });
    const userId = (await t.app.db.selectFrom('staff').select('id').where('username', '=', ADMIN.username).executeTakeFirstOrThrow()).id;
    const entry = previewStore(t.app).get(preview.previewId, userId);
    if (!entry || entry.kind !== 'parsed' || !entry.prepared) throw new Error('no prepared preview');
    expect(entry.prepared).toMatchObject({ planner: 'maps', readAhead: true });
    const itself = await prepareImport(t.app.db, entry.file, NOV);
    expect(itself.readAhead).toBe(false);
    expect(planSummary(entry.prepared)).toEqual(planSummary(itself));
    expect(entry.prepared.plan.snapshotInserts).toHaveLength(entry.file.loans.length);

    const committed = await t.call('imports.commit', { previewId: preview.previewId, asOf: NOV.asOf, fullExport: true });
    expect(committed).toMatchObject({ inserted: 0, settled: 0, unchanged: entry.file.loans.length });
  });

  it('a write to the register after it was read sends the plan back to reading the register, which sees the write', async () => {
    await importCsv(t.call, datedSample(OCT.asOf), OCT);
    const file = await parsedCsv(datedSample(NOV.asOf));
    const stage = await ImportStage.create(t.app.db);
    stage.onlyIf(Promise.resolve(false));
    stage.readRegisterAhead(RegisterAhead.read(t.app.db, NOV.asOf));
    stage.add(file.loans);
    await stage.settled();
    // Someone renames a borrower of the file after the register was read: the file renames them back.
    const borrower = await t.app.db.selectFrom('borrowers').selectAll().where('customer_no', '=', file.loans[0].customerNo!).executeTakeFirstOrThrow();
    await writerAs(t.app.db, SYSTEM_ACTOR)((w) => w.updateMany('borrowers', [{ before: borrower, patch: { name: `${borrower.name}改` } }]));
    const plan = await prepareImport(t.app.db, file, NOV, stage);
    expect(plan).toMatchObject({ planner: 'maps', readAhead: false });
    expect(plan.plan.borrowerUpdates.map((u) => [u.before.id, u.patch.name])).toEqual([[borrower.id, borrower.name]]);
    await stage.drop();
  });

  it('is taken once, and only for its own date and version', async () => {
    await importCsv(t.call, datedSample(OCT.asOf), OCT);
    const version = await registerVersion(t.app.db);
    const ahead = await RegisterAhead.read(t.app.db, NOV.asOf);
    expect(ahead.take('2026-12-31', version)).toBeNull();
    expect(ahead.take(NOV.asOf, version + 1)).toBeNull();
    const state = ahead.take(NOV.asOf, version);
    expect(state?.loansByNo.size).toBeGreaterThan(0);
    expect(ahead.take(NOV.asOf, version)).toBeNull();
  });

  it('a read that fails leaves the plan to read the register itself', async () => {
    await importCsv(t.call, datedSample(OCT.asOf), OCT);
    const file = await parsedCsv(datedSample(NOV.asOf));
    const stage = await ImportStage.create(t.app.db);
    stage.onlyIf(Promise.resolve(false));
    stage.readRegisterAhead(Promise.reject(new Error('read failed')));
    stage.add(file.loans);
    await stage.settled();
    const plan = await prepareImport(t.app.db, file, NOV, stage);
    expect(plan).toMatchObject({ planner: 'maps', readAhead: false });
    expect(plan.plan.snapshotInserts).toHaveLength(file.loans.length);
    await stage.drop();
  });
});
