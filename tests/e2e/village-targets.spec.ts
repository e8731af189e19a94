import type { NplList } from '../../electron/shared/api/recoverability';
import type { RankingBoard } from '../../electron/shared/api/targets';
import type { NotVisitedList } from '../../electron/shared/api/village-work';
import { expect, shot, test } from './fixtures';
import { ADMIN, asAdmin, generateDemoData, initBranch, nav, openSignedIn } from './flows';
import { todayLocal } from '../../electron/shared/dates';

test('驻村工作: open a village not visited, register a cadre (a bad phone refused), record a visit with Enter; it leaves the list', async ({ page, app }) => {
  await initBranch(app);
  await generateDemoData(app);
  const list = await asAdmin<NotVisitedList>(app, 'villageWork.notVisited');
  expect(list.rows.length).toBeGreaterThan(1);
  const village = list.rows[0];

  await openSignedIn(page, app);
  await nav(page, '驻村').click();
  await expect(page.getByRole('heading', { name: '驻村工作' })).toBeVisible();
  const grid = page.getByTestId('not-visited-grid');
  await expect(grid.locator(`.ag-row[row-id="${village.villageId}"] [col-id="lastVisitOn"]`)).toHaveText('从未走访');
  await grid.locator(`.ag-row[row-id="${village.villageId}"] [col-id="village"]`).click();
  const panel = page.getByTestId('village-panel');
  await expect(panel.getByRole('heading', { name: `${village.township} ${village.village}` })).toBeVisible();

  const cadre = panel.getByRole('form', { name: '登记村干部' });
  await cadre.getByLabel('姓名').fill('刘建国');
  await cadre.getByLabel('职务').selectOption('村民小组组长');
  await cadre.getByLabel('组').fill('三组');
  await cadre.getByLabel('电话').fill('12345');
  await cadre.getByLabel('电话').press('Enter');
  await expect(cadre.getByTestId('form-error')).toContainText('不是有效的手机号或固定电话');
  await cadre.getByLabel('电话').fill('138 0013 8000');
  await cadre.getByLabel('电话').press('Enter');
  await expect(panel.getByTestId('cadre-table')).toContainText('13800138000');
  await expect(panel.getByTestId('cadre-table')).toContainText('三组组长');

  // The visit counts for the village's manager, who went (named among 走访人员).
  const visit = panel.getByRole('form', { name: '登记走访' });
  await visit.getByLabel('走访人员').fill(`${village.manager}、${ADMIN.displayName}`);
  await visit.getByLabel('接待人（村干部）').fill('刘建国');
  await visit.getByLabel('了解的情况').fill('三组有两户外出务工，已留联系电话');
  await visit.getByLabel('了解的情况').press('Enter');
  await expect(panel.getByTestId('visit-table')).toContainText('三组有两户外出务工');
  await expect(panel.getByTestId('visit-table')).toContainText(`${village.manager}、${ADMIN.displayName}`);
  await expect(grid.locator(`.ag-row[row-id="${village.villageId}"]`)).toHaveCount(0);
  await shot(page, 'village-work');
});

test('不良贷款可回收性 and 业绩排名: assess selected loans; set a target with Enter, see the rate, print and export', async ({ page, app }) => {
  await initBranch(app);
  await generateDemoData(app);
  const npl = await asAdmin<NplList>(app, 'recoverability.list');
  expect(npl.rows.length).toBeGreaterThan(1);
  const [a, b] = npl.rows;

  await openSignedIn(page, app);
  await nav(page, '不良').click();
  await expect(page.getByRole('heading', { name: '不良贷款可回收性' })).toBeVisible();
  const grid = page.getByTestId('npl-grid');
  for (const r of [a, b]) await grid.locator(`.ag-row[row-id="${r.loanId}"] input[type="checkbox"]`).first().check();
  const form = page.getByRole('form', { name: '评估可回收性' });
  await form.getByLabel('可回收性').selectOption({ label: '通过努力可以收回' });
  await form.getByLabel('理由').fill('借款人在外务工，有还款意愿');
  await form.getByLabel('理由').press('Enter');
  await expect(page.getByTestId('assess-done')).toHaveText('已评估 2 笔：通过努力可以收回。');
  await expect(grid.locator(`.ag-row[row-id="${a.loanId}"] [col-id="verdict"]`)).toHaveText('通过努力可以收回');
  await expect(page.getByTestId('recoverability-summary')).toContainText('合计');
  await shot(page, 'recoverability');

  await nav(page, '业绩').click();
  await expect(page.getByRole('heading', { name: '业绩排名', exact: true })).toBeVisible();
  // The page opens on the pinned today's month (the browser's clock is pinned to it).
  const month = todayLocal().slice(0, 7);
  const board = await asAdmin<RankingBoard>(app, 'targets.board', { month });
  const manager = board.rows[0];
  await expect(page.getByTestId('board-grid').locator(`.ag-row[row-id="${manager.managerId}"] [col-id="name"]`)).toContainText(manager.name);
  const contactsTarget = page.getByTestId('targets-table').getByLabel(`${manager.name} 联系次数目标`);
  await contactsTarget.fill('10');
  await contactsTarget.press('Enter');
  await expect(page.getByTestId('targets-saved')).toBeVisible();
  const expected = `${((manager.results.contacts / 10) * 100).toFixed(1)}%`;
  await expect(page.getByTestId('board-grid').locator(`.ag-row[row-id="${manager.managerId}"] [col-id="pContacts"]`)).toHaveText(expected);
  await expect(page.getByTestId('board-definitions')).toContainText('综合得分');

  const download = page.waitForEvent('download');
  await page.getByTestId('board-print').click();
  expect((await download).suggestedFilename()).toMatch(/客户经理业绩排名\.pdf$/);
  const xlsx = page.waitForEvent('download');
  await page.getByTestId('board-export').click();
  expect((await xlsx).suggestedFilename()).toBe(`业绩排名-${month}.xlsx`);
  await shot(page, 'targets');
});
