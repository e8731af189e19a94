import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { WorklistOptions } from '../../electron/shared/api/worklists';
import { holdWriteLock } from '../helpers/write-lock-holder';
import { expect, shot, test, type AppUnderTest } from './fixtures';
import { asAdmin, importFile, initBranch, nav, openSignedIn } from './flows';

/**
 * Four loans in two villages, as of 2026-12-01 (the backend's today is 2026-12-02): in 城庄村
 * 赵五 and 钱六 are overdue, 孙七 is not; in 刘家会村 张三 is overdue.
 */
const BRANCH_CSV = [
  '客户编号,借款人姓名,住址,借据号,余额,本金逾期天数,欠息,到期日,客户经理',
  'C1,张三,临县白文镇刘家会村1组,L-A1,50000,40,800,2026-10-22,王经理',
  'C3,赵五,临县白文镇城庄村1组,L-B1,30000,154,1234.5,2025-06-30,李经理',
  'C4,钱六,临县白文镇城庄村2组,L-B2,12000,20,0,2026-11-11,李经理',
  'C5,孙七,临县白文镇城庄村3组,L-B3,8000,0,0,2027-03-01,李经理',
].join('\r\n');

async function importBranch(app: AppUnderTest): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'notices-e2e-'));
  try {
    const file = path.join(dir, '贷款明细-1201.csv');
    await writeFile(file, `\ufeff${BRANCH_CSV}`, 'utf8');
    await importFile(app, file, '2026-12-01');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The 通知书 link (not 通知书模板). */
const noticesLink = (page: Page) => page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '通知书', exact: true });

/** One loan's row on /limitation, searched by its number (a search looks at every loan). */
async function limitationRow(page: Page, loanNo: string) {
  await nav(page, '诉讼时效').click();
  await expect(page.getByRole('heading', { name: '诉讼时效' })).toBeVisible();
  await page.getByLabel('借据号或姓名').fill(loanNo);
  const row = page.getByTestId('limitation-grid').locator('.ag-row').filter({ hasText: loanNo });
  await expect(row).toHaveCount(1);
  return row;
}

test('通知书: the month\'s overdue notices for one village saved as a PDF with their numbers; a receipt scanned into the scan field moves the loan\'s limitation expiry; a second scan of it is refused', async ({ page, app }) => {
  await initBranch(app);
  await importBranch(app);
  const options = await asAdmin<WorklistOptions>(app, 'worklists.options', {});
  const chengzhuang = options.villages.find((v) => v.name === '城庄村')!;

  await openSignedIn(page, app);

  // Before: the clock runs from maturity (2025-06-30), three years.
  const before = await limitationRow(page, 'L-B1');
  await expect(before.locator('[col-id="expiresOn"]')).toHaveText('2028-06-30');
  await expect(before.locator('[col-id="lastInterruption"]')).toHaveText('无');

  // 发放通知书: 逾期贷款催收通知书 for 城庄村 → 预览: two notices, one loan not overdue.
  await noticesLink(page).click();
  await expect(page.getByRole('heading', { name: '催收通知书' })).toBeVisible();
  await expect(page.getByTestId('notice-kind')).toHaveValue('overdue');
  await page.getByTestId('notice-scope-village').check();
  await page.getByTestId('notice-village').selectOption(chengzhuang.id);
  await page.getByTestId('notice-preview').click();
  await expect(page.getByTestId('notice-plan-count')).toHaveText('2');
  await expect(page.getByTestId('notice-plan-skipped')).toContainText('未发 1 笔：未逾期');
  await expect(page.getByTestId('notice-plan')).toContainText('赵五');
  await expect(page.getByTestId('notice-plan')).toContainText('钱六');
  await expect(page.getByTestId('notice-plan')).not.toContainText('张三');
  await expect(page.frameLocator('[data-testid="notice-sample"]').locator('body')).toContainText('赵五');
  await shot(page, 'notices-plan');

  // 保存 PDF: numbers 0001–0002 of 2026, the SHA-256 shown is the file's.
  const download = page.waitForEvent('download');
  await page.getByTestId('notice-save-pdf').click();
  const file = await download;
  await expect(page.getByTestId('notice-done')).toBeVisible();
  await expect(page.getByTestId('notice-done-count')).toHaveText('2');
  await expect(page.getByTestId('notice-done-first')).toHaveText(/催字〔2026〕第0001号$/);
  await expect(page.getByTestId('notice-done-last')).toHaveText(/催字〔2026〕第0002号$/);
  const pdf = await readFile(await file.path());
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await expect(page.getByTestId('notice-done-sha256')).toHaveText(createHash('sha256').update(pdf).digest('hex'));
  await shot(page, 'notices-issued');

  // 本月未发催收: only 张三's loan in 刘家会村 is left this month.
  await page.getByTestId('notice-tab-unnoticed').click();
  await expect(page.getByTestId('unnoticed-count')).toHaveText('共 1 笔');
  await expect(page.getByTestId('unnoticed-balance')).toHaveText('余额 50,000.00 元');
  await expect(page.getByTestId('unnoticed-grid').locator('[col-id="loanNo"]').filter({ hasText: 'L-A1' })).toHaveCount(1);
  // 发催收通知书 with nothing ticked: the whole list is the next batch's scope.
  await page.getByTestId('unnoticed-issue').click();
  await expect(page.getByTestId('notice-scope-loans')).toBeChecked();
  await expect(page.getByTestId('notice-scope')).toContainText('本月（2026-12）未发催收的 1 笔贷款');
  await page.getByTestId('notice-preview').click();
  await expect(page.getByTestId('notice-plan-count')).toHaveText('1');
  await expect(page.getByTestId('notice-plan')).toContainText('张三');

  // 通知书登记簿: both notices 已发出; the scan field has the focus.
  await page.getByTestId('notice-tab-register').click();
  await expect(page.getByTestId('notice-register-count')).toHaveText('共 2 份');
  const scan = page.getByTestId('receipt-scan');
  await expect(scan).toBeFocused();
  const grid = page.getByTestId('notice-register-grid');
  await page.getByTestId('notice-filter-text').fill('L-B1');
  await expect(page.getByTestId('notice-register-count')).toHaveText('共 1 份');
  const zhaoRow = grid.locator('[role="row"]').filter({ hasText: 'L-B1' });
  await expect(zhaoRow.locator('[col-id="borrowerName"]')).toHaveText('赵五');
  const code = (await zhaoRow.locator('[col-id="scanCode"]').innerText()).trim();
  expect(code).toMatch(/^CS-2026-000[12]$/);
  await expect(zhaoRow.locator('[col-id="delivery"]')).toHaveText('已发出');
  await scan.focus();

  // A scanner types the code, then Enter.
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  const confirmation = page.getByTestId('receipt-confirmation');
  await expect(confirmation).toContainText('赵五');
  const noticeNo = (await zhaoRow.locator('[col-id="noticeNo"]').innerText()).trim();
  expect(noticeNo).toMatch(new RegExp(`催字〔2026〕第${code.slice(-4)}号$`));
  await expect(confirmation).toContainText(noticeNo);
  await expect(confirmation).toContainText('31,234.50 元');
  await expect(confirmation).toContainText('2026-12-02');
  await expect(scan).toHaveValue('');
  await expect(scan).toBeFocused();
  await expect(zhaoRow.locator('[col-id="delivery"]')).toHaveText('回执已收回');
  await expect(zhaoRow.locator('[col-id="receiptOn"]')).toHaveText('2026-12-02');
  await shot(page, 'notices-receipt');

  // The same slip again: refused, with the date it came back.
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('receipt-error')).toContainText('已于 2026-12-02 登记收回');
  await expect(page.getByTestId('receipt-error')).toHaveAttribute('role', 'alert');
  await expect(page.getByTestId('receipt-scans')).toContainText('本次扫描 2 张，成功 1 张');

  // After: the clock restarts at the receipt, three years on.
  const after = await limitationRow(page, 'L-B1');
  await expect(after.locator('[col-id="expiresOn"]')).toHaveText('2029-12-02');
  await expect(after.locator('[col-id="lastInterruption"]')).toHaveText(`2026-12-02 催收通知回执 ${noticeNo}`);
});

test('发通知书 from a household, a worklist and the village register; a notice marked 无法送达, then 作废: its receipt is refused; an unknown code is an error', async ({ page, app }) => {
  await initBranch(app);
  await importBranch(app);
  await openSignedIn(page, app);
  const zhang = await app.ctx.db.selectFrom('loans').select('id').where('loan_no', '=', 'L-A1').executeTakeFirstOrThrow();
  const liujiahui = await app.ctx.db.selectFrom('villages').select('id').where('name', '=', '刘家会村').executeTakeFirstOrThrow();

  // A household's panel: 发通知书 is its loans, and the panel makes way for the page.
  await page.getByTestId('global-search').fill('张三');
  await page.getByTestId('search-hit').filter({ hasText: '张三' }).first().click();
  await shot(page, 'household-notice-issue');
  await page.getByTestId('household-panel').getByTestId('household-notice-issue').click();
  await expect(page.getByRole('heading', { name: '催收通知书' })).toBeVisible();
  await expect(page.getByTestId('household-panel')).toHaveCount(0);
  await expect(page.getByTestId('notice-scope-loans')).toBeChecked();
  await expect(page.getByTestId('notice-scope')).toContainText('张三的 1 笔在贷贷款');
  await page.getByTestId('notice-preview').click();
  await expect(page.getByTestId('notice-plan-count')).toHaveText('1');
  await expect(page.getByTestId('notice-plan')).toContainText('L-A1');

  // The village register: 发通知书 with nothing ticked is the whole village.
  await page.goto(`${app.url}/#/register/village/${liujiahui.id}`);
  await page.getByTestId('notice-issue-open').click();
  await expect(page.getByRole('heading', { name: '催收通知书' })).toBeVisible();
  await expect(page.getByTestId('notice-scope-village')).toBeChecked();
  await expect(page.getByTestId('notice-village')).toHaveValue(liujiahui.id);

  // 全部逾期: tick 张三's loan, 发通知书 → the batch is that loan.
  await nav(page, '清单').click();
  await page.getByTestId('worklist-tab-overdue').click();
  await expect(page.getByTestId('worklist-count')).toHaveText('共 3 笔');
  await page.getByTestId('worklist-grid').locator(`[row-id="${zhang.id}"] .ag-selection-checkbox input`).first().check();
  await page.getByTestId('notice-issue-open').click();
  await expect(page.getByRole('heading', { name: '催收通知书' })).toBeVisible();
  await expect(page.getByTestId('notice-scope-loans')).toBeChecked();
  await expect(page.getByTestId('notice-scope')).toContainText('工作清单中勾选的 1 笔贷款');
  await page.getByTestId('notice-preview').click();
  await expect(page.getByTestId('notice-plan-count')).toHaveText('1');
  await expect(page.getByTestId('notice-plan')).toContainText('张三');
  const download = page.waitForEvent('download');
  await page.getByTestId('notice-save-pdf').click();
  await download;
  await expect(page.getByTestId('notice-done-first')).toHaveText(/催字〔2026〕第0001号$/);

  // The register: 无法送达 with a note, then 作废 with the reason.
  await page.getByTestId('notice-tab-register').click();
  const row = page.getByTestId('notice-register-grid').locator('[role="row"]').filter({ hasText: 'L-A1' });
  await expect(row.locator('[col-id="delivery"]')).toHaveText('已发出');
  // Its batch's PDF again, from the file kept.
  const again = page.waitForEvent('download');
  await row.getByTestId('notice-row-pdf').click();
  expect((await again).suggestedFilename()).toMatch(/催字〔2026〕第0001号等1份\.pdf$/);
  await expect(page.getByTestId('notice-register-notice')).toContainText('已保存');
  await row.getByTestId('notice-row-undeliverable').click();
  await page.getByTestId('notice-action-note').fill('外出务工，家中无人');
  await page.getByTestId('notice-action-save').click();
  await expect(row.locator('[col-id="delivery"]')).toHaveText('无法送达');
  await row.getByTestId('notice-row-cancel').click();
  await page.getByTestId('notice-action-save').click();
  await expect(page.getByTestId('notice-action-error')).toHaveText('请填写作废原因');
  await page.getByTestId('notice-action-note').fill('地址有误，重新出具');
  await page.getByTestId('notice-action-save').click();
  await expect(row.locator('[col-id="status"]')).toHaveText('已作废：地址有误，重新出具');
  await expect(page.getByTestId('notice-register-notice')).toContainText('已作废');

  // Its receipt, and a code nobody issued: refused, the field ready for the next.
  const code = (await row.locator('[col-id="scanCode"]').innerText()).trim();
  await page.getByTestId('receipt-scan').focus();
  await page.keyboard.type(code);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('receipt-error')).toContainText('已作废（地址有误，重新出具），不能登记回执');
  await page.keyboard.type('CS-2026-9999');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('receipt-error')).toContainText('找不到编号为“CS-2026-9999”的通知书');
  await expect(page.getByTestId('receipt-scan')).toBeFocused();
  await expect(page.getByTestId('receipt-scans')).toContainText('本次扫描 2 张，成功 0 张');
});

test('取消 while a large batch renders: its numbers are void in the register, and the next batch goes on after them (waiting, and saying so, while another program writes)', async ({ page, app }) => {
  test.setTimeout(240_000);
  await initBranch(app);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'notices-cancel-e2e-'));
  try {
    const rows = Array.from({ length: 1500 }, (_, i) => `D${i},户${i},临县白文镇高家塔村${i % 9}组,L-D${String(i).padStart(4, '0')},1000,30,0,2026-11-01,王经理`);
    const file = path.join(dir, '贷款明细-1201.csv');
    await writeFile(file, `\ufeff${[BRANCH_CSV.split('\r\n')[0], ...rows, BRANCH_CSV.split('\r\n')[1]].join('\r\n')}`, 'utf8');
    await importFile(app, file, '2026-12-01');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const options = await asAdmin<WorklistOptions>(app, 'worklists.options', {});
  const big = options.villages.find((v) => v.name === '高家塔村')!;
  const small = options.villages.find((v) => v.name === '刘家会村')!;

  await openSignedIn(page, app);
  await noticesLink(page).click();
  await page.getByTestId('notice-scope-village').check();
  await page.getByTestId('notice-village').selectOption(big.id);
  await page.getByTestId('notice-preview').click();
  await expect(page.getByTestId('notice-plan-count')).toHaveText('1,500');

  await page.getByTestId('notice-save-pdf').click();
  const progress = page.getByTestId('notice-progress');
  // Numbers taken, Chromium rendering: then 取消.
  await expect(progress).toContainText('正在生成通知书', { timeout: 60_000 });
  await shot(page, 'notices-progress');
  await progress.getByRole('button', { name: '取消' }).click();
  await expect(page.getByTestId('notice-error')).toContainText('已取消打印。本批已编的号全部作废', { timeout: 60_000 });
  await expect(progress).toBeHidden();
  await expect(page.getByTestId('notice-done')).toBeHidden();

  // The register keeps the 1,500 numbers as 已作废.
  await page.getByTestId('notice-tab-register').click();
  await page.getByTestId('notice-filter-status').selectOption('cancelled');
  await expect(page.getByTestId('notice-register-count')).toHaveText('共 1,500 份');
  await expect(page.getByTestId('notice-register-grid').locator('[role="gridcell"][col-id="status"]').first()).toHaveText('已作废：打印已取消');

  // The next batch's number follows the void ones: none is reused.
  await page.getByTestId('notice-tab-issue').click();
  await page.getByTestId('notice-scope-village').check();
  await page.getByTestId('notice-village').selectOption(small.id);
  await page.getByTestId('notice-preview').click();
  await expect(page.getByTestId('notice-plan-count')).toHaveText('1');
  const download = page.waitForEvent('download');
  // Another program writing (the command line importing): the batch says that it waits, and prints once that one is done.
  const lock = await holdWriteLock(app.dbPath);
  try {
    await page.getByTestId('notice-save-pdf').click();
    await expect(progress).toContainText('另一个程序正在写入数据库（例如命令行导入），正在等它写完');
  } finally {
    await lock.release();
  }
  await download;
  await expect(page.getByTestId('notice-done-first')).toHaveText(/催字〔2026〕第1501号$/);
});
