import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, shot, test, type AppUnderTest } from './fixtures';
import { callFromPage, importFile, initBranch, nav, openSignedIn, signInOtherStaff } from './flows';

/** Three loans in two villages; 赵五's in 城庄村 is 15 days overdue under 李经理. */
function branchCsv(zhaoBalanceYuan: number, zhaoOverdueDays: number): string {
  const header = '客户编号,借款人姓名,住址,借据号,余额,本金逾期天数,五级分类,客户经理';
  const rows = [
    'C1,张三,临县白文镇刘家会村1组,L-A1,50000,40,关注,王经理',
    'C2,李四,临县白文镇刘家会村2组,L-A2,20000,0,正常,王经理',
    `C3,赵五,临县白文镇城庄村1组,L-B1,${zhaoBalanceYuan},${zhaoOverdueDays},关注,李经理`,
  ];
  return '\ufeff' + [header, ...rows].join('\r\n');
}

async function importVersion(app: AppUnderTest, dir: string, name: string, csv: string, asOf: string): Promise<void> {
  const file = path.join(dir, name);
  await writeFile(file, csv, 'utf8');
  await importFile(app, file, asOf);
}

test('催收: assign a village in the grid, log a phone call with a promise from a worklist row, find it in 今日跟进 on the promised date, import a newer file where the overdue amount fell, see the promise kept; an account manager cannot reassign, nor edit another’s household', async ({ page, app, browser }) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'collection-e2e-'));
  try {
    await initBranch(app);
    await importVersion(app, dir, '贷款明细-1130.csv', branchCsv(30_000, 15), '2026-11-30');
    const chengzhuang = await app.ctx.db.selectFrom('villages').select('id').where('name', '=', '城庄村').executeTakeFirstOrThrow();
    const wang = await app.ctx.db.selectFrom('staff').select('id').where('display_name', '=', '王经理').executeTakeFirstOrThrow();

    await openSignedIn(page, app);
    await nav(page, '分配').click();
    await page.getByTestId('assign-villages-grid').locator(`.ag-row[row-id="${chengzhuang.id}"] input[type="checkbox"]`).first().check();
    const form = page.getByRole('form', { name: '按村分配' });
    await form.getByLabel('分配给').selectOption({ label: '王经理' });
    await page.getByTestId('assign-villages').click();
    await expect(page.getByTestId('assign-done')).toContainText('已将 1 个村分配给王经理');

    // 工作清单 → 全部逾期: 赵五's loan, now 王经理's; 登记 opens the contact form on 联系方式.
    await nav(page, '清单').click();
    await page.getByTestId('worklist-tab-overdue').click();
    const grid = page.getByTestId('worklist-grid');
    const zhao = grid.locator('.ag-row', { hasText: '赵五' }).filter({ has: page.getByTestId('worklist-row-contact') });
    await expect(grid.locator('.ag-row', { hasText: 'L-B1' }).first()).toContainText('王经理');
    await zhao.getByTestId('worklist-row-contact').click();
    const dialog = page.getByTestId('contact-dialog');
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId('contact-way')).toBeFocused();
    await expect(page.getByTestId('contact-way')).toHaveValue('phone');
    await page.getByTestId('contact-at').fill('2026-12-02 09:30');
    await page.getByTestId('contact-outcome').fill('答应今天转账五千');
    await page.getByTestId('contact-promise-on').fill('2026-12-02');
    await page.getByTestId('contact-promise-amount').fill('5000');
    await page.getByTestId('contact-promise-amount').press('Enter');
    await expect(dialog).toBeHidden();

    // The keyboard way: F2 on 张三's row, a visit with a follow-up today.
    await grid.locator('.ag-row', { hasText: 'L-A1' }).locator('[col-id="village"]').first().click();
    await page.keyboard.press('F2');
    await expect(dialog).toBeVisible();
    await page.getByTestId('contact-way').selectOption('visit');
    await page.getByTestId('contact-at').fill('2026-12-02 10:00');
    await page.getByTestId('contact-outcome').fill('本人在太原打工，家属答复月底回来');
    await page.getByTestId('contact-follow-up').fill('2026-12-02');
    await page.getByTestId('contact-follow-up').press('Enter');
    await expect(dialog).toBeHidden();

    // On the promised date (today) the promise is in 今日跟进, not yet kept.
    await page.getByTestId('worklist-tab-follow-ups').click();
    const followUps = page.getByTestId('contact-grid-follow-ups');
    const row = followUps.locator('.ag-row', { hasText: '赵五' }).first();
    await expect(row).toContainText('L-B1');
    await expect(row).toContainText('承诺 2026-12-02 还 5,000.00 元：待兑现');
    await expect(followUps.locator('.ag-row', { hasText: '张三' }).first()).toContainText('本人在太原打工');
    await expect(page.getByTestId('contact-grid-count')).toHaveText('共 2 项');
    await shot(page, 'collection-follow-ups');

    // The core export of today: 赵五 paid 6,000 and is no longer overdue.
    await importVersion(app, dir, '贷款明细-1202.csv', branchCsv(24_000, 0), '2026-12-02');
    await page.getByRole('button', { name: '刷新' }).click();
    await expect(page.getByTestId('contact-grid-count')).toHaveText('共 1 项');
    await expect(followUps).not.toContainText('赵五');

    // 张三's follow-up done from 今日跟进 itself (F2 on its row): the list is empty.
    await followUps.locator('.ag-row', { hasText: '张三' }).locator('[col-id="village"]').first().click();
    await page.keyboard.press('F2');
    await expect(dialog).toBeVisible();
    await page.getByTestId('contact-at').fill('2026-12-02 15:00');
    await page.getByTestId('contact-outcome').fill('家属已转告');
    await page.getByTestId('contact-outcome').press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('contact-grid-count')).toHaveText('共 0 项');

    // The household's 联系记录 shows the promise kept, with the import that shows it.
    await page.goto(`${app.url}/#/register/village/${chengzhuang.id}`);
    const register = page.getByTestId('register-grid');
    await register.locator('.ag-row', { hasText: '赵五' }).locator('[col-id="loanNo"]').first().click();
    await page.keyboard.press('Enter');
    const log = page.getByTestId('household-panel').getByTestId('contact-log');
    await expect(log).toContainText('答应今天转账五千');
    await expect(log).toContainText('已兑现（2026-12-02 导入「贷款明细-1202.csv」显示逾期金额减少 30,000.00 元）');
    await shot(page, 'collection-promise-kept');

    // 王经理 signs in: the backend refuses him a reassignment.
    const { context, page: managerPage } = await signInOtherStaff(browser, app, wang.id, 'wang', '王经理');
    const refused = await callFromPage(managerPage, 'assignment.assign', { managerId: wang.id, scope: 'village', ids: [chengzhuang.id] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await context.close();

    // 李经理 (none of these households is his now) sees 张三's contacts read-only.
    const li = await app.ctx.db.selectFrom('staff').select('id').where('display_name', '=', '李经理').executeTakeFirstOrThrow();
    const { context: liContext, page: liPage } = await signInOtherStaff(browser, app, li.id, 'li', '李经理');
    await liPage.getByTestId('global-search').fill('张三');
    await liPage.getByTestId('search-hit').filter({ hasText: '张三' }).first().click();
    const panel = liPage.getByTestId('household-panel');
    await expect(panel.getByTestId('household-read-only')).toContainText('只能查看');
    await expect(panel.getByLabel('现住地址')).toBeDisabled();
    await liContext.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
