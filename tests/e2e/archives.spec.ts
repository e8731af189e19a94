import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { ArchiveFileDetail, ArchiveFilesPage } from '../../electron/shared/api/archives';
import { archiveCsv, fileIds, type ArchiveLoan } from '../integration/archives/archive-fixture';
import { pdfText } from '../helpers/pdf-text';
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

async function archiveBranch(app: AppUnderTest): Promise<Record<string, string>> {
  await initBranch(app);
  for (const s of [PREPARER, REVIEWER]) await asAdmin(app, 'staff.create', s);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'archives-e2e-'));
  try {
    const file = path.join(dir, 'loans.csv');
    await writeFile(file, archiveCsv(LOANS), 'utf8');
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
