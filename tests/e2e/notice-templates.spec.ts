import { expect, shot, test } from './fixtures';
import { initBranch, nav, openSignedIn } from './flows';

test('通知书模板与抬头: the letterhead saved, a wording edited with a live preview, an unknown placeholder refused, saved and reset', async ({ page, app }) => {
  await initBranch(app);
  await openSignedIn(page, app);
  await nav(page, '通知书模板').click();
  await expect(page.getByRole('heading', { name: '通知书模板与抬头' })).toBeVisible();

  const letterhead = page.getByTestId('letterhead-form');
  await letterhead.getByLabel('银行名称').fill('山西临县农村商业银行');
  await letterhead.getByLabel('支行地址').fill('临县白文镇府前街12号');
  await letterhead.getByLabel('支行电话').fill('0358 4561234');
  await letterhead.getByTestId('letterhead-save').click();
  await expect(letterhead.getByRole('status')).toContainText('抬头已保存');
  await expect(letterhead.getByLabel('支行电话')).toHaveValue('0358-4561234');

  // The overdue notice is shown first, drawn with the sample loan under the new letterhead.
  await expect(page.getByTestId('nt-kind-overdue')).toHaveAttribute('aria-selected', 'true');
  const preview = page.frameLocator('[data-testid=nt-preview]');
  await expect(preview.locator('.lh .org')).toHaveText('山西临县农村商业银行临县农商银行白文支行');
  await expect(preview.locator('.body')).toContainText('张大山');
  await expect(preview.locator('.receipt')).toContainText('回执');

  const body = page.getByTestId('nt-body');
  await body.fill('请{借款人姓名}于十日内归还欠款。');
  await expect(page.getByTestId('nt-problems')).toContainText('{借款人姓名}');
  await expect(page.getByTestId('nt-save')).toBeDisabled();
  await expect(preview.locator('.bad')).toHaveText('{借款人姓名}');

  // A placeholder clicked goes where the cursor is.
  await body.fill('请于十日内归还欠款。');
  await body.focus();
  await body.press('Home');
  await page.getByTestId('nt-placeholders').getByRole('button', { name: '{收件人}' }).click();
  await expect(body).toHaveValue('{收件人}请于十日内归还欠款。');
  await expect(page.getByTestId('nt-problems')).toHaveCount(0);
  await expect(preview.locator('.body')).toContainText('张大山请于十日内归还欠款。');
  await shot(page, 'notice-templates');
  await page.getByTestId('nt-save').click();
  await expect(page.getByTestId('nt-done')).toContainText('已保存');
  await expect(page.getByTestId('nt-kind-overdue')).toContainText('（已修改）');
  const row = await app.ctx.db.selectFrom('notice_templates').selectAll().where('kind', '=', 'overdue').executeTakeFirstOrThrow();
  expect(row.body).toBe('{收件人}请于十日内归还欠款。');

  // Another kind, then back: the saved wording is there.
  await page.getByTestId('nt-kind-reminder').click();
  await expect(page.getByTestId('nt-paper')).toHaveValue('A5');
  await expect(preview.locator('h1')).toHaveText('到期还款提示书');
  await page.getByTestId('nt-kind-overdue').click();
  await expect(body).toHaveValue('{收件人}请于十日内归还欠款。');

  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('nt-reset').click();
  await expect(page.getByTestId('nt-done')).toContainText('已恢复为系统默认内容');
  await expect(body).toHaveValue(/根据《中华人民共和国民法典》/);
  expect(await app.ctx.db.selectFrom('notice_templates').selectAll().execute()).toEqual([]);
});
