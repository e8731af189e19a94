import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { QUARANTINE_DIR } from '../../../electron/backend/sync/apply-package';
import { createIdentity, parsePublicIdentity, publicIdentityOf, type PrivateIdentity, type PublicIdentity } from '../../../electron/backend/sync/identity';
import { buildPackage } from '../../../electron/backend/sync/write-package';
import { perTest } from '../../helpers/per-test';
import { archiveApp } from '../archives/archive-fixture';
import { archiveTables, reviewFiles } from '../archive-handover/handover-helpers';

const t = perTest((file) => archiveApp(file));

let hq: PrivateIdentity;
let hqPublic: PublicIdentity;
beforeAll(async () => {
  hq = await createIdentity('hq', 'HQ', '白文县联社');
  hqPublic = await publicIdentityOf(hq);
});

const SCHEMA = '0110-archive-receipts';
const BATCH_NO = '林家坪支行档移〔2026〕第001号';

interface Sent {
  batchId: string;
  sha256: string;
  branch: PublicIdentity;
}

/** A batch of A01, A02 and A03 handed over, and the branch paired with head office. */
async function sentAndPaired(): Promise<Sent> {
  await reviewFiles(t, ['A01', 'A02', 'A03']);
  const made = await t.as.clerk1('archiveBatches.create', { fileIds: [t.files.A01, t.files.A02, t.files.A03] });
  const batch = await t.app.db.selectFrom('archive_batches').select('sha256').where('id', '=', made.batchId).executeTakeFirstOrThrow();
  const pairing = await t.call('sync.pair', { hqIdentity: JSON.stringify(hqPublic) });
  return { batchId: made.batchId, sha256: batch.sha256, branch: parsePublicIdentity(pairing.branchIdentity, 'branch') };
}

const HOLIDAY = { id: '00000000-0000-4000-8000-000000000101', day: '2027-01-01', kind: 'holiday', name: '元旦', created_at: 1, updated_at: 1 };
const holidays = async () => (await t.app.db.selectFrom('calendar_days').select('id').execute()).length;

let receiptIds = 0;
/** Head office's receipt row as `hq export` sends it: every file received but those given a reason. */
function receiptRow(sha256: string, over: { batchNo?: string; results?: unknown[]; discrepancies?: Record<string, string> } = {}) {
  const results = over.results ?? ['A01', 'A02', 'A03'].map((loanNo) => ({ loanNo, status: over.discrepancies?.[loanNo] ? 'discrepancy' : 'received', reason: over.discrepancies?.[loanNo] ?? '' }));
  receiptIds++;
  return {
    id: `0c000000-0000-4000-8000-${String(receiptIds).padStart(12, '0')}`,
    batch_no: over.batchNo ?? BATCH_NO,
    manifest_sha256: sha256,
    received_by: '总行档案室 刘科长',
    received_on: '2026-12-02',
    results_json: JSON.stringify(results),
    created_at: 1_764_600_000_000,
    updated_at: 1_764_600_000_000,
  };
}

/** Head office's package seq 1 carrying `rows` of archive_receipts, applied by the clerk as the sync page does. */
async function applyReceipts(sent: Sent, rows: Array<Record<string, unknown>>, name = 'HQ-880110-000001.blpkg', withHoliday = false) {
  const tables = [{ table: 'archive_receipts', rows }, ...(withHoliday ? [{ table: 'calendar_days', rows: [HOLIDAY] }] : [])];
  const p = await buildPackage(hq, hqPublic, sent.branch, { seq: 1, previousHash: null, ack: 0, schemaVersion: SCHEMA, appVersion: '0.1.0', tables });
  return t.as.clerk1('sync.applyPackage', { fileName: name, contentBase64: p.bytes.toString('base64') });
}

const receiptsHere = async () => (await t.app.db.selectFrom('archive_receipts').select(['batch_no', 'received_by']).execute()).length;
const inbox = async () => t.app.db.selectFrom('sync_inbox').select(['seq', 'status']).execute();

describe('archive receipts from head office', () => {
  it('records head office’s receipt on the batch and its files as it applies the package: received or back with the reason, by sync', async () => {
    const sent = await sentAndPaired();
    expect(await applyReceipts(sent, [receiptRow(sent.sha256, { discrepancies: { A02: '缺借款合同原件' } })])).toMatchObject({ status: 'applied', seq: 1 });

    const [batch] = await t.call('archiveBatches.list', {});
    expect(batch).toMatchObject({ id: sent.batchId, status: 'received', receivedOn: '2026-12-02', receivedBy: '总行档案室 刘科长', receiptSource: 'sync', receivedFiles: 2, discrepancyFiles: 1 });
    const lines = await t.call('archiveBatches.lines', { batchId: sent.batchId });
    expect(lines.map((l: { loanNo: string; status: string; statusNote: string }) => [l.loanNo, l.status, l.statusNote])).toEqual([
      ['A01', 'received', ''],
      ['A02', 'discrepancy', '缺借款合同原件'],
      ['A03', 'received', ''],
    ]);
    const events = await t.app.db.selectFrom('archive_events').select(['file_id', 'action', 'note']).where('action', 'in', ['received', 'discrepancy']).execute();
    expect(events).toHaveLength(3);
    expect(events.find((e) => e.file_id === t.files.A02)).toMatchObject({ action: 'discrepancy', note: '缺借款合同原件' });
    expect(await receiptsHere()).toBe(1);
    expect(await inbox()).toEqual([{ seq: 1, status: 'applied' }]);
  });

  it('leaves a batch already received by hand as it is, and keeps head office’s receipt row', async () => {
    const sent = await sentAndPaired();
    await t.as.clerk1('archiveBatches.receiptByHand', {
      batchId: sent.batchId,
      receivedBy: '档案室王五',
      receivedOn: '2026-12-02',
      results: ['A01', 'A02', 'A03'].map((no) => ({ fileId: t.files[no], status: 'received' })),
    });
    const before = await archiveTables(t.app);
    expect(await applyReceipts(sent, [receiptRow(sent.sha256, { discrepancies: { A01: '缺借据' } })])).toMatchObject({ status: 'applied' });
    const after = await archiveTables(t.app);
    expect({ batches: after.batches, files: after.files, events: after.events }).toEqual({ batches: before.batches, files: before.files, events: before.events });
    expect(after.batches[0]).toMatchObject({ receipt_source: 'hand', received_by: '档案室王五' });
    expect(await receiptsHere()).toBe(1);
  });

  it('refuses the whole package, changing nothing, when a receipt does not fit the batch: unknown batch, another manifest, files not as sent, no results', async () => {
    const sent = await sentAndPaired();
    const before = await archiveTables(t.app);
    const holidaysBefore = await holidays();
    const cases: Array<[Record<string, unknown>, string]> = [
      [receiptRow(sent.sha256, { batchNo: '林家坪支行档移〔2026〕第009号' }), '林家坪支行档移〔2026〕第009号 在本支行不存在'],
      [receiptRow('f'.repeat(64)), '校验码不同'],
      [receiptRow(sent.sha256, { results: [{ loanNo: 'A01', status: 'received', reason: '' }, { loanNo: 'A02', status: 'received', reason: '' }] }), '回执缺少批次'],
      [receiptRow(sent.sha256, { results: [...['A01', 'A02', 'A03', 'A04'].map((loanNo) => ({ loanNo, status: 'received', reason: '' }))] }), '不属于批次'],
      [receiptRow(sent.sha256, { discrepancies: { A03: ' ' } }), '须写明差异'],
      [receiptRow(sent.sha256, { results: [] }), '签收结果'],
    ];
    for (const [i, [row, words]] of cases.entries()) {
      // A good holiday rides in the same package: it is refused with the receipt.
      const outcome = await applyReceipts(sent, [row], `case-${i}.blpkg`, true);
      expect(outcome, words).toMatchObject({ status: 'refused' });
      expect(outcome.reason, words).toContain(words);
      expect(outcome.reason).toContain('整个包不予导入');
    }
    expect(await archiveTables(t.app)).toEqual(before);
    expect(await receiptsHere()).toBe(0);
    expect(await holidays()).toBe(holidaysBefore);
    expect(await inbox()).toEqual([]);
    expect(readdirSync(t.tmp.file(QUARANTINE_DIR)).filter((f) => f.endsWith('.reason.txt'))).toHaveLength(cases.length);

    // Head office's corrected receipt then applies as package 1.
    expect(await applyReceipts(sent, [receiptRow(sent.sha256)])).toMatchObject({ status: 'applied', seq: 1 });
    expect((await t.call('archiveBatches.list', {}))[0]).toMatchObject({ status: 'received', receiptSource: 'sync', receivedFiles: 3 });
  });
});
