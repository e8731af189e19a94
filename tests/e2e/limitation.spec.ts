import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, shot, test, type AppUnderTest } from './fixtures';
import { importFile, initBranch, nav, openSignedIn } from './flows';

/** As of 2026-12-01 (the backend's today is 2026-12-02): L-1's limitation ends 2027-01-10, L-2's ended 2026-06-01, L-3's is years away. */
const CSV = [
  '客户编号,借款人姓名,住址,借据号,放款日,余额,本金逾期天数,欠息,到期日,客户经理',
  'C1,张三,临县白文镇刘家会村1组,L-1,2023-01-10,50000,1056,800,2024-01-10,王经理',
  'C2,李四,临县白文镇刘家会村2组,L-2,2022-06-01,30000,1279,1200,2023-06-01,王经理',
  'C3,王五,临县白文镇城庄村1组,L-3,2026-01-05,8000,0,0,2027-01-05,李经理',
].join('\r\n');

async function importLoans(app: AppUnderTest): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'limitation-e2e-'));
  try {
    const file = path.join(dir, '贷款明细-1201.csv');
    await writeFile(file, `\ufeff${CSV}`, 'utf8');
    await importFile(app, file, '2026-12-01');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

test('诉讼时效: 即将届满 and 已届满 with their ends; a search finds a loan; a written acknowledgement recorded in its panel moves its end', async ({ page, app }) => {
  await initBranch(app);
  await importLoans(app);
  await openSignedIn(page, app);
  await nav(page, '诉讼时效').click();
  await expect(page.getByRole('heading', { name: '诉讼时效' })).toBeVisible();

  const grid = page.getByTestId('limitation-grid');
  const rows = grid.locator('.ag-row');
  await expect(page.getByTestId('limitation-count')).toHaveText('共 1 笔');
  await expect(rows.filter({ hasText: 'L-1' }).locator('[col-id="expiresOn"]')).toHaveText('2027-01-10');
  await expect(rows.filter({ hasText: 'L-1' }).locator('[col-id="lastInterruption"]')).toHaveText('无');

  await page.getByRole('radio', { name: '已届满' }).check();
  await expect(page.getByTestId('limitation-count')).toHaveText('共 1 笔');
  await expect(rows.filter({ hasText: 'L-2' }).locator('[col-id="expiresOn"]')).toHaveText('2026-06-01');

  // A search looks at every loan: L-3 is on neither list.
  await page.getByLabel('借据号或姓名').fill('L-3');
  await expect(page.getByRole('radio', { name: '全部' })).toBeChecked();
  await expect(rows).toHaveCount(1);
  await expect(rows.locator('[col-id="expiresOn"]')).toHaveText('2030-01-05');

  await page.getByLabel('借据号或姓名').fill('张三');
  const row = rows.filter({ hasText: 'L-1' });
  await expect(row).toHaveCount(1);
  await row.locator('[col-id="expiresOn"]').click();
  const detail = page.getByTestId('limitation-detail');
  await expect(detail.getByTestId('limitation-detail-expires')).toContainText('2027-01-10');
  await expect(detail.getByTestId('limitation-events')).toContainText('时效自到期日起算');

  await detail.getByTestId('limitation-record-kind').selectOption('acknowledgement');
  await detail.getByTestId('limitation-record-date').fill('2026-11-15');
  await detail.getByTestId('limitation-record-note').fill('还款承诺书');
  await detail.getByTestId('limitation-record-save').click();
  await expect(detail.getByTestId('limitation-record-message')).toContainText('已登记');
  await expect(detail.getByTestId('limitation-detail-expires')).toContainText('2029-11-15');
  await expect(row.locator('[col-id="expiresOn"]')).toHaveText('2029-11-15');
  await expect(row.locator('[col-id="lastInterruption"]')).toHaveText('2026-11-15 书面确认 还款承诺书');
  await shot(page, 'limitation-detail');

  // A date after today is refused, in Chinese.
  await detail.getByTestId('limitation-record-date').fill('2026-12-20');
  await detail.getByTestId('limitation-record-save').click();
  await expect(detail.getByTestId('limitation-record-message')).toContainText('不能晚于');
});
