import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import type { WorklistCounts, WorklistOptions } from '../../electron/shared/api/worklists';
import { expect, shot, test } from './fixtures';
import { asAdmin, generateDemoData, initBranch, nav, openSignedIn } from './flows';

const grouped = (n: number) => n.toLocaleString('en-US');

test('工作清单: a tab per list and bucket with its count, filters by manager and village, export to Excel', async ({ page, app }) => {
  await initBranch(app);
  await generateDemoData(app);
  const all = await asAdmin<WorklistCounts>(app, 'worklists.counts', {});
  const options = await asAdmin<WorklistOptions>(app, 'worklists.options', {});
  expect(all.buckets['31-90'].count).toBeGreaterThan(0);

  await openSignedIn(page, app);
  await nav(page, '清单').click();
  await expect(page.getByRole('heading', { name: '工作清单' })).toBeVisible();
  await expect(page.getByTestId('worklist-tab-due-soon')).toContainText(grouped(all.dueSoon.count));
  await expect(page.getByTestId('worklist-tab-handover')).toContainText(grouped(all.handover.count));
  await expect(page.getByTestId('worklist-count')).toHaveText(`共 ${grouped(all.dueSoon.count)} 笔`);
  await expect(page.getByTestId('worklist-hint')).toContainText(`到期日 ${all.dueFrom} 至 ${all.dueTo}`);

  await page.getByTestId('worklist-tab-overdue-31-90').click();
  await expect(page.getByTestId('worklist-count')).toHaveText(`共 ${grouped(all.buckets['31-90'].count)} 笔`);
  const days = page.getByTestId('worklist-grid').locator('[role="gridcell"][col-id="overdueDays"]');
  await expect(days.first()).toBeVisible();
  for (const text of await days.allInnerTexts()) expect(Number(text)).toBeGreaterThanOrEqual(31);

  const manager = options.managers[0];
  const ofManager = await asAdmin<WorklistCounts>(app, 'worklists.counts', { managerId: manager.id });
  await page.getByTestId('worklist-manager').selectOption({ label: manager.name });
  await expect(page.getByTestId('worklist-count')).toHaveText(`共 ${grouped(ofManager.buckets['31-90'].count)} 笔`);
  await expect(page.getByTestId('worklist-tab-handover')).toContainText(grouped(ofManager.handover.count));

  await page.getByTestId('worklist-tab-handover').click();
  await expect(page.getByTestId('worklist-count')).toHaveText(`共 ${grouped(ofManager.handover.count)} 笔`);
  await expect(page.getByTestId('worklist-grid').locator('[role="gridcell"][col-id="manager"]').first()).toHaveText(manager.name);
  await shot(page, 'worklists-handover');

  const download = page.waitForEvent('download');
  await page.getByTestId('worklist-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`待移交风险资产部-${all.asOf}.xlsx`);
  const wb = XLSX.read(readFileSync(await file.path()));
  const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0]], { header: 1, defval: null });
  expect(rows.length - 4).toBe(ofManager.handover.count);
  await expect(page.getByTestId('worklist-notice')).toContainText(`${grouped(ofManager.handover.count)} 笔`);

  const village = options.villages[0];
  const inVillage = await asAdmin<WorklistCounts>(app, 'worklists.counts', { managerId: manager.id, villageId: village.id });
  await page.getByTestId('worklist-village').selectOption({ label: `${village.township} ${village.name}` });
  await expect(page.getByTestId('worklist-count')).toHaveText(`共 ${grouped(inVillage.handover.count)} 笔`);
});
