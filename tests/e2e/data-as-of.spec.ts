import type { Page } from '@playwright/test';
import { addDays, todayLocal } from '../../electron/shared/dates';
import { csvBytes, SAMPLE, sampleCsvLines } from '../helpers/sample-files';
import { expect, test } from './fixtures';
import { initBranch, nav, openSignedIn } from './flows';

// The backend runs in this process: its today is this one. Dates are relative to it.
const today = todayLocal();
const tomorrow = addDays(today, 1);

/** Picks a file in 导入核心系统文件 (opened from the overview when not yet there); waits for its preview. */
async function pick(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  if (!page.url().endsWith('#/register/import')) await page.getByTestId('open-import').click();
  await page.getByTestId('import-file-input').setInputFiles(file);
  await expect(page.getByTestId('import-preview')).toBeVisible({ timeout: 60_000 });
}

/** Types the as-of date and waits until the preview is worked out for it. */
async function setAsOf(page: Page, date: string) {
  await page.getByTestId('import-as-of').fill(date);
  await expect(page.getByTestId('preview-counts')).toBeVisible();
  await expect(page.getByTestId('import-commit')).toBeEnabled();
}

test('the header shows the register’s data date on every page, updated when an import commits', async ({ page, app }) => {
  await initBranch(app);
  await openSignedIn(page, app);
  const header = page.getByTestId('data-as-of');
  await expect(header).toHaveText('尚未导入数据');

  // The sample .csv names no date: the user gives one.
  const asOf = addDays(today, -3);
  await pick(page, SAMPLE.csv);
  await setAsOf(page, asOf);
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-result')).toBeVisible({ timeout: 60_000 });
  await expect(header).toHaveText(`数据截至 ${asOf}`);

  for (const label of ['台账', '设置']) {
    await nav(page, label).click();
    await expect(page.getByTestId('data-as-of')).toHaveText(`数据截至 ${asOf}`);
  }
  await page.reload();
  await expect(page.getByTestId('data-as-of')).toHaveText(`数据截至 ${asOf}`);
});

test('an as-of date after today is refused in Chinese, and a file’s own future date is not taken', async ({ page, app }) => {
  await initBranch(app);
  await openSignedIn(page, app);
  // The browser's today is the backend's (fixtures.ts pins its clock), whatever the real date.
  expect(await page.evaluate(() => new Date().toLocaleDateString('sv-SE'))).toBe(today);

  await pick(page, SAMPLE.csv);
  await page.getByTestId('import-as-of').fill(tomorrow);
  await expect(page.getByTestId('form-error')).toHaveText(`数据日期 ${tomorrow} 晚于今天（${today}），请检查日期是否写错。`);
  await expect(page.getByTestId('import-commit')).toBeDisabled();

  // A file that says it is from tomorrow: the preview sets the date aside and asks for one.
  const dated = csvBytes([`数据日期：${tomorrow}`, ...sampleCsvLines()]);
  await page.getByTestId('import-cancel').click();
  await pick(page, { name: 'dated.csv', mimeType: 'text/csv', buffer: dated });
  await expect(page.getByTestId('import-as-of')).toHaveValue('');
  await expect(page.getByTestId('import-preview')).toContainText(`文件中的数据日期 ${tomorrow} 晚于今天（${today}），未采用。请填写核心系统导出数据的日期。`);
  await expect(page.getByTestId('import-commit')).toBeDisabled();

  const { n } = await app.ctx.db.selectFrom('imports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  expect(Number(n)).toBe(0);
  await expect(page.getByTestId('data-as-of')).toHaveText('尚未导入数据');
});

test('an as-of date more than a year back shows a warning and asks before committing', async ({ page, app }) => {
  await initBranch(app);
  await openSignedIn(page, app);
  const old = addDays(today, -400);
  const question = `数据日期 ${old} 距今已超过一年。请确认日期没有写错。`;

  await pick(page, SAMPLE.csv);
  await setAsOf(page, old);
  await expect(page.getByTestId('preview-as-of-warning')).toHaveText(question);

  const asked: string[] = [];
  page.once('dialog', (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await page.getByTestId('import-commit').click();
  await expect.poll(() => asked).toEqual([`${question}确定按此日期导入吗？`]);
  await expect(page.getByTestId('import-result')).toHaveCount(0);

  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-result')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('data-as-of')).toHaveText(`数据截至 ${old}`);
});
