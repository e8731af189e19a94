import type { Locator, Page } from '@playwright/test';
import { sql } from 'kysely';
import { formatYuan } from '../../electron/shared/money';
import { dispatch } from '../../electron/backend/rpc/dispatch';
import { SAMPLE } from '../helpers/sample-files';
import { expect, shot, test, type AppUnderTest } from './fixtures';
import { ADMIN, BRANCH, importFile, initBranch, openSignedIn, signIn } from './flows';

/** One call straight through the backend as the admin. */
async function asAdmin(app: AppUnderTest, name: string, args: unknown): Promise<unknown> {
  const login = await dispatch(app.ctx, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
  if (!login.ok) throw new Error(login.error.message);
  const { token } = login.value as { token: string };
  try {
    const result = await dispatch(app.ctx, name, args, { token });
    if (!result.ok) throw new Error(`${name} failed: ${result.error.message}`);
    return result.value;
  } finally {
    await dispatch(app.ctx, 'auth.logout', {}, { token });
  }
}

/** True when an element's text is cut off (ellipsis or hidden overflow). */
function isCut(cell: Locator): Promise<boolean> {
  return cell.evaluate((el) => {
    const text = el.querySelector('.ag-cell-value') ?? el;
    return text.scrollWidth > text.clientWidth;
  });
}

/** Puts text on the clipboard and pastes it where the focus is, as a user does with Ctrl+V. */
async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(text)})`);
  await page.keyboard.press('ControlOrMeta+v');
}

/** 梁梅 of 城庄村, with a second phone: the household the tests look at. */
async function setUpRegister(app: AppUnderTest, adminName = ADMIN.displayName) {
  const setup = await dispatch(app.ctx, 'setup.init', { branchCode: BRANCH.code, branchName: BRANCH.name, admin: { ...ADMIN, displayName: adminName } });
  if (!setup.ok) throw new Error(setup.error.message);
  await importFile(app, SAMPLE.xlsx);
  const borrower = await app.ctx.db
    .selectFrom('borrowers')
    .select(['id', 'village_id', 'contact_name'])
    .where('resident_id', '=', '141124195705010729')
    .executeTakeFirstOrThrow();
  await asAdmin(app, 'register.savePhone', { borrowerId: borrower.id, phone: '13900001111', note: '儿子' });
  return borrower;
}

async function signInAs(page: Page, app: AppUnderTest, displayName: string) {
  await page.goto(app.url);
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByTestId('current-user')).toHaveText(displayName);
}

test('Ctrl+C copies the focused cell; two phones, 产品 and 操作人 fit; the footer totals 合同金额 and 欠息', async ({ page, app, context }) => {
  test.setTimeout(180_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
  // The demo's admin is 系统管理员: five characters in the import history's 操作人.
  const borrower = await setUpRegister(app, '系统管理员');
  await signInAs(page, app, '系统管理员');
  await page.goto(`${app.url}/#/register/village/${borrower.village_id}`);

  const grid = page.getByTestId('register-grid');
  const row = grid.locator('[role="row"]').filter({ hasText: '梁梅' }).first();
  const phones = row.locator('[col-id="phones"]');
  await expect(phones).toHaveText('18792401349 / 13900001111');
  expect(await isCut(phones), 'two phones fit').toBe(false);
  const products = grid.locator('[role="gridcell"][col-id="product"]');
  await expect(products.first()).not.toBeEmpty();
  for (const cell of await products.all()) expect(await isCut(cell), `产品 ${await cell.textContent()}`).toBe(false);
  await shot(page, 'register-two-phones');

  // Ctrl+C on a focused cell copies what it shows: the loan number, the balance as formatted.
  for (const col of ['loanNo', 'balanceFen', 'phones']) {
    const cell = row.locator(`[col-id="${col}"]`);
    await cell.click();
    await expect(cell).toBeFocused();
    await page.evaluate(`navigator.clipboard.writeText('(nothing copied)')`);
    await page.keyboard.press('Control+C');
    const text = (await cell.textContent())!.trim();
    expect(text).not.toBe('');
    await expect.poll(() => page.evaluate('navigator.clipboard.readText()')).toBe(text);
  }
  await expect(row.locator('[col-id="balanceFen"]')).toHaveText('35,484.25');

  // The footer: the sums of the whole view, as the database has them.
  const { rows } = await sql<{ contract: number; balance: number; interest: number }>`
    select sum(l.contract_amount_fen) as contract, sum(l.balance_fen) as balance, sum(l.interest_owed_fen) as interest
    from loans l join borrowers b on b.id = l.borrower_id where l.status = 'active' and b.village_id = ${borrower.village_id}`.execute(app.ctx.db);
  await expect(page.getByTestId('register-row-contract')).toHaveText(`合同金额 ${formatYuan(rows[0].contract)} 元`);
  await expect(page.getByTestId('register-row-balance')).toHaveText(`余额 ${formatYuan(rows[0].balance)} 元`);
  await expect(page.getByTestId('register-row-interest')).toHaveText(`欠息 ${formatYuan(rows[0].interest)} 元`);
  expect(rows[0].interest).toBeGreaterThan(0);

  // The import history's 操作人 shows the whole name.
  await page.goto(`${app.url}/#/register/import`);
  const actor = page.getByTestId('import-history').locator('[role="row"][row-index="0"] [col-id="actorName"]');
  await expect(actor).toHaveText('系统管理员');
  // The column is sized to its cells once they are drawn (autoSizeStrategy), a frame or more after the text shows.
  await expect.poll(() => isCut(actor), { message: '操作人 fits' }).toBe(false);
});

test('text longer than a field’s limit is kept as typed and refused with a message, in the panel and in the grid', async ({ page, app, context }) => {
  test.setTimeout(180_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
  const borrower = await setUpRegister(app);
  await openSignedIn(page, app);
  const stored = () => app.ctx.db.selectFrom('borrowers').select(['contact_name', 'notes']).where('id', '=', borrower.id).executeTakeFirstOrThrow();

  // The household panel: 联系人 takes 20 characters; 25 pasted stay 25, and the form says so.
  await page.getByTestId('global-search').fill('141124195705010729');
  await page.getByTestId('search-hit').filter({ hasText: '梁梅' }).first().click();
  const panel = page.getByTestId('household-panel');
  const longName = '欧阳'.repeat(12) + '春';
  await panel.getByLabel('联系人', { exact: true }).click();
  await paste(page, longName);
  await expect(panel.getByLabel('联系人', { exact: true })).toHaveValue(longName);
  await expect(panel.getByTestId('limit-contactName')).toHaveText('联系人最多 20 个字，已输入 25 个字');
  await expect(panel.getByTestId('contact-save')).toBeDisabled();
  await shot(page, 'contact-too-long');
  await panel.getByLabel('联系人', { exact: true }).fill('欧阳春');
  await expect(panel.getByTestId('limit-contactName')).toHaveCount(0);
  await panel.getByTestId('contact-save').click();
  await expect.poll(async () => (await stored()).contact_name).toBe('欧阳春');

  // A phone's note takes 50.
  const longNote = '这是本人的手机号码，'.repeat(6);
  await panel.getByTestId('phone-note-new').click();
  await paste(page, longNote);
  await expect(panel.getByTestId('phone-note-new')).toHaveValue(longNote);
  await expect(panel.getByTestId('phone-problem-new')).toHaveText('备注最多 50 个字，已输入 60 个字');
  await expect(panel.getByTestId('phone-save-new')).toBeDisabled();
  page.once('dialog', (d) => void d.accept());
  await panel.getByRole('button', { name: '关闭借款户详情' }).click();
  await expect(panel).toHaveCount(0);

  // The grid's editor: pasted text over the limit is not cut; Enter does not save it, the editor says why.
  await page.goto(`${app.url}/#/register/village/${borrower.village_id}`);
  const grid = page.getByTestId('register-grid');
  const cell = grid.locator('[role="row"]').filter({ hasText: '梁梅' }).first().locator('[col-id="contactName"]');
  await cell.dblclick();
  const editor = cell.locator('input');
  await expect(editor).toBeFocused();
  await page.keyboard.press('ControlOrMeta+a');
  await paste(page, longName);
  await expect(editor).toHaveValue(longName);
  await page.keyboard.press('Enter');
  await expect(editor).toBeVisible();
  await expect(page.getByTestId('register-edit-problem')).toHaveText('联系人最多 20 个字，已输入 25 个字。请删减后按回车保存，或按 Esc 放弃修改。');
  await shot(page, 'grid-editor-too-long');
  await page.keyboard.press('Escape');
  await expect(editor).toHaveCount(0);
  await expect(page.getByTestId('register-edit-problem')).toHaveCount(0);
  await expect(cell).toHaveText('欧阳春');
  expect((await stored()).contact_name).toBe('欧阳春');
});

test.describe('in an English browser', () => {
  test.use({ locale: 'en-US' });

  test('the import page’s date field shows and takes YYYY-MM-DD (2026-10-31), not mm/dd/yyyy', async ({ page, app }) => {
    test.setTimeout(120_000);
    await initBranch(app);
    await openSignedIn(page, app);
    // (Script strings: the test's type program has no DOM.)
    expect(await page.evaluate('navigator.language')).toBe('en-US');
    await page.goto(`${app.url}/#/register/import`);
    await page.getByTestId('import-file-input').setInputFiles(SAMPLE.xlsx);
    await expect(page.getByTestId('import-preview')).toBeVisible({ timeout: 60_000 });

    const asOf = page.getByTestId('import-as-of');
    // Taken from the file, shown as it is written.
    await expect(asOf).toHaveValue('2026-10-31');
    await expect(asOf).toHaveAttribute('placeholder', 'YYYY-MM-DD');
    expect(await isCut(asOf), 'the whole date shows').toBe(false);
    await shot(page, 'import-date-en-us');

    // Typed with the keyboard as it reads.
    await asOf.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('2026-10-30');
    await expect(asOf).toHaveValue('2026-10-30');
    // Other ways of writing a date become YYYY-MM-DD when the field is left.
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('2026/10/31');
    await page.keyboard.press('Tab');
    await expect(asOf).toHaveValue('2026-10-31');
    await expect(page.getByTestId('preview-count-accepted')).toHaveText('205');

    // A date that does not exist is said so in Chinese, and nothing is imported with it.
    await asOf.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('2026-02-30');
    await expect(page.getByText('日期无效，请按 YYYY-MM-DD 填写，如 2026-10-31')).toBeVisible();
    await expect(page.getByTestId('import-commit')).toBeDisabled();

    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('2026-10-31');
    await expect(page.getByTestId('import-commit')).toBeEnabled();
    await page.getByTestId('import-commit').click();
    await expect(page.getByTestId('import-result').getByTestId('result-count-inserted')).toHaveText('205');
    const imports = await app.ctx.db.selectFrom('imports').select('as_of').execute();
    expect(imports.map((i) => i.as_of)).toEqual(['2026-10-31']);

    // The register's date filter is typed the same way.
    const { rows } = await sql<{ day: string; n: number }>`
      select maturity_on as day, count(*) as n from loans where status = 'active' and maturity_on is not null
      group by maturity_on order by n desc, maturity_on limit 1`.execute(app.ctx.db);
    await page.goto(`${app.url}/#/register/all`);
    await expect(page.getByTestId('register-row-count')).toHaveText('共 205 笔贷款');
    await page.getByTestId('register-grid').locator('[role="columnheader"][col-id="maturityOn"] .ag-header-cell-filter-button').click();
    const dateField = page.locator('.ag-filter input[placeholder="yyyy-mm-dd"]').first();
    await expect(dateField).toHaveAttribute('type', 'text');
    await dateField.click();
    await page.keyboard.type(rows[0].day);
    await expect(page.getByTestId('register-row-count')).toHaveText(`筛选后 ${rows[0].n} 笔贷款`);
  });

  test('a date picked from the calendar is written as YYYY-MM-DD', async ({ page, app }) => {
    await initBranch(app);
    await importFile(app, SAMPLE.xlsx);
    await openSignedIn(page, app);
    await page.getByTestId('global-search').fill('141124195705010729');
    await page.getByTestId('search-hit').filter({ hasText: '梁梅' }).first().click();
    const panel = page.getByTestId('household-panel');
    // The calendar button opens the browser's picker on this hidden native input; what it picks arrives as a change.
    await panel.getByTestId('phone-verified-0').locator('xpath=..').locator('input[type="date"]').fill('2025-10-15', { force: true });
    await expect(panel.getByTestId('phone-verified-0')).toHaveValue('2025-10-15');
    await panel.getByTestId('phone-verified-0').fill('2099-01-01');
    await expect(panel.getByTestId('phone-problem-0')).toHaveText('核实日期：日期不能晚于今天');
    await expect(panel.getByTestId('phone-save-0')).toBeDisabled();
  });
});
