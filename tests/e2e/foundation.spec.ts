import { sql } from 'kysely';
import { formatYuan } from '../../electron/shared/money';
import { expect, shot, test } from './fixtures';
import { ADMIN, BRANCH, generateDemoData, initBranch, nav, openSignedIn, signIn } from './flows';

/** 7012 → "7,012", as the summary strip shows counts. */
const grouped = (n: number) => n.toLocaleString('en-US');

test('first run: setup, sign in, generate demo data, villages overview matches the database', async ({ page, app }) => {
  // demo.generate writes ~9,000 loans through the change-logged write path: seconds when idle, a minute or more on a busy CI box.
  test.setTimeout(240_000);
  await page.goto(app.url);

  // First-run setup.
  await expect(page.getByRole('heading', { name: '初始设置' })).toBeVisible();
  await shot(page, 'setup');
  const setup = page.getByRole('form', { name: '初始设置' });
  await setup.getByLabel('机构号').fill(BRANCH.code);
  await setup.getByLabel('机构名称').fill(BRANCH.name);
  await setup.getByLabel('用户名').fill(ADMIN.username);
  await setup.getByLabel('姓名').fill(ADMIN.displayName);
  await setup.getByLabel('密码', { exact: true }).fill(ADMIN.password);
  await setup.getByLabel('确认密码').fill(ADMIN.password);
  await setup.getByRole('button', { name: '完成设置' }).click();

  // Login, with the admin's user name already filled in.
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  await expect(page.getByTestId('login-notice')).toContainText('初始设置已完成');
  await expect(page.getByRole('form', { name: '登录' }).getByLabel('用户名')).toHaveValue(ADMIN.username);
  await shot(page, 'login');
  await signIn(page, ADMIN.username, ADMIN.password);

  // The shell: branch, user and role in the header; 台账 is the start page, still empty.
  await expect(page.getByTestId('branch-name')).toContainText(BRANCH.name);
  await expect(page.getByTestId('current-user')).toHaveText(ADMIN.displayName);
  await expect(page.locator('.app-header')).toContainText('管理员');
  await expect(page).toHaveURL(/#\/register$/);
  await expect(page.getByTestId('empty-state')).toHaveText(
    '尚无数据。可在 设置 中生成演示数据，或导入核心系统导出文件。',
  );

  // 设置 → 生成演示数据.
  await nav(page, '设置').click();
  await expect(page).toHaveURL(/#\/settings$/);
  await expect(page.getByTestId('settings-branch-code')).toHaveText(BRANCH.code);
  // How a Windows administrator lets another account use the data folder (the installer's group).
  await expect(page.getByTestId('settings-windows-access')).toContainText('net localgroup "BranchLedger 用户" 用户名 /add');
  await page.getByTestId('generate-demo').click();
  await expect(page.getByTestId('generate-demo')).toBeDisabled();
  await expect(page.getByTestId('demo-result')).toBeVisible({ timeout: 180_000 });
  const demoVillages = Number((await page.getByTestId('demo-villages').innerText()).replace(/,/g, ''));
  expect(demoVillages).toBeGreaterThan(0);
  // The generated account managers are now on the staff list.
  await expect(page.getByTestId('staff-grid')).toContainText('客户经理');
  await shot(page, 'settings');

  // What the database holds.
  const db = app.ctx.db;
  const { villages } = await db
    .selectFrom('villages')
    .select((eb) => eb.fn.countAll<number>().as('villages'))
    .executeTakeFirstOrThrow();
  const { loans, balance } = await db
    .selectFrom('loans')
    .where('status', '=', 'active')
    .select((eb) => [eb.fn.countAll<number>().as('loans'), sql<number>`coalesce(sum(balance_fen), 0)`.as('balance')])
    .executeTakeFirstOrThrow();
  // The overview lists villages in pinyin order (township, then village).
  const pinyin = new Intl.Collator('zh-Hans-CN-u-co-pinyin');
  const ordered = (await db.selectFrom('villages').select(['township', 'name']).execute()).sort(
    (a, b) => pinyin.compare(a.township, b.township) || pinyin.compare(a.name, b.name),
  );
  expect(villages).toBe(demoVillages);
  expect(balance).toBeGreaterThan(0);

  // 台账 → 村级概览.
  await nav(page, '台账').click();
  await expect(page).toHaveURL(/#\/register$/);
  await expect(page.getByTestId('total-villages')).toHaveText(grouped(villages));
  await expect(page.getByTestId('total-balance')).toHaveText(formatYuan(balance));
  await expect(page.getByTestId('total-loans')).toHaveText(grouped(loans));

  // The grid holds one row per village: AG Grid's own aria-rowcount (header row + data rows
  // + the pinned 合计 row), our footer count, and the first and last rows (rows are virtualised:
  // scroll the grid to reach the last one).
  const grid = page.getByTestId('villages-grid');
  const gridBody = grid.locator('[aria-rowcount]');
  await expect(gridBody).toHaveAttribute('aria-rowcount', String(villages + 2));
  await expect(page.getByTestId('grid-row-count')).toHaveText(`显示 ${grouped(villages)} / ${grouped(villages)} 个村`);
  const row = (index: number | string) => grid.locator(`[role="row"][row-index="${index}"]`);
  await expect(row(0)).toContainText(ordered[0].township);
  await expect(row(0)).toContainText(ordered[0].name);
  await expect(row('b-0')).toContainText('合计');
  await expect(row('b-0')).toContainText(formatYuan(balance));
  await shot(page, 'villages');
  await gridBody.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  const last = ordered[ordered.length - 1];
  await expect(row(villages - 1)).toContainText(last.name);

  // A reload keeps the session (auth.me with the stored token) and the page (hash route).
  await page.reload();
  await expect(page.getByTestId('current-user')).toHaveText(ADMIN.displayName);
  await expect(page.getByTestId('total-balance')).toHaveText(formatYuan(balance));

  // 退出登录 returns to the login page; a reload then stays there.
  await page.getByRole('button', { name: '退出登录' }).click();
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
});

test('first-run setup shows validation errors next to the fields', async ({ page, app }) => {
  await page.goto(app.url);
  const setup = page.getByRole('form', { name: '初始设置' });
  await setup.getByLabel('机构号').fill(BRANCH.code);
  await setup.getByLabel('机构名称').fill(BRANCH.name);
  await setup.getByLabel('用户名').fill(ADMIN.username);
  await setup.getByLabel('姓名').fill(ADMIN.displayName);
  await setup.getByLabel('密码', { exact: true }).fill('short');
  await setup.getByLabel('确认密码').fill('different');
  await setup.getByRole('button', { name: '完成设置' }).click();
  await expect(setup).toContainText('两次输入的密码不一致');

  await setup.getByLabel('确认密码').fill('short');
  await setup.getByRole('button', { name: '完成设置' }).click();
  await expect(setup).toContainText('密码至少 8 位');
  await expect(page.getByRole('heading', { name: '初始设置' })).toBeVisible();
});

test('a wrong password says 用户名或密码错误', async ({ page, app }) => {
  await initBranch(app);
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  await expect(page.getByText(BRANCH.name)).toBeVisible();

  await signIn(page, ADMIN.username, 'not-the-password');
  await expect(page.getByTestId('form-error')).toHaveText('用户名或密码错误');
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();

  // Editing the form clears the message; an unknown user gets the same one (no hint which part was wrong).
  await page.getByRole('form', { name: '登录' }).getByLabel('用户名').fill('nobody');
  await expect(page.getByTestId('form-error')).toHaveCount(0);
  await signIn(page, 'nobody', ADMIN.password);
  await expect(page.getByTestId('form-error')).toHaveText('用户名或密码错误');

  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByTestId('current-user')).toHaveText(ADMIN.displayName);
});

test('an unknown page falls back to 台账', async ({ page, app }) => {
  await initBranch(app);
  await openSignedIn(page, app);
  await page.goto(`${app.url}/#/no-such-page`);
  await expect(page).toHaveURL(/#\/register$/);
  await expect(page.getByTestId('empty-state')).toBeVisible();
});

test('an admin adds a staff account; the new clerk signs in without admin sections', async ({ page, app }) => {
  await initBranch(app);
  await openSignedIn(page, app);
  await nav(page, '设置').click();

  const form = page.getByRole('form', { name: '新增人员账号' });
  await form.getByLabel('用户名').fill('liming');
  await form.getByLabel('姓名').fill('李明');
  await form.getByLabel('密码', { exact: true }).fill('Clerk2025!');
  await form.getByLabel('确认密码').fill('Clerk2025!');
  await form.getByLabel('角色').selectOption({ label: '内勤' });
  await form.getByRole('button', { name: '新增账号' }).click();
  await expect(form.getByRole('status')).toContainText('已新增账号：李明（内勤）');
  await expect(page.getByTestId('staff-grid')).toContainText('李明');

  // The same user name again is refused with the backend's message.
  await form.getByLabel('用户名').fill('liming');
  await form.getByLabel('姓名').fill('李明');
  await form.getByLabel('密码', { exact: true }).fill('Clerk2025!');
  await form.getByLabel('确认密码').fill('Clerk2025!');
  await form.getByRole('button', { name: '新增账号' }).click();
  await expect(form.getByTestId('form-error')).toHaveText('用户名“liming”已被使用');
  await shot(page, 'settings-add-staff');

  await page.getByRole('button', { name: '退出登录' }).click();
  await signIn(page, 'liming', 'Clerk2025!');
  await expect(page.getByTestId('current-user')).toHaveText('李明');
  await expect(page.locator('.app-header')).toContainText('内勤');
  await nav(page, '设置').click();
  await expect(page.getByRole('heading', { name: '人员名单' })).toBeVisible();
  await expect(page.getByTestId('generate-demo')).toHaveCount(0);
  await expect(page.getByRole('form', { name: '新增人员账号' })).toHaveCount(0);
});

test('everyone sets their own phone in the header; a wrong number is refused in place', async ({ page, app }) => {
  await initBranch(app);
  await openSignedIn(page, app);
  await page.getByTestId('my-phone').click();
  const form = page.getByRole('form', { name: '我的电话' });
  await form.getByLabel('我的电话').fill('12345');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByRole('alert')).toContainText('电话号码无效');
  await form.getByLabel('我的电话').fill('139 0000 1111');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('my-phone')).toHaveText('电话 13900001111');
});

test('villages overview: a column filter narrows the rows and the 合计 row follows', async ({ page, app }) => {
  test.setTimeout(240_000);
  await initBranch(app);
  await generateDemoData(app);
  const db = app.ctx.db;
  const total = (await db.selectFrom('villages').select('id').execute()).length;
  const { township } = await db.selectFrom('villages').select('township').orderBy('township').executeTakeFirstOrThrow();
  const inTownship = await db
    .selectFrom('loans')
    .innerJoin('borrowers', 'borrowers.id', 'loans.borrower_id')
    .innerJoin('villages', 'villages.id', 'borrowers.village_id')
    .where('loans.status', '=', 'active')
    .where('villages.township', '=', township)
    .select((eb) => eb.fn.sum<number>('loans.balance_fen').as('balance'))
    .executeTakeFirstOrThrow();
  const villagesInTownship = (await db.selectFrom('villages').select('id').where('township', '=', township).execute()).length;

  await openSignedIn(page, app);
  const grid = page.getByTestId('villages-grid');
  await expect(page.getByTestId('grid-row-count')).toHaveText(`显示 ${grouped(total)} / ${grouped(total)} 个村`);

  await grid.locator('[role="columnheader"][col-id="township"] .ag-header-cell-filter-button').click();
  await page.getByPlaceholder('过滤').fill(township);
  await expect(page.getByTestId('grid-row-count')).toHaveText(`显示 ${grouped(villagesInTownship)} / ${grouped(total)} 个村`);
  const totalsRow = grid.locator('[role="row"][row-index="b-0"]');
  await expect(totalsRow).toContainText(`${villagesInTownship} 个村`);
  await expect(totalsRow).toContainText(formatYuan(Number(inTownship.balance)));
  // The summary strip keeps the whole branch.
  await expect(page.getByTestId('total-villages')).toHaveText(grouped(total));

  // Into a village and back: the list is as it was left.
  await page.keyboard.press('Escape');
  await grid.locator('[role="row"][row-index="0"] [col-id="village"] a').click();
  await expect(page.getByTestId('register-grid')).toBeVisible();
  await page.getByRole('link', { name: '‹ 村级概览' }).click();
  await expect(page.getByTestId('grid-row-count')).toHaveText(`显示 ${grouped(villagesInTownship)} / ${grouped(total)} 个村`);
});
