import { describe, expect, it } from 'vitest';
import { perTestCopy } from '../../helpers/per-test-copy';
import { signInAs } from '../../helpers/signed-in-app';
import { archiveApp } from '../archives/archive-fixture';
import { archiveTables, expectedSha256, manifestText, reviewFiles } from './handover-helpers';

const t = perTestCopy((file) => archiveApp(file));

const NO = (year: number, seq: string) => `林家坪支行档移〔${year}〕第${seq}号`;

describe('archiveBatches.create', () => {
  it('refuses files not reviewed, naming them, and changes nothing: no batch, no number taken', async () => {
    await reviewFiles(t, ['A01']);
    const before = await archiveTables(t.app);
    const refused = t.as.clerk1('archiveBatches.create', { fileIds: [t.files.A01, t.files.A02, t.files.A03] });
    await expect(refused).rejects.toMatchObject({ code: 'NOT_REVIEWED', message: '只有已审查的档案才能移交。以下档案未审查：A02（收集中）、A03（收集中）。' });
    expect(await archiveTables(t.app)).toEqual(before);

    const made = await t.as.clerk1('archiveBatches.create', { fileIds: [t.files.A01] });
    expect(made).toMatchObject({ batchNo: NO(2026, '001'), files: 1 });
    // A file already handed over is not reviewed any more: it cannot go in a second batch.
    await expect(t.as.clerk1('archiveBatches.create', { fileIds: [t.files.A01] })).rejects.toMatchObject({ code: 'NOT_REVIEWED', message: expect.stringContaining('A01（已移交）') });
  });

  it('numbers batches per year without gaps, by the hand-over date', async () => {
    await reviewFiles(t, ['A01', 'A02', 'A03', 'A06']);
    const make = (loanNo: string, handedOn?: string) => t.as.head1('archiveBatches.create', { fileIds: [t.files[loanNo]], ...(handedOn ? { handedOn } : {}) });
    expect((await make('A06', '2025-06-30')).batchNo).toBe(NO(2025, '001'));
    expect((await make('A02', '2026-11-30')).batchNo).toBe(NO(2026, '001'));
    await expect(t.as.head1('archiveBatches.create', { fileIds: [t.files.A04] })).rejects.toMatchObject({ code: 'NOT_REVIEWED' });
    expect((await make('A01')).batchNo).toBe(NO(2026, '002'));
    expect((await make('A03')).batchNo).toBe(NO(2026, '003'));
    const list = await t.call('archiveBatches.list', {});
    expect(list.map((b: { batchNo: string }) => b.batchNo)).toEqual([NO(2026, '003'), NO(2026, '002'), NO(2026, '001'), NO(2025, '001')]);
    expect(list[1]).toMatchObject({ handedOn: '2026-12-02', files: 1, status: 'sent', receivedOn: null, receiptSource: null, staffName: '支行长甲' });
    await expect(make('A04', '2026-12-03')).rejects.toMatchObject({ code: 'BAD_INPUT', message: '移交日期不能晚于今天。' });
  });

  it('writes the manifest: batch, branch, each file with its documents present and their pages, totals, and the SHA-256 of its canonical JSON', async () => {
    await reviewFiles(t, ['A02', 'A01'], { A01: 3 });
    const made = await t.as.clerk1('archiveBatches.create', { fileIds: [t.files.A02, t.files.A01] });
    const text = await manifestText(t, made.batchId);
    const manifest = JSON.parse(text);
    expect(manifest).toMatchObject({
      format: 'branch-ledger/archive-manifest',
      formatVersion: 1,
      batch: { no: NO(2026, '001'), year: 2026, seq: 1, handedOn: '2026-12-02', handedBy: '内勤甲' },
      branch: { code: '880110', name: '林家坪支行' },
      totals: { files: 2, documents: 22, pages: 17 },
    });
    // By loan number; a credit loan's ten documents, a guaranteed loan's twelve, in catalogue order.
    expect(manifest.files.map((f: { loanNo: string }) => f.loanNo)).toEqual(['A01', 'A02']);
    expect(manifest.files[0]).toMatchObject({ loanNo: 'A01', contractNo: 'HT-A01', borrower: '张大山', disbursedOn: '2026-11-27', pages: 9 });
    expect(manifest.files[0].documents).toHaveLength(10);
    expect(manifest.files[0].documents.slice(0, 2)).toEqual([
      { name: '借款申请书', pages: 3 },
      { name: '借款人及配偶身份证复印件', pages: null },
    ]);
    expect(manifest.files[1].documents.map((d: { name: string }) => d.name)).toContain('保证合同');
    expect(manifest.files[1].pages).toBe(8);

    expect(manifest.sha256).toBe(expectedSha256(manifest));
    expect(made).toEqual({ batchId: made.batchId, batchNo: NO(2026, '001'), files: 2, documents: 22, pages: 17, sha256: manifest.sha256 });
    const download = await t.as.rev2('archiveBatches.manifest', { batchId: made.batchId });
    expect(download).toMatchObject({ fileName: `${NO(2026, '001')}-manifest.json`, mimeType: 'application/json', sha256: manifest.sha256 });

    const batch = await t.app.db.selectFrom('archive_batches').selectAll().where('id', '=', made.batchId).executeTakeFirstOrThrow();
    const clerk = await t.app.db.selectFrom('staff').select('id').where('username', '=', 'clerk1').executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ manifest: text, sha256: manifest.sha256, files: 2, documents: 22, pages: 17, status: 'sent', staff_id: clerk.id, year: 2026, seq: 1 });
    const files = await t.app.db.selectFrom('archive_files').select(['id', 'status', 'batch_id']).where('batch_id', '=', made.batchId).orderBy('id').execute();
    expect(files).toHaveLength(2);
    expect(new Set(files.map((f) => f.status))).toEqual(new Set(['handed_over']));
    const events = await t.app.db.selectFrom('archive_events').selectAll().where('action', '=', 'handover').execute();
    expect(events.map((e) => [e.file_id, e.batch_id, e.staff_id]).sort()).toEqual([t.files.A01, t.files.A02].sort().map((id) => [id, made.batchId, clerk.id]));

    const lines = await t.call('archiveBatches.lines', { batchId: made.batchId });
    expect(lines).toEqual([
      { fileId: t.files.A01, loanNo: 'A01', borrower: '张大山', documents: manifest.files[0].documents, pages: 9, status: 'handed_over', statusNote: '' },
      { fileId: t.files.A02, loanNo: 'A02', borrower: '赵二', documents: manifest.files[1].documents, pages: 8, status: 'handed_over', statusNote: '' },
    ]);
  });

  it('is for the back office, reviewers, the branch head and admins: an account manager is refused', async () => {
    await reviewFiles(t, ['A01']);
    await t.call('staff.create', { username: 'mgr1', displayName: '王经理', role: 'manager', password: 'pass-word-1' });
    const manager = await signInAs(t.app, 'mgr1');
    const before = await archiveTables(t.app);
    await expect(manager('archiveBatches.create', { fileIds: [t.files.A01] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await archiveTables(t.app)).toEqual(before);
    expect(await manager('archiveBatches.list', {})).toEqual([]);
  });
});
