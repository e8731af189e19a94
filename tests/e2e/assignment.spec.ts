import type { LoadTable } from '../../electron/shared/api/assignment';
import type { VillagesOverview } from '../../electron/shared/api/villages';
import { expect, shot, test } from './fixtures';
import { ADMIN, asAdmin, callFromPage, generateDemoData, initBranch, nav, openSignedIn, signInOtherStaff } from './flows';

const grouped = (n: number) => n.toLocaleString('en-US');

test('分配: the branch head assigns villages to a manager in the grid and the load table follows; an account manager’s login cannot reassign', async ({ page, app, browser }) => {
  await initBranch(app);
  await generateDemoData(app);
  const load = await asAdmin<LoadTable>(app, 'assignment.load');
  const [from, to] = load.rows;
  const overview = await asAdmin<VillagesOverview>(app, 'villages.overview');
  const moving = overview.rows.filter((v) => v.managerName === from.name).slice(0, 2);
  expect(moving).toHaveLength(2);
  const movingLoans = moving.reduce((s, v) => s + v.loans, 0);

  await openSignedIn(page, app);
  await nav(page, '分配').click();
  await expect(page.getByRole('heading', { name: '管户分配' })).toBeVisible();
  const loadGrid = page.getByTestId('load-grid');
  const loansOf = (managerId: string) => loadGrid.locator(`.ag-row[row-id="${managerId}"] [col-id="loans"]`);
  await expect(loansOf(from.managerId!)).toHaveText(grouped(from.loans));
  await expect(loansOf(to.managerId!)).toHaveText(grouped(to.loans));
  await expect(loadGrid.locator('[role="row"][row-index="b-0"] [col-id="loans"]')).toHaveText(grouped(load.totals.loans));

  const villages = page.getByTestId('assign-villages-grid');
  for (const v of moving) await villages.locator(`.ag-row[row-id="${v.villageId}"] input[type="checkbox"]`).first().check();
  await expect(page.getByTestId('assign-selected-count')).toHaveText('已选 2 个村');
  const form = page.getByRole('form', { name: '按村分配' });
  await form.getByLabel('分配给').selectOption({ label: to.name });
  await form.getByLabel('原因（可不填）').fill('片区调整');
  await page.getByTestId('assign-villages').click();
  await expect(page.getByTestId('assign-done')).toContainText(`已将 2 个村分配给${to.name}：${grouped(movingLoans)} 笔贷款换了客户经理`);

  await expect(loansOf(to.managerId!)).toHaveText(grouped(to.loans + movingLoans));
  await expect(loansOf(from.managerId!)).toHaveText(grouped(from.loans - movingLoans));
  await expect(loadGrid.locator('[role="row"][row-index="b-0"] [col-id="loans"]')).toHaveText(grouped(load.totals.loans));
  for (const v of moving) await expect(villages.locator(`.ag-row[row-id="${v.villageId}"] [col-id="managerName"]`)).toHaveText(to.name);
  await shot(page, 'assignment');

  // The village's register says who looks after its loans now, and a household's 管户记录 keeps who did before.
  await page.goto(`${app.url}/#/register/village/${moving[0].villageId}`);
  const register = page.getByTestId('register-grid');
  await expect(register.locator('.ag-row[row-index="0"] [col-id="managerName"]')).toHaveText(to.name);
  await register.locator('.ag-row[row-index="0"] [col-id="loanNo"]').click();
  await page.keyboard.press('Enter');
  const history = page.getByTestId('household-panel').getByTestId('assignment-history');
  await expect(history.locator('tbody tr').first()).toContainText(`${to.name}2026-12-02至今片区调整${ADMIN.displayName}`);
  await expect(history).toContainText(`${from.name}`);
  await expect(history.locator('tbody tr.row-muted').first()).toContainText('2026-12-02');
  await shot(page, 'assignment-history');

  // The manager who lost the villages signs in: the load table, read-only, and the backend refuses a reassignment.
  const { context, page: managerPage } = await signInOtherStaff(browser, app, from.managerId!, 'mgr-from', from.name);
  await nav(managerPage, '分配').click();
  await expect(managerPage.getByTestId('read-only-note')).toBeVisible();
  await expect(managerPage.getByTestId('load-grid').locator(`.ag-row[row-id="${to.managerId}"] [col-id="loans"]`)).toHaveText(grouped(to.loans + movingLoans));
  await expect(managerPage.getByRole('heading', { name: '按村分配' })).toHaveCount(0);
  await expect(managerPage.getByTestId('assign-villages-grid')).toHaveCount(0);
  await expect(managerPage.getByRole('heading', { name: '离岗移交' })).toHaveCount(0);
  const refused = await callFromPage(managerPage, 'assignment.assign', { managerId: from.managerId, scope: 'village', ids: [moving[0].villageId] });
  expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  await context.close();
  const after = await asAdmin<VillagesOverview>(app, 'villages.overview');
  expect(after.rows.find((v) => v.villageId === moving[0].villageId)?.managerName).toBe(to.name);
});

test('分配: a departing manager’s book goes to two others; a balanced proposal, edited by a village, is applied as shown', async ({ page, app }) => {
  await initBranch(app);
  await generateDemoData(app);
  const load = await asAdmin<LoadTable>(app, 'assignment.load');
  const [from, a, b] = load.rows;

  await openSignedIn(page, app);
  await nav(page, '分配').click();
  const takeover = page.getByRole('form', { name: '离岗移交' });
  await takeover.getByLabel('移交人').selectOption({ value: from.managerId! });
  await takeover.getByLabel(a.name, { exact: true }).check();
  await takeover.getByLabel(b.name, { exact: true }).check();
  await page.getByTestId('takeover-submit').click();
  await expect(page.getByTestId('takeover-done')).toContainText(`${from.name}的 ${grouped(from.loans)} 笔贷款已移交`);
  const loadGrid = page.getByTestId('load-grid');
  const loansOf = (managerId: string) => loadGrid.locator(`.ag-row[row-id="${managerId}"] [col-id="loans"]`);
  await expect(loansOf(from.managerId!)).toHaveText('0');
  const afterTakeover = await asAdmin<LoadTable>(app, 'assignment.load');
  const gained = (id: string, before: number) => afterTakeover.rows.find((r) => r.managerId === id)!.loans - before;
  expect(gained(a.managerId!, a.loans) + gained(b.managerId!, b.loans)).toBe(from.loans);
  expect(gained(a.managerId!, a.loans)).toBeGreaterThan(0);
  expect(gained(b.managerId!, b.loans)).toBeGreaterThan(0);

  // The proposal among everyone but the manager who left.
  const proposal = page.getByRole('region', { name: '均衡分配方案' });
  await proposal.getByLabel(from.name, { exact: true }).uncheck();
  await page.getByTestId('proposal-make').click();
  await expect(page.getByTestId('proposal-summary')).toContainText('笔贷款将换客户经理');
  const villages = page.getByTestId('proposal-villages');
  const firstVillage = villages.locator('tbody tr').first();
  const villageName = (await firstVillage.locator('td').first().innerText()).trim();
  await firstVillage.locator('select').selectOption({ label: `整村给${a.name}` });
  await expect(firstVillage.locator('td').nth(4)).toHaveText(a.name);
  await expect(firstVillage.locator('select')).toHaveValue(a.managerId!);
  const compare = page.getByTestId('proposal-compare');
  const planned = new Map<string, string>();
  for (const m of afterTakeover.rows.filter((r) => r.managerId !== from.managerId)) {
    planned.set(m.managerId!, await compare.locator('tbody tr').filter({ has: page.getByRole('cell', { name: m.name, exact: true }) }).locator('td').nth(6).innerText());
  }
  await page.getByTestId('proposal-apply').click();
  await expect(proposal.getByRole('status')).toContainText('方案已应用');
  for (const [managerId, loans] of planned) await expect(loansOf(managerId)).toHaveText(loans);
  const overview = await asAdmin<VillagesOverview>(app, 'villages.overview');
  expect(overview.rows.find((v) => `${v.township}${v.village}` === villageName)?.managerName).toBe(a.name);
  await shot(page, 'assignment-proposal');
});
