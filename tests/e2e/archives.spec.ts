import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { ArchiveFileDetail, ArchiveFilesPage } from '../../electron/shared/api/archives';
import { archiveCsv, fileIds, type ArchiveLoan } from '../integration/archives/archive-fixture';
import { pdfText } from '../helpers/pdf-text';
import { signInAs } from '../helpers/signed-in-app';
import { expect, shot, test, type AppUnderTest } from './fixtures';
import { asAdmin, importFile, initBranch, signIn } from './flows';

/** Two loans disbursed last week; numbers long enough for a scan (a scanner types at least four characters). */
const LOANS: ArchiveLoan[] = [
  { loanNo: 'DA2026110001', name: '张大山', village: '刘家会村', product: '农户小额信用贷款', guarantee: '信用', disbursedOn: '2026-11-25', manager: '王经理' },
  { loanNo: 'DA2026110002', name: '赵二', village: '刘家会村', product: '个人经营贷款', guarantee: '保证', disbursedOn: '2026-11-26', manager: '王经理' },
];
const [FIRST, SECOND] = LOANS;
/** Two of the reviewer post: the first prepares the files (so may not review them), the second reviews. */
const PREPARER = { username: 'rev1', displayName: '审查甲', password: 'Review2025!', role: 'reviewer' };
const REVIEWER = { username: 'rev2', displayName: '审查乙', password: 'Review2025!', role: 'reviewer' };
const BATCH_NO = '白文支行档移〔2026〕第001号';

async function archiveBranch(app: AppUnderTest, loans: readonly ArchiveLoan[] = LOANS): Promise<Record<string, string>> {
  await initBranch(app);
  for (const s of [PREPARER, REVIEWER]) await asAdmin(app, 'staff.create', s);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'archives-e2e-'));
  try {
    const file = path.join(dir, 'loans.csv');
    await writeFile(file, archiveCsv(loans), 'utf8');
    await importFile(app, file, '2026-11-30');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return fileIds(app.ctx);
}

async function openArchivesAs(page: Page, app: AppUnderTest, who: { username: string; password: string; displayName: string }): Promise<void> {
  await page.goto(app.url);
  await signIn(page, who.username, who.password);
  await expect(page.getByTestId('current-user')).toHaveText(who.displayName);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '档案', exact: true }).click();
  await expect(page.getByRole('heading', { name: '信贷档案' })).toBeVisible();
}

/**
 * A USB scanner: the code's keys and Enter sent at once, as trusted key events (Chrome DevTools
 * Protocol). Playwright's keyboard.type waits for each key's round trip, 20–100 ms apart on a busy
 * machine: as slow as a person, which is just what the page must not take for a scan.
 */
async function scan(page: Page, code: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const keys: Array<Promise<unknown>> = [];
    for (const ch of code) {
      keys.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, text: ch }));
      keys.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch }));
    }
    keys.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' }));
    keys.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 }));
    await Promise.all(keys);
  } finally {
    await cdp.detach();
  }
}

const rowOf = (page: Page, fileId: string) => page.getByTestId('archive-grid').locator(`[row-id="${fileId}"]`);
const tick = (page: Page, fileId: string) => page.getByTestId('archive-grid').locator(`[row-id="${fileId}"] .ag-selection-checkbox input`).first().check();

test('档案: one reviewer fills a checklist with the keyboard and submits it, is refused the review, another approves, batches and prints; a receipt with one discrepancy; a scan opens a file', async ({ page, app }) => {
  const files = await archiveBranch(app);
  const first = await asAdmin<ArchiveFileDetail>(app, 'archives.file', { fileId: files[FIRST.loanNo] });
  const required = new Set(first.documents.filter((d) => d.required).map((d) => d.docTypeId));
  expect(required.size).toBeGreaterThan(2);
  // The grid's document columns: the catalogue's active types, in order.
  const { docTypes } = await asAdmin<ArchiveFilesPage>(app, 'archives.files', { offset: 0, limit: 1 });

  // The preparer: Y and a page count on each required cell of the first file, moving with the arrow keys.
  await openArchivesAs(page, app, PREPARER);
  await expect(page.getByTestId('archive-count')).toHaveText('共 2 份');
  await expect(page.getByTestId('archive-tab-collecting')).toContainText('2');
  const row = rowOf(page, files[FIRST.loanNo]);
  const cell = (docTypeId: string) => row.locator(`[col-id="doc:${docTypeId}"]`);
  await cell(docTypes[0].id).click();
  for (const [i, t] of docTypes.entries()) {
    if (i > 0) await page.keyboard.press('ArrowRight');
    await expect(cell(t.id)).toBeFocused();
    if (!required.has(t.id)) continue;
    await expect(cell(t.id)).toHaveText('待填');
    await page.keyboard.press('y');
    await expect(cell(t.id)).toHaveText('有');
    await page.keyboard.type(String(i + 2));
    await expect(page.getByTestId('archive-pending')).toContainText(`页数：${i + 2}`);
    await page.keyboard.press('Enter');
    await expect(cell(t.id)).toHaveText(`有 ${i + 2}`);
  }
  await expect(row.locator('[col-id="missing"]')).toHaveText('');
  await shot(page, 'archives-filled');

  await tick(page, files[FIRST.loanNo]);
  await page.getByTestId('archive-submit').click();
  await expect(page.getByTestId('archive-notice')).toContainText('已提交审查 1 份档案');
  await expect(row.locator('[col-id="status"]')).toHaveText('待审查');

  // The second file by 批量填写 (every required document present) and submitted with it.
  await tick(page, files[SECOND.loanNo]);
  await page.getByTestId('archive-fill').click();
  const fill = page.getByTestId('archive-fill-dialog');
  await fill.getByTestId('archive-fill-submit').check();
  await fill.getByTestId('archive-fill-save').click();
  await expect(page.getByTestId('archive-notice')).toContainText('提交审查 1 份');
  await expect(page.getByTestId('archive-tab-awaiting_review')).toContainText('2');

  // Four eyes: who prepared them may not approve them, though a reviewer.
  await tick(page, files[FIRST.loanNo]);
  await page.getByTestId('archive-approve').click();
  await expect(page.getByTestId('archive-notice')).toContainText('四眼原则');
  await expect(page.getByTestId('archive-notice')).toHaveClass(/alert-error/);
  await expect(row.locator('[col-id="status"]')).toHaveText('待审查');

  // The reviewer approves both and makes a batch.
  await page.getByRole('button', { name: '退出登录' }).click();
  await openArchivesAs(page, app, REVIEWER);
  await page.getByTestId('archive-tab-awaiting_review').click();
  await expect(page.getByTestId('archive-count')).toHaveText('共 2 份');
  for (const l of LOANS) await tick(page, files[l.loanNo]);
  await page.getByTestId('archive-approve').click();
  await expect(page.getByTestId('archive-notice')).toContainText('审查通过 2 份档案');
  await expect(page.getByTestId('archive-tab-reviewed')).toContainText('2');

  await page.getByTestId('archive-tab-reviewed').click();
  await expect(page.getByTestId('archive-count')).toHaveText('共 2 份');
  for (const l of LOANS) await tick(page, files[l.loanNo]);
  await page.getByTestId('archive-make-batch').click();
  const batch = page.getByTestId('archive-batch-dialog');
  await batch.getByTestId('archive-batch-save').click();
  await expect(batch.getByTestId('archive-batch-no')).toHaveText(BATCH_NO);

  // 打印移交清单: the PDF holds the batch number and both loans.
  const download = page.waitForEvent('download');
  await batch.getByTestId('archive-batch-print').click();
  const pdf = await readFile(await (await download).path());
  const dir = await mkdtemp(path.join(os.tmpdir(), 'archives-e2e-pdf-'));
  try {
    const text = pdfText(pdf.toString('base64'), path.join(dir, 'transmittal.pdf'));
    expect(text).toContain(BATCH_NO);
    for (const l of LOANS) expect(text).toContain(l.loanNo);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  await shot(page, 'archives-batch');
  await batch.getByTestId('archive-batch-close').click();
  await expect(page.getByTestId('archive-tab-handed_over')).toContainText('2');

  // Head office's receipt by hand: the second file with a discrepancy.
  await page.getByTestId('archive-tab-batches').click();
  const batchRow = page.getByTestId('archive-batch-row');
  await expect(batchRow).toContainText(BATCH_NO);
  await batchRow.getByTestId('archive-batch-receipt').click();
  const receipt = page.getByTestId('archive-receipt-dialog');
  const second = receipt.locator(`[data-loan="${SECOND.loanNo}"]`);
  await second.getByTestId('archive-receipt-status').selectOption('discrepancy');
  await second.getByTestId('archive-receipt-reason').fill('缺保证人身份证复印件');
  await receipt.getByTestId('archive-receipt-by').fill('总行档案室刘科长');
  await receipt.getByTestId('archive-receipt-on').fill('2026-12-02');
  await receipt.getByTestId('archive-receipt-save').click();
  await expect(page.getByTestId('archive-batches-notice')).toContainText('总行已签收 1 份，有差异 1 份');
  await expect(batchRow.getByTestId('archive-batch-receipt-state')).toContainText('总行档案室刘科长');

  await page.getByTestId('archive-tab-discrepancy').click();
  await expect(page.getByTestId('archive-count')).toHaveText('共 1 份');
  await expect(rowOf(page, files[SECOND.loanNo]).locator('[col-id="status"]')).toHaveText('有差异');
  await page.getByTestId('archive-tab-received').click();
  await expect(page.getByTestId('archive-count')).toHaveText('共 1 份');
  await expect(rowOf(page, files[FIRST.loanNo]).locator('[col-id="status"]')).toHaveText('已签收');

  // A scanned folder label opens that file's panel, wherever the focus is outside a text field.
  await page.getByTestId('archive-tab-all').click();
  await expect(page.getByTestId('archive-count')).toHaveText('共 2 份');
  await scan(page, SECOND.loanNo);
  const panel = page.getByTestId('archive-panel');
  await expect(panel.getByTestId('archive-panel-loan')).toHaveText(SECOND.loanNo);
  await expect(panel.getByTestId('archive-panel-status')).toContainText('有差异');
  await expect(panel.getByTestId('archive-panel-status')).toContainText('缺保证人身份证复印件');
  await expect(panel.getByTestId('archive-panel-events')).toContainText('总行反馈差异');
  await shot(page, 'archives-scanned');
  await panel.getByRole('button', { name: '关闭档案清单' }).click();

  // A number with no file says so; scanned on a checklist cell, its digits are no page count.
  const cellOfFirst = rowOf(page, files[FIRST.loanNo]).locator(`[col-id="doc:${docTypes[0].id}"]`);
  const before = await cellOfFirst.textContent();
  await cellOfFirst.click();
  await scan(page, 'DA2099999999');
  await expect(page.getByTestId('archive-notice')).toContainText('没有借据号为“DA2099999999”的档案');
  await expect(panel).toHaveCount(0);
  await expect(page.getByTestId('archive-pending')).toHaveCount(0);
  await expect(cellOfFirst).toHaveText(before ?? '');
});

/** The two files prepared by one reviewer, approved by the other and handed over in batch 001, straight through the backend. */
async function handedOver(app: AppUnderTest, files: Record<string, string>): Promise<void> {
  const fileIds = LOANS.map((l) => files[l.loanNo]);
  const preparer = await signInAs(app.ctx, PREPARER.username, PREPARER.password);
  await preparer('archives.fillDocuments', { fileIds, docTypeIds: 'required', state: 'present', submit: true });
  const reviewer = await signInAs(app.ctx, REVIEWER.username, REVIEWER.password);
  await reviewer('archives.review', { fileIds, decision: 'approve' });
  await reviewer('archiveBatches.create', { fileIds });
}

test('导入回执文件: a receipt built from the downloaded manifest applies with one discrepancy; a tampered one is refused and changes nothing', async ({ page, app }) => {
  const files = await archiveBranch(app);
  await handedOver(app, files);
  await openArchivesAs(page, app, REVIEWER);
  await expect(page.getByTestId('archive-tab-handed_over')).toContainText('2');
  await page.getByTestId('archive-tab-batches').click();
  const batchRow = page.getByTestId('archive-batch-row');
  await expect(batchRow).toContainText(BATCH_NO);
  await expect(batchRow.getByTestId('archive-batch-receipt-state')).toHaveText('待总行签收');

  // 下载清单文件: the manifest as sent; head office returns it inside its receipt.
  const download = page.waitForEvent('download');
  await batchRow.getByTestId('archive-batch-manifest').click();
  const manifest = JSON.parse(await readFile(await (await download).path(), 'utf8')) as { batch: { no: string }; files: Array<{ loanNo: string; pages: number }> };
  expect(manifest.batch.no).toBe(BATCH_NO);
  const receipt = {
    manifest,
    results: [
      { loanNo: FIRST.loanNo, status: 'received', reason: '' },
      { loanNo: SECOND.loanNo, status: 'discrepancy', reason: '借据原件缺失' },
    ],
    receivedBy: '总行档案室刘科长',
    receivedOn: '2026-12-02',
  };
  const asFile = (r: unknown) => ({ name: '回执.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(r), 'utf8') });

  // A page count changed on the way: the hash no longer matches.
  const tampered = structuredClone(receipt);
  tampered.manifest.files[0].pages += 1;
  await page.getByTestId('archive-receipt-file').setInputFiles(asFile(tampered));
  await expect(page.getByTestId('archive-batches-notice')).toContainText('回执文件未导入，档案未作任何改动');
  await expect(page.getByTestId('archive-batches-notice')).toHaveClass(/alert-error/);
  await expect(batchRow.getByTestId('archive-batch-receipt-state')).toHaveText('待总行签收');
  await expect(page.getByTestId('archive-tab-handed_over')).toContainText('2');

  await page.getByTestId('archive-receipt-file').setInputFiles(asFile(receipt));
  await expect(page.getByTestId('archive-batches-notice')).toContainText('总行已签收 1 份，有差异 1 份');
  await expect(batchRow.getByTestId('archive-batch-receipt-state')).toContainText('（回执文件）');
  await expect(page.getByTestId('archive-tab-received')).toContainText('1');
  await expect(page.getByTestId('archive-tab-discrepancy')).toContainText('1');

  // The same receipt again: the batch is received already.
  await page.getByTestId('archive-receipt-file').setInputFiles(asFile(receipt));
  await expect(page.getByTestId('archive-batches-notice')).toHaveClass(/alert-error/);
  await batchRow.getByRole('button', { name: '明细' }).click();
  await expect(page.getByTestId('archive-batch-lines').locator(`[data-loan="${SECOND.loanNo}"]`)).toContainText('借据原件缺失');
});

test('档案: an overdue file is marked and listed by its manager; month and search filters; folder labels print; a cell changed meanwhile by someone else is reloaded; a received file is read-only until reopened with a reason', async ({ page, app }) => {
  const late: ArchiveLoan = { loanNo: 'DA2026100003', name: '钱六', village: '城庄村', product: '安心贷', guarantee: '抵押', disbursedOn: '2026-10-15', manager: '李经理' };
  const files = await archiveBranch(app, [...LOANS, late]);
  await handedOver(app, files);
  const reviewer = await signInAs(app.ctx, REVIEWER.username, REVIEWER.password);
  const [batch] = await reviewer('archiveBatches.list', {});
  await reviewer('archiveBatches.receiptByHand', {
    batchId: batch.id,
    receivedBy: '总行档案室',
    receivedOn: '2026-12-02',
    results: LOANS.map((l) => ({ fileId: files[l.loanNo], status: 'received' })),
  });

  await openArchivesAs(page, app, REVIEWER);
  await expect(page.getByTestId('archive-tab-overdue')).toContainText('1');
  await expect(page.getByTestId('archive-overdue-managers')).toContainText('李经理 1 份');
  await expect(rowOf(page, files[late.loanNo]).first()).toHaveClass(/archive-row-overdue/);
  await expect(rowOf(page, files[late.loanNo]).locator('[col-id="dueOn"]')).toHaveClass(/cell-danger/);
  await page.getByTestId('archive-overdue-managers').getByRole('button', { name: '李经理 1 份' }).click();
  await expect(page.getByTestId('archive-tab-overdue')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('archive-count')).toHaveText('共 1 份');
  await page.getByTestId('archive-manager').selectOption('');
  await page.getByTestId('archive-tab-all').click();
  await expect(page.getByTestId('archive-count')).toHaveText('共 3 份');
  // Disbursement month and search narrow the list.
  await page.getByTestId('archive-month').fill('2026-10');
  await expect(page.getByTestId('archive-count')).toHaveText('共 1 份');
  await page.getByTestId('archive-month').fill('');
  await page.getByTestId('archive-search').fill('赵二');
  await expect(page.getByTestId('archive-count')).toHaveText('共 1 份');
  await expect(rowOf(page, files[SECOND.loanNo]).first()).toBeVisible();
  await page.getByTestId('archive-search').fill('');
  await expect(page.getByTestId('archive-count')).toHaveText('共 3 份');

  // 打印标签: the folder label carries the loan number.
  await tick(page, files[late.loanNo]);
  const labels = page.waitForEvent('download');
  await page.getByTestId('archive-labels').click();
  const labelPdf = await readFile(await (await labels).path());
  const dir = await mkdtemp(path.join(os.tmpdir(), 'archives-e2e-labels-'));
  try {
    expect(pdfText(labelPdf.toString('base64'), path.join(dir, 'labels.pdf'))).toContain(late.loanNo);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  await page.getByTestId('archive-grid').locator(`[row-id="${files[late.loanNo]}"] .ag-selection-checkbox input`).first().uncheck();

  // Someone else marks a document while this grid shows the file: the next key is refused and the grid reloads.
  const { docTypes } = await asAdmin<ArchiveFilesPage>(app, 'archives.files', { offset: 0, limit: 1 });
  const lateFile = await asAdmin<ArchiveFileDetail>(app, 'archives.file', { fileId: files[late.loanNo] });
  const [a, b] = lateFile.documents.filter((d) => d.required);
  const preparer = await signInAs(app.ctx, PREPARER.username, PREPARER.password);
  await preparer('archives.setDocuments', { fileId: lateFile.row.fileId, updatedAt: lateFile.row.updatedAt, cells: [{ docTypeId: a.docTypeId, state: 'present', pages: 4 }] });
  const lateRow = rowOf(page, files[late.loanNo]);
  await expect(lateRow.locator(`[col-id="doc:${a.docTypeId}"]`)).toHaveText('待填');
  await lateRow.locator(`[col-id="doc:${b.docTypeId}"]`).click();
  await page.keyboard.press('n');
  await expect(page.getByTestId('archive-notice')).toContainText('已被其他人修改');
  await expect(lateRow.locator(`[col-id="doc:${a.docTypeId}"]`)).toHaveText('有 4');
  await expect(lateRow.locator(`[col-id="doc:${b.docTypeId}"]`)).toHaveText('待填');
  // After the reload the same key goes through.
  await lateRow.locator(`[col-id="doc:${b.docTypeId}"]`).click();
  await page.keyboard.press('n');
  await expect(lateRow.locator(`[col-id="doc:${b.docTypeId}"]`)).toHaveText('缺');

  // A received file: keys on its cells are refused with the reason; the panel reopens it with one.
  const received = rowOf(page, files[FIRST.loanNo]);
  await received.locator(`[col-id="doc:${docTypes[0].id}"]`).click();
  await page.keyboard.press('x');
  await expect(page.getByTestId('archive-notice')).toContainText('重新打开');
  await received.locator('[col-id="loanNo"]').getByRole('button', { name: FIRST.loanNo }).click();
  const panel = page.getByTestId('archive-panel');
  await expect(panel.getByTestId('archive-panel-status')).toContainText('已签收');
  await expect(panel.getByTestId('archive-panel-readonly')).toBeVisible();
  await panel.getByTestId('archive-reopen').click();
  await expect(panel.getByTestId('archive-reopen-error')).toHaveText('请填写重新打开的原因');
  await panel.getByTestId('archive-reopen-reason').fill('总行调阅后需补充抵押登记证明');
  await panel.getByTestId('archive-reopen').click();
  await expect(panel.getByTestId('archive-panel-status')).toContainText('收集中');
  await expect(panel.getByTestId('archive-panel-events')).toContainText('重新打开：总行调阅后需补充抵押登记证明');
  await expect(received.locator('[col-id="status"]')).toHaveText('收集中');

  // Open again, it can be changed: in the panel, and with a key in the grid.
  const doc = panel.getByTestId('archive-panel-doc').first();
  await doc.getByRole('combobox').selectOption('na');
  await panel.getByTestId('archive-panel-save').click();
  await expect(received.locator(`[col-id="doc:${docTypes[0].id}"]`)).toHaveText('不适用');
  await expect(panel.getByTestId('archive-panel-editors')).toContainText(REVIEWER.displayName);
});
