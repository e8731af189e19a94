import type { LoadTable } from '../../electron/shared/api/assignment';
import type { RegisterLoanRow } from '../../electron/shared/api/register';
import type { VillagesOverview } from '../../electron/shared/api/villages';
import { expect, shot, test } from './fixtures';
import { asAdmin, generateDemoData, initBranch, nav, signIn } from './flows';

const grouped = (n: number) => n.toLocaleString('en-US');
const HEAD = { username: 'head', displayName: '支行长甲', password: 'Head2025!' };

test('清册: the branch head ticks rows of two households, assigns them 按户, and the load table follows', async ({ page, app }) => {
  await initBranch(app);
  await generateDemoData(app);
  await asAdmin(app, 'staff.create', { username: HEAD.username, displayName: HEAD.displayName, password: HEAD.password, role: 'head' });
  const overview = await asAdmin<VillagesOverview>(app, 'villages.overview');
  const village = overview.rows.find((v) => v.villageId && v.managerName && !v.managerName.includes('等'))!;
  const load = await asAdmin<LoadTable>(app, 'assignment.load');
  const to = load.rows.find((r) => r.managerId !== null && r.name !== village.managerName && r.active)!;

  // The register's first rows, in its default order: the first row, and the first of another household.
  const { rows } = await asAdmin<{ rows: RegisterLoanRow[] }>(app, 'register.loans', { villageId: village.villageId, includeSettled: false, sort: [], filter: {}, offset: 0, limit: 50 });
  const first = rows[0];
  const second = rows.find((r) => r.borrowerId !== first.borrowerId)!;
  const households = [first.borrowerId, second.borrowerId];
  const loansOfHouseholds = await app.ctx.db
    .selectFrom('loans as l')
    .leftJoin('current_loan_managers as cm', 'cm.loan_id', 'l.id')
    .select(['l.id', 'cm.manager_id'])
    .where('l.borrower_id', 'in', households)
    .where('l.status', '=', 'active')
    .execute();
  const moving = loansOfHouseholds.filter((l) => l.manager_id !== to.managerId).length;
  expect(moving).toBeGreaterThan(0);

  await page.goto(app.url);
  await signIn(page, HEAD.username, HEAD.password);
  await expect(page.getByTestId('current-user')).toHaveText(HEAD.displayName);
  await page.goto(`${app.url}/#/register/village/${village.villageId}`);
  const grid = page.getByTestId('register-grid');
  for (const r of [first, second]) await grid.locator(`.ag-row[row-id="${r.loanId}"] input[type="checkbox"]`).first().check();
  await expect(page.getByTestId('register-assign-selected')).toContainText('已选 2 笔（2 户）');
  const form = page.getByRole('form', { name: '分配客户经理' });
  await form.getByLabel('分配给').selectOption({ label: to.name });
  await page.getByTestId('register-assign-household').check();
  await form.getByLabel('原因（可不填）').fill('按户调整');
  await page.getByTestId('register-assign-submit').click();
  await expect(page.getByTestId('register-assign-done')).toContainText(`已将 2 户的全部在贷贷款分配给${to.name}：${grouped(moving)} 笔换了客户经理`);
  await expect(grid.locator(`.ag-row[row-id="${first.loanId}"] [col-id="managerName"]`)).toHaveText(to.name);
  await expect(grid.locator(`.ag-row[row-id="${second.loanId}"] [col-id="managerName"]`)).toHaveText(to.name);
  await shot(page, 'register-assign');

  await nav(page, '分配').click();
  const loadGrid = page.getByTestId('load-grid');
  await expect(loadGrid.locator(`.ag-row[row-id="${to.managerId}"] [col-id="loans"]`)).toHaveText(grouped(to.loans + moving));
  await expect(loadGrid.locator('[role="row"][row-index="b-0"] [col-id="loans"]')).toHaveText(grouped(load.totals.loans));
  const after = await app.ctx.db.selectFrom('current_loan_managers').select('manager_id').where('loan_id', 'in', loansOfHouseholds.map((l) => l.id)).execute();
  expect(after.every((a) => a.manager_id === to.managerId)).toBe(true);
});
