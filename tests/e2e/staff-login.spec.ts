import { expect, test } from './fixtures';
import { ADMIN, generateDemoData, initBranch, nav, openSignedIn, signIn } from './flows';

test('an admin gives a demo account manager a login, and the manager signs in', async ({ page, app }) => {
  await initBranch(app);
  await generateDemoData(app);
  const manager = await app.ctx.db.selectFrom('staff').select(['id', 'display_name']).where('role', '=', 'manager').orderBy('username').executeTakeFirstOrThrow();

  await openSignedIn(page, app);
  await nav(page, '设置').click();
  const form = page.getByRole('form', { name: '设置登录' });
  await form.getByLabel('人员').selectOption(manager.id);
  await form.getByLabel('用户名').fill('manager1');
  await form.getByLabel('新密码').fill('short');
  await form.getByLabel('确认密码').fill('short');
  await form.getByRole('button', { name: '设置登录' }).click();
  await expect(form.getByText('密码至少 8 位')).toBeVisible();

  await form.getByLabel('新密码').fill('Manager2026!');
  await form.getByLabel('确认密码').fill('Manager2026!');
  await form.getByRole('button', { name: '设置登录' }).click();
  await expect(form.getByRole('status')).toContainText(`${manager.display_name} 现在可以用用户名 manager1 登录`);

  await page.getByRole('button', { name: '退出登录' }).click();
  await signIn(page, 'manager1', 'Manager2026!');
  await expect(page.getByTestId('current-user')).toHaveText(manager.display_name);
  expect(ADMIN.username).not.toBe('manager1');
});
