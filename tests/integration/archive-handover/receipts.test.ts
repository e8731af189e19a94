import { describe, expect, it } from 'vitest';
import { perTestCopy } from '../../helpers/per-test-copy';
import { signInAs } from '../../helpers/signed-in-app';
import { archiveApp } from '../archives/archive-fixture';
import { archiveTables, expectedSha256, manifestText, receiptFor, reviewFiles } from './handover-helpers';

const t = perTestCopy((file) => archiveApp(file));

const BATCH_NO = '林家坪支行档移〔2026〕第001号';

/** A batch of A01, A02 and A03 sent to head office: its id and the manifest as written. */
async function sentBatch(): Promise<{ batchId: string; text: string }> {
  await reviewFiles(t, ['A01', 'A02', 'A03']);
  const made = await t.as.clerk1('archiveBatches.create', { fileIds: [t.files.A01, t.files.A02, t.files.A03] });
  return { batchId: made.batchId, text: await manifestText(t, made.batchId) };
}

/** A receipt whose manifest was changed by `edit` and then hashed again, as a forger (or another branch) would. */
function rehashed(text: string, edit: (m: any) => void): string {
  const manifest = JSON.parse(text);
  edit(manifest);
  manifest.sha256 = expectedSha256(manifest);
  return receiptFor(JSON.stringify(manifest, null, 2));
}

describe('archiveBatches.applyReceipt', () => {
  it('applies a receipt with one discrepancy: files received or back to the branch with the reason, an event each, the batch received', async () => {
    const { batchId, text } = await sentBatch();
    const outcome = await t.as.clerk1('archiveBatches.applyReceipt', { text: receiptFor(text, { A02: '缺借款合同原件' }) });
    expect(outcome).toEqual({ batchId, batchNo: BATCH_NO, received: 2, discrepancies: 1 });

    const files = await t.app.db.selectFrom('archive_files').select(['id', 'status', 'status_note', 'received_on', 'batch_id']).execute();
    const byId = Object.fromEntries(files.map((f) => [f.id, f]));
    expect(byId[t.files.A01]).toMatchObject({ status: 'received', received_on: '2026-12-02', status_note: '', batch_id: batchId });
    expect(byId[t.files.A03]).toMatchObject({ status: 'received', received_on: '2026-12-02' });
    expect(byId[t.files.A02]).toMatchObject({ status: 'discrepancy', received_on: null, status_note: '缺借款合同原件' });
    const events = await t.app.db.selectFrom('archive_events').selectAll().where('action', 'in', ['received', 'discrepancy']).execute();
    expect(events.map((e) => [e.file_id, e.action, e.batch_id]).sort()).toEqual(
      [
        [t.files.A01, 'received', batchId],
        [t.files.A02, 'discrepancy', batchId],
        [t.files.A03, 'received', batchId],
      ].sort(),
    );
    expect(events.find((e) => e.action === 'discrepancy')?.note).toBe('缺借款合同原件');
    const [batch] = await t.call('archiveBatches.list', {});
    expect(batch).toMatchObject({ status: 'received', receivedOn: '2026-12-02', receivedBy: '总行档案室 刘科长', receiptSource: 'file', receivedFiles: 2, discrepancyFiles: 1 });
    const lines = await t.call('archiveBatches.lines', { batchId });
    expect(lines.map((l: { loanNo: string; status: string; statusNote: string }) => [l.loanNo, l.status, l.statusNote])).toEqual([
      ['A01', 'received', ''],
      ['A02', 'discrepancy', '缺借款合同原件'],
      ['A03', 'received', ''],
    ]);

    // The branch puts the file right and hands it over again, in the next batch.
    await t.as.clerk1('archives.fillDocuments', { fileIds: [t.files.A02], docTypeIds: 'required', state: 'present', submit: true });
    await t.as.rev1('archives.review', { fileIds: [t.files.A02], decision: 'approve' });
    const again = await t.as.clerk1('archiveBatches.create', { fileIds: [t.files.A02] });
    expect(again.batchNo).toBe('林家坪支行档移〔2026〕第002号');
  });

  it('accepts the manifest as head office wrote it back (keys in another order, no indentation): the hash is of its canonical content', async () => {
    const { text } = await sentBatch();
    const reordered = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reordered) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reordered(x)])) : v;
    const rewritten = reordered(JSON.parse(text));
    expect(JSON.stringify(rewritten)).not.toBe(JSON.stringify(JSON.parse(text)));
    const outcome = await t.as.clerk1('archiveBatches.applyReceipt', { text: receiptFor(JSON.stringify(rewritten)) });
    expect(outcome).toMatchObject({ received: 3, discrepancies: 0 });
  });

  it('refuses, changing nothing, a tampered manifest, another branch’s, an unknown batch, one not as sent, and a receipt applied twice', async () => {
    const { text } = await sentBatch();
    const before = await archiveTables(t.app);
    const refused = async (receipt: string, code: string, message: string | RegExp) => {
      await expect(t.as.clerk1('archiveBatches.applyReceipt', { text: receipt })).rejects.toMatchObject({ code, message });
      expect(await archiveTables(t.app)).toEqual(before);
    };

    // One page count changed, the hash left as it was.
    const tampered = JSON.parse(text);
    tampered.files[0].documents[0].pages += 1;
    await refused(receiptFor(JSON.stringify(tampered)), 'MANIFEST_TAMPERED', /^回执中的移交清单与其校验码（SHA-256）不符/);

    await refused(
      rehashed(text, (m) => {
        m.branch = { code: '880999', name: '白文支行' };
      }),
      'OTHER_BRANCH',
      '这是其他机构的回执（白文支行，机构代码 880999），本机构代码为 880110，不予登记。',
    );
    await refused(
      rehashed(text, (m) => {
        m.batch.no = '林家坪支行档移〔2026〕第009号';
      }),
      'NOT_FOUND',
      '本机构没有编号为 林家坪支行档移〔2026〕第009号 的档案移交批次，回执不予登记。',
    );
    await refused(
      rehashed(text, (m) => {
        m.files[0].pages += 1;
      }),
      'MANIFEST_MISMATCH',
      `回执中的移交清单与本机构发出的批次 ${BATCH_NO} 不一致（校验码不同），回执不予登记。`,
    );

    await refused('这不是 JSON', 'INVALID_RECEIPT', '回执文件不是有效的 JSON 文件，请确认选对了总行返回的回执文件。');
    await refused(JSON.stringify({ manifest: JSON.parse(text) }), 'INVALID_RECEIPT', '回执文件的格式不对：签收结果（results） 缺少或不正确。');
    await refused(receiptFor(text, {}, { receivedOn: '2026-02-30' }), 'INVALID_RECEIPT', '回执的签收日期（receivedOn）应为 YYYY-MM-DD 的真实日期。');
    await refused(receiptFor(text, {}, { receivedOn: '2026-12-03' }), 'BAD_INPUT', '签收日期 2026-12-03 晚于今天，不予登记。');
    await refused(receiptFor(text, {}, { receivedOn: '2026-12-01' }), 'BAD_INPUT', '签收日期 2026-12-01 早于移交日期 2026-12-02，不予登记。');

    const results = JSON.parse(receiptFor(text)).results;
    const withResults = (r: unknown[]) => receiptFor(text, {}, { results: r });
    await refused(withResults(results.slice(1)), 'RECEIPT_FILES_MISMATCH', `回执缺少批次 ${BATCH_NO} 中以下档案的签收结果：A01。每份档案都应有签收或差异结果。`);
    await refused(withResults([...results, { loanNo: 'A04', status: 'received' }]), 'RECEIPT_FILES_MISMATCH', `回执中有不属于批次 ${BATCH_NO} 的档案：A04。`);
    await refused(withResults([results[0], { loanNo: 'A02', status: 'lost' }, results[2]]), 'INVALID_RECEIPT', '回执文件的格式不对：第 2 条签收结果的 status 缺少或不正确。');
    await refused(withResults([...results, results[1]]), 'RECEIPT_FILES_MISMATCH', '回执中以下档案出现了不止一次：A02。');
    await refused(withResults([results[0], { loanNo: 'A02', status: 'discrepancy' }, results[2]]), 'BAD_INPUT', '有差异的档案须写明差异：A02。');

    await t.as.head1('archiveBatches.applyReceipt', { text: receiptFor(text) });
    const applied = await archiveTables(t.app);
    await expect(t.as.head1('archiveBatches.applyReceipt', { text: receiptFor(text, { A01: '缺页' }) })).rejects.toMatchObject({
      code: 'BATCH_ALREADY_RECEIVED',
      message: `批次 ${BATCH_NO} 已于 2026-12-02 登记签收，不能重复登记。`,
    });
    expect(await archiveTables(t.app)).toEqual(applied);
  });
});

describe('archiveBatches.receiptByHand', () => {
  it('records head office’s receipt entered by hand, every file of the batch once; then neither a hand nor a file receipt again', async () => {
    const { batchId, text } = await sentBatch();
    await t.call('staff.create', { username: 'mgr1', displayName: '王经理', role: 'manager', password: 'pass-word-1' });
    const before = await archiveTables(t.app);
    const hand = (results: unknown[], as = t.as.rev2) => as('archiveBatches.receiptByHand', { batchId, receivedBy: '刘科长', receivedOn: '2026-12-02', results });
    const received = (loanNo: string) => ({ fileId: t.files[loanNo], status: 'received' });

    await expect(hand([received('A01'), received('A02')])).rejects.toMatchObject({ code: 'RECEIPT_FILES_MISMATCH', message: expect.stringContaining('A03') });
    await expect(hand([received('A01'), received('A02'), received('A03'), received('A04')])).rejects.toMatchObject({
      code: 'RECEIPT_FILES_MISMATCH',
      message: `有 1 份档案不属于批次 ${BATCH_NO}，请刷新后重试。`,
    });
    await expect(hand([received('A01'), received('A02'), { fileId: t.files.A03, status: 'discrepancy', reason: '' }])).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('有差异的档案请写明差异') });
    await expect(hand([received('A01'), received('A02'), received('A03')], await signInAs(t.app, 'mgr1'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await archiveTables(t.app)).toEqual(before);

    const outcome = await hand([received('A02'), { fileId: t.files.A03, status: 'discrepancy', reason: '抵押登记证明为复印件' }, received('A01')]);
    expect(outcome).toEqual({ batchId, batchNo: BATCH_NO, received: 2, discrepancies: 1 });
    const [batch] = await t.call('archiveBatches.list', {});
    expect(batch).toMatchObject({ status: 'received', receivedBy: '刘科长', receiptSource: 'hand', receivedFiles: 2, discrepancyFiles: 1 });
    const a03 = await t.app.db.selectFrom('archive_files').selectAll().where('id', '=', t.files.A03).executeTakeFirstOrThrow();
    expect(a03).toMatchObject({ status: 'discrepancy', status_note: '抵押登记证明为复印件' });

    const after = await archiveTables(t.app);
    await expect(hand([received('A01'), received('A02'), received('A03')])).rejects.toMatchObject({ code: 'BATCH_ALREADY_RECEIVED' });
    await expect(t.as.rev2('archiveBatches.applyReceipt', { text: receiptFor(text) })).rejects.toMatchObject({ code: 'BATCH_ALREADY_RECEIVED' });
    expect(await archiveTables(t.app)).toEqual(after);
  });
});
