import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import * as XLSX from '@e965/xlsx';
import { dispatch } from '../../electron/backend/rpc/dispatch';
import { addDays, todayLocal } from '../../electron/shared/dates';
import { formatYuan } from '../../electron/shared/money';
import { coreExportXlsx } from '../bench/core-export-file';
import { loanCsv } from '../helpers/loan-csv';
import { SAMPLE } from '../helpers/sample-files';
import { holdWriteLock } from '../helpers/write-lock-holder';
import { expect, shot, test, type AppUnderTest } from './fixtures';
import { ADMIN, initBranch, openSignedIn } from './flows';

test('取消 during the preview of a large file returns to the file picker, which then works as before', async ({ page, app }) => {
  test.setTimeout(180_000);
  await initBranch(app);
  await openSignedIn(page, app);
  await page.goto(`${app.url}/#/register/import`);

  // 20,000 loans: the backend reads this for seconds.
  await page.getByTestId('import-file-input').setInputFiles({
    name: '全县贷款.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(coreExportXlsx(20_000)),
  });
  const progress = page.getByTestId('import-progress');
  await expect(progress).toContainText('正在分析 全县贷款.xlsx');
  await progress.getByRole('button', { name: '取消' }).click();

  await expect(progress).toBeHidden();
  await expect(page.getByTestId('import-notice')).toHaveText('已取消读取 全县贷款.xlsx。');
  await expect(page.getByTestId('import-error')).toBeHidden();
  await expect(page.getByTestId('import-file-input')).toBeEnabled();
  await expect(page.locator('label[for="import-file"]')).toHaveText('选择文件…');

  // The next file goes through; the cancelled call's end changes nothing on the page.
  await page.getByTestId('import-file-input').setInputFiles(SAMPLE.xlsx);
  await expect(page.getByTestId('import-preview')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('import-notice')).toBeHidden();
  await expect(page.getByTestId('import-preview')).not.toContainText('全县贷款');
});

test('取消导入 while the import is being written rolls it back: nothing imported, and 确认导入 again imports the file', async ({ page, app }) => {
  test.setTimeout(180_000);
  await initBranch(app);
  await openSignedIn(page, app);
  await page.goto(`${app.url}/#/register/import`);
  const loans = 12_000;
  await page.getByTestId('import-file-input').setInputFiles({
    name: '全县贷款.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(coreExportXlsx(loans)),
  });
  await expect(page.getByTestId('preview-count-inserted')).toHaveText('12,000', { timeout: 90_000 });
  const logged = async () => (await app.ctx.db.selectFrom('change_log').select('seq').execute()).length;
  const before = await logged();

  await page.getByTestId('import-commit').click();
  // Once a table's rows are written, in the import's open transaction.
  const writing = page.getByTestId('import-commit-progress');
  await expect(writing).toContainText(/正在写入数据库：[1-9]\d*%/, { timeout: 30_000 });
  // The date and 完整导出 cannot be changed under it (a replan would offer 确认导入 again).
  await expect(page.getByTestId('import-as-of')).toBeDisabled();
  await expect(page.getByTestId('import-full-export')).toBeDisabled();
  await page.getByTestId('import-commit-cancel').click();

  await expect(page.getByTestId('import-commit-cancelled')).toHaveText('已取消导入，数据库没有任何改动。可以再次确认导入，或取消后重新选择文件。', { timeout: 30_000 });
  await expect(writing).toBeHidden();
  await expect(page.getByTestId('import-result')).toHaveCount(0);
  expect(await app.ctx.db.selectFrom('loans').select('id').execute()).toHaveLength(0);
  expect(await logged()).toBe(before);

  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-result').getByTestId('result-count-inserted')).toHaveText('12,000', { timeout: 90_000 });
  expect(await app.ctx.db.selectFrom('loans').select('id').execute()).toHaveLength(loans);
});

test('确认导入 while another program writes (the command line importing) says it waits for it, and 取消导入 stops the wait', async ({ page, app }) => {
  test.setTimeout(120_000);
  await previewOf200Loans(page, app);

  const lock = await holdWriteLock(app.dbPath);
  try {
    await page.getByTestId('import-commit').click();
    const writing = page.getByTestId('import-commit-progress');
    await expect(writing).toContainText('另一个程序正在写入数据库（例如命令行导入），正在等它写完');
    await page.getByTestId('import-commit-cancel').click();
    await expect(page.getByTestId('import-commit-cancelled')).toContainText('已取消导入，数据库没有任何改动。');
    await expect(writing).toBeHidden();
    expect(lock.holding()).toBe(true);
  } finally {
    await lock.release();
  }
  expect(await app.ctx.db.selectFrom('loans').select('id').execute()).toHaveLength(0);

  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-result').getByTestId('result-count-inserted')).toHaveText('200', { timeout: 60_000 });
});

test('leaving the import page while it is written: every page says so, and that it shows the register as before; then what came of it', async ({ page, app }) => {
  test.setTimeout(120_000);
  await previewOf200Loans(page, app);

  // Another program's write lock keeps the import from being written while the clerk looks elsewhere.
  const lock = await holdWriteLock(app.dbPath);
  const banner = page.getByTestId('import-writing');
  try {
    await page.getByTestId('import-commit').click();
    await expect(page.getByTestId('import-commit-progress')).toContainText('另一个程序正在写入数据库');
    // The preview says it itself.
    await expect(banner).toHaveCount(0);
    await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '台账', exact: true }).click();
    await expect(banner).toContainText('正在导入 贷款.xlsx（另一个程序正在写入数据库');
    await expect(banner).toContainText('写完之前，各页显示的是导入前的数据，其他保存要等它写完。');
    // The overview answers meanwhile, with the register as it was: empty.
    await expect(page.getByRole('main')).toContainText('尚无数据');
    await shot(page, 'import-writing-elsewhere');
  } finally {
    await lock.release();
  }
  await expect(banner).toContainText('已导入 贷款.xlsx：新增 200 笔', { timeout: 60_000 });
  await page.getByTestId('import-writing-close').click();
  await expect(banner).toHaveCount(0);
  await page.getByRole('main').getByRole('button', { name: '刷新' }).click();
  await expect(page.getByTestId('villages-grid')).toBeVisible();
  expect(await app.ctx.db.selectFrom('loans').select('id').execute()).toHaveLength(200);
});

/** A set-up branch, signed in, on the preview of a file of 200 new loans named 贷款.xlsx. */
async function previewOf200Loans(page: Page, app: AppUnderTest): Promise<void> {
  await initBranch(app);
  await openSignedIn(page, app);
  await page.goto(`${app.url}/#/register/import`);
  await page.getByTestId('import-file-input').setInputFiles({
    name: '贷款.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(coreExportXlsx(200)),
  });
  await expect(page.getByTestId('preview-count-inserted')).toHaveText('200', { timeout: 60_000 });
}

/** One village of `loans` loans, imported straight through the backend; returns its id. */
async function villageOf(app: AppUnderTest, loans: number): Promise<string> {
  const login = await dispatch(app.ctx, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
  if (!login.ok) throw new Error(login.error.message);
  const { token } = login.value as { token: string };
  const run = async (name: string, args: unknown) => {
    const result = await dispatch(app.ctx, name, args, { token });
    if (!result.ok) throw new Error(`${name} failed: ${result.error.message}`);
    return result.value as Record<string, any>;
  };
  // The backend's today (pinned), not the machine's clock: after the pin, the clock's date minus two is after it.
  const asOf = addDays(todayLocal(), -2);
  const preview = await run('imports.preview', { fileName: 'village.csv', contentBase64: loanCsv(loans).toString('base64'), fullExport: true });
  await run('imports.commit', { previewId: preview.previewId, asOf, fullExport: true, confirmAsOf: true });
  const overview = await run('villages.overview', {});
  await dispatch(app.ctx, 'auth.logout', {}, { token });
  return overview.rows[0].villageId as string;
}

test('取消 while the village register is being printed stops it: no PDF, nothing logged, and printing again works', async ({ page, app }) => {
  test.setTimeout(180_000);
  await initBranch(app);
  const villageId = await villageOf(app, 1000);
  await openSignedIn(page, app);
  await page.goto(`${app.url}/#/register/village/${villageId}`);

  let downloads = 0;
  page.on('download', () => downloads++);
  await page.getByTestId('print-village').click();
  await expect(page.getByTestId('print-village')).toHaveText('正在生成…');
  await page.getByTestId('print-cancel').click();

  await expect(page.getByTestId('register-notice')).toContainText('已取消打印。');
  await expect(page.getByTestId('print-cancel')).toBeHidden();
  await expect(page.getByTestId('print-village')).toHaveText('打印清册');
  await expect(page.getByTestId('print-village')).toBeEnabled();

  // Printing again works. The backend stopped the cancelled print: had it gone on, it would have
  // finished first (it started first) and been logged as an export of personal data too.
  const download = page.waitForEvent('download', { timeout: 90_000 });
  await page.getByTestId('print-village').click();
  expect((await download).suggestedFilename()).toMatch(/贷款清册\.pdf$/);
  expect(downloads).toBe(1);
  expect(await app.ctx.db.selectFrom('export_log').select('id').where('kind', '=', 'register-pdf').execute()).toHaveLength(1);
});

test('导出 Excel of 全部贷款 shows how far it is and 取消 stops it: no file, nothing logged; exporting again gives every loan', async ({ page, app }) => {
  test.setTimeout(240_000);
  await initBranch(app);
  // Fifteen of the export's 2,000-loan pages: seconds of writing, each page reported.
  const loans = 30_000;
  await villageOf(app, loans);
  await openSignedIn(page, app);
  await page.goto(`${app.url}/#/register/all`);
  await expect(page.getByTestId('register-row-count')).toHaveText('共 30,000 笔贷款');

  let downloads = 0;
  page.on('download', () => downloads++);
  const exportButton = page.getByTestId('export-xlsx');
  await exportButton.click();
  await expect(exportButton).toHaveText(/^正在导出 \d+%…$/, { timeout: 60_000 });
  await page.getByTestId('export-cancel').click();

  await expect(page.getByTestId('register-notice')).toContainText('已取消导出。');
  await expect(page.getByTestId('export-cancel')).toBeHidden();
  await expect(exportButton).toHaveText('导出 Excel');
  await expect(exportButton).toBeEnabled();

  // Exporting again works. The backend stopped the cancelled export between pages: had it gone
  // on, it would have finished first (it started first) and been logged as an export too.
  const download = page.waitForEvent('download', { timeout: 120_000 });
  await exportButton.click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
  expect(downloads).toBe(1);
  const logged = await app.ctx.db.selectFrom('export_log').select(['rows']).where('kind', '=', 'register-xlsx').execute();
  expect(logged).toEqual([{ rows: loans }]);

  // Every loan, and the totals row's balance is the register's.
  const book = XLSX.read(readFileSync((await file.path())!));
  const sheet = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]], { header: 1, defval: null });
  const headerAt = sheet.findIndex((r) => (r as unknown[]).includes('余额(元)'));
  const totalsAt = sheet.findIndex((r) => (r as unknown[])[0] === '合计');
  expect(totalsAt - headerAt - 1).toBe(loans);
  const { balance } = await app.ctx.db.selectFrom('loans').select((eb) => eb.fn.sum<number>('balance_fen').as('balance')).executeTakeFirstOrThrow();
  const balanceColumn = (sheet[headerAt] as unknown[]).indexOf('余额(元)');
  expect(formatYuan(Math.round(Number(sheet[totalsAt][balanceColumn]) * 100))).toBe(formatYuan(Number(balance)));
});
