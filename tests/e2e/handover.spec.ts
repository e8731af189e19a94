import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, shot, test } from './fixtures';
import { importFile, initBranch, nav, openSignedIn } from './flows';

/** Four loans due for hand-over (H01, H02, H03, H07), one only overdue (H04), one not overdue (H05). */
const CSV =
  '\ufeff' +
  [
    '客户编号,借款人姓名,住址,借据号,余额,到期日,本金逾期天数,欠息,欠息天数,客户经理',
    'C01,王大,临县白文镇刘家会村2组,H01,10000,2026-10-16,45,120.5,45,王经理',
    'C02,赵二,临县白文镇刘家会村2组,H02,8000,2026-08-02,120,300,120,王经理',
    'C03,孙三,临县白文镇城庄村1组,H03,5000,2027-05-01,0,88,95,李经理',
    'C04,李四,临县白文镇刘家会村2组,H04,6000,2026-11-01,29,50,29,李经理',
    'C05,陈五,临县白文镇刘家会村2组,H05,7000,2026-12-03,0,,,王经理',
    'C07,吴七,临县白文镇城庄村1组,H07,4000,2026-05-14,200,210,200,李经理',
  ].join('\r\n');

async function importBranch(app: Parameters<typeof initBranch>[0]): Promise<Record<string, string>> {
  await initBranch(app);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'handover-e2e-'));
  try {
    const file = path.join(dir, 'branch.csv');
    await writeFile(file, CSV, 'utf8');
    await importFile(app, file, '2026-11-30');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return Object.fromEntries((await app.ctx.db.selectFrom('loans').select(['id', 'loan_no']).execute()).map((r) => [r.loan_no, r.id]));
}

test('待移交: tick two loans, hand them over, they leave the list and the batch is listed', async ({ page, app }) => {
  const ids = await importBranch(app);

  await openSignedIn(page, app);
  await nav(page, '清单').click();
  await page.getByTestId('worklist-tab-handover').click();
  await expect(page.getByTestId('worklist-count')).toHaveText('共 4 笔');
  const grid = page.getByTestId('worklist-grid');
  for (const no of ['H01', 'H07']) {
    await grid.locator(`[row-id="${ids[no]}"] .ag-selection-checkbox input`).first().check();
  }
  await page.getByTestId('handover-open').click();
  const dialog = page.getByTestId('handover-dialog');
  await expect(dialog).toContainText('所选 2 笔贷款，余额合计 14,000.00 元');
  await dialog.getByTestId('handover-receiver').fill('刘科长');
  await dialog.getByTestId('handover-submit').click();
  const batchNo = '白文支行移〔2026〕第001号'; // the branch after its bank’s name (临县农商银行白文支行)
  await expect(dialog.getByTestId('handover-done')).toContainText(batchNo);
  await expect(dialog.getByTestId('handover-print')).toBeVisible();
  await shot(page, 'handover-done');
  await dialog.getByTestId('handover-close').click();

  await expect(page.getByTestId('worklist-count')).toHaveText('共 2 笔');
  await expect(page.getByTestId('worklist-tab-handover')).toContainText('2');
  await expect(grid.locator(`[row-id="${ids.H01}"]`)).toHaveCount(0);
  await expect(grid.locator(`[row-id="${ids.H07}"]`)).toHaveCount(0);
  await expect(grid.locator(`[row-id="${ids.H02}"]`).first()).toBeVisible();

  await page.getByTestId('handover-batches-open').click();
  const batches = page.getByTestId('handover-batches');
  await expect(batches.getByTestId('handover-batch-row')).toHaveCount(1);
  await expect(batches.getByTestId('handover-batch-row')).toContainText(batchNo);
  await expect(batches.getByTestId('handover-batch-row')).toContainText('14,000.00');
  await expect(batches.getByTestId('handover-batch-row')).toContainText('刘科长');

  // 明细 lists the batch's loans; 退回支行 puts one back on the list.
  await batches.getByRole('button', { name: '明细' }).click();
  const lines = batches.getByTestId('handover-lines');
  await expect(lines).toContainText('H01');
  await expect(lines).toContainText('H07');
  await batches.getByTestId('handover-return-reason').fill('欠息已还清');
  page.once('dialog', (d) => void d.accept());
  await lines.locator('tr', { hasText: 'H01' }).getByRole('button', { name: '退回支行' }).click();
  await expect(lines.locator('tr', { hasText: 'H01' })).toContainText('已退回 2026-12-02（欠息已还清）');
  await batches.getByRole('button', { name: '关闭' }).click();
  await expect(page.getByTestId('worklist-count')).toHaveText('共 3 笔');
});

test('诉讼准备: 登记法律措施 on a ticked loan takes it off the list; the household panel shows the step and the limitation it restarted', async ({ page, app }) => {
  const ids = await importBranch(app);
  await openSignedIn(page, app);
  await nav(page, '清单').click();
  await page.getByTestId('worklist-tab-litigation').click();
  await expect(page.getByTestId('worklist-count')).toHaveText('共 2 笔');
  const grid = page.getByTestId('worklist-grid');
  await page.getByTestId('legal-open').click();
  await expect(page.getByTestId('worklist-notice')).toContainText('请勾选一笔贷款');
  await grid.locator(`[row-id="${ids.H02}"] .ag-selection-checkbox input`).first().check();
  await page.getByTestId('legal-open').click();
  const dialog = page.getByTestId('legal-dialog');
  await dialog.getByTestId('legal-kind').selectOption({ label: '支付令' });
  await dialog.getByTestId('legal-date').fill('2026-11-28');
  await dialog.getByTestId('legal-note').fill('已向法院申请');
  await dialog.getByTestId('legal-save').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('worklist-count')).toHaveText('共 1 笔');
  await expect(grid.locator(`[row-id="${ids.H02}"]`)).toHaveCount(0);

  // Still on 待移交; its household panel lists the step.
  await page.getByTestId('worklist-tab-handover').click();
  await grid.locator(`[row-id="${ids.H02}"]`).getByRole('button', { name: '赵二' }).click();
  await expect(page.getByTestId('household-legal-step').first()).toHaveText('支付令 2026-11-28');
  // A payment order restarts the limitation: it now ends three years after it.
  await expect(page.getByTestId('household-limitation').first()).toHaveText('2029-11-28');
});

test('打印走访路线单 appears once a village is chosen and gives the village’s route sheet', async ({ page, app }) => {
  await importBranch(app);
  await openSignedIn(page, app);
  await nav(page, '清单').click();
  await expect(page.getByTestId('route-sheet-print')).toHaveCount(0);
  await page.getByTestId('worklist-village').selectOption({ label: '白文镇 刘家会村' });
  const download = page.waitForEvent('download');
  await page.getByTestId('route-sheet-print').click();
  expect((await download).suggestedFilename()).toBe('刘家会村走访路线单.pdf');
  // H01, H02, H04 overdue and H05 maturing within 7 days: balance plus interest owed.
  await expect(page.getByTestId('worklist-notice')).toContainText('走访路线单共 4 笔，应还 31,470.50 元');
});
