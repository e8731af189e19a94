import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { INDICATOR_DEFINITIONS, INDICATOR_KEYS } from '../../electron/shared/api/indicators';
import { archiveCsv, type ArchiveLoan } from '../integration/archives/archive-fixture';
import { pdfText } from '../helpers/pdf-text';
import { expect, shot, test, type AppUnderTest } from './fixtures';
import { asAdmin, importFile, initBranch, nav, openSignedIn, signIn } from './flows';

/**
 * Two loans whose first inspections fall due in December 2026 ("today" is 2026-12-02 for the
 * backend): a business loan (first within 15 days: 2026-12-05) and a farmer loan (30 days: 2026-12-10).
 */
const LOANS: ArchiveLoan[] = [
  { loanNo: 'PL2026110001', name: '张大山', village: '刘家会村', product: '个人经营贷款', guarantee: '保证', disbursedOn: '2026-11-20', manager: '王经理' },
  { loanNo: 'PL2026110002', name: '赵二', village: '刘家会村', product: '农户小额信用贷款', guarantee: '信用', disbursedOn: '2026-11-10', manager: '王经理' },
];
const [BUSINESS] = LOANS;
const MONTH = '2026-12';
const TODAY = '2026-12-02';
const REVIEWER = { username: 'post1', displayName: '贷后甲', password: 'Review2025!', role: 'reviewer' };

async function postLoanBranch(app: AppUnderTest): Promise<void> {
  await initBranch(app);
  await asAdmin(app, 'staff.create', REVIEWER);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'post-loan-e2e-'));
  try {
    const file = path.join(dir, 'loans.csv');
    await writeFile(file, archiveCsv(LOANS), 'utf8');
    await importFile(app, file, '2026-12-01');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function openIndicators(page: Page): Promise<void> {
  await nav(page, '指标').click();
  await expect(page.getByRole('heading', { name: '贷后指标', exact: true })).toBeVisible();
  const month = page.getByTestId('indicator-month');
  await month.fill(MONTH);
  await month.press('Enter');
  await expect(page.getByTestId('indicator-title')).toContainText('2026年12月贷后指标');
}

const card = (page: Page, key: string) => page.getByTestId(`indicator-${key}`);

test('贷后: an inspection recorded for a due loan moves 贷后完成率; the spot check refuses its own inspector, a reviewer confirms it (抽查达标率); the charts; the month-end PDF holds the names and figures shown', async ({ page, app }) => {
  await postLoanBranch(app);
  await openSignedIn(page, app);

  // Before: both first inspections are due this month, none done.
  await openIndicators(page);
  await expect(card(page, 'inspectionCompletion').getByTestId('indicator-value-inspectionCompletion')).toHaveText('0.0%');
  await expect(card(page, 'inspectionCompletion').getByTestId('indicator-parts-inspectionCompletion')).toHaveText('0 笔 / 2 笔');
  await expect(card(page, 'inspectionCompletion')).toContainText(INDICATOR_DEFINITIONS.inspectionCompletion.definition);
  // December's only import is of the 1st: the 21st's and the month end's are said to be missing.
  await expect(page.getByTestId('indicator-missing')).toContainText('缺少 2026-12-21 的导入数据，21日结息率无法计算');
  await expect(page.getByTestId('indicator-missing')).toContainText('缺少 2026-12-31 的导入数据，月末结息率无法计算');
  await expect(page.getByTestId('indicator-value-interestSettlement21')).toHaveText('—');

  // 待检查: both loans, per manager; the business loan's 登记检查.
  await nav(page, '贷后检查').click();
  await expect(page.getByRole('heading', { name: '贷后检查', exact: true })).toBeVisible();
  await expect(page.getByTestId('due-summary')).toContainText('待检查 2 笔');
  await expect(page.getByTestId('due-by-manager')).toContainText('王经理 2 笔');
  const row = page.getByTestId('due-grid').locator('.ag-row', { hasText: BUSINESS.loanNo });
  await expect(row).toHaveCount(1);
  await row.getByTestId('due-row-record').click();

  const dialog = page.getByTestId('inspection-dialog');
  await expect(dialog.getByTestId('inspection-task')).toHaveText('首次检查，应检查日 2026-12-05');
  // Saved blank: each required answer is asked for by its field.
  await dialog.getByTestId('inspection-save').click();
  await expect(dialog.getByTestId('inspection-error')).toContainText('请按提示修改标红的项目');
  await expect(dialog.locator('[data-question="guarantorSound"]')).toContainText('请选择“是”或“否”');

  await dialog.getByTestId('inspection-date').fill(TODAY);
  await dialog.getByTestId('inspection-way-site').check();
  const questions = dialog.locator('.inspection-question:has(input[type="radio"])');
  for (let i = 0; i < (await questions.count()); i++) await questions.nth(i).getByLabel('是', { exact: true }).check();
  await dialog.locator('[data-question="operatingNote"] input').fill('小卖部经营正常，进货量稳定');
  await dialog.getByTestId('inspection-signals').getByLabel('他行逾期').check();
  await dialog.getByTestId('inspection-conclusion-attention').check();
  await dialog.getByTestId('inspection-follow-up').fill('一个月后电话回访，核实他行逾期是否结清');
  await shot(page, 'post-loan-inspection-form');
  await dialog.getByTestId('inspection-save').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('inspection-notice')).toContainText(`已登记 ${BUSINESS.loanNo} 张大山 的贷后检查，完成首次检查（应检查日 2026-12-05）`);
  await expect(page.getByTestId('due-summary')).toContainText('待检查 1 笔');

  // 检查记录: the loan's history holds it.
  await page.getByTestId('inspection-tab-records').click();
  await page.getByTestId('records-search').fill('110001');
  await page.getByTestId('records-hits').getByRole('button', { name: new RegExp(BUSINESS.loanNo) }).click();
  const history = page.getByTestId('loan-inspection-list');
  await expect(history).toContainText(TODAY);
  await expect(history).toContainText('他行逾期');
  await expect(history).toContainText('关注');
  await shot(page, 'post-loan-records');

  // After: one of the two done on time.
  await openIndicators(page);
  const completion = card(page, 'inspectionCompletion');
  await expect(completion.getByTestId('indicator-value-inspectionCompletion')).toHaveText('50.0%');
  await expect(completion.getByTestId('indicator-parts-inspectionCompletion')).toHaveText('1 笔 / 2 笔');
  await shot(page, 'post-loan-indicators');
  await completion.getByTestId('indicator-drill-inspectionCompletion').click();
  const drill = page.getByTestId('indicator-drill');
  await expect(drill.getByTestId('indicator-drill-figure')).toContainText('共 2 笔');
  await expect(drill.getByTestId('indicator-drill-grid').locator('.ag-row', { hasText: BUSINESS.loanNo }).first()).toBeVisible();

  // 抽查: the admin recorded it, so may not check it (四眼原则).
  await nav(page, '贷后检查').click();
  await page.getByTestId('inspection-tab-spot').click();
  const spotMonth = page.getByTestId('spot-month');
  await spotMonth.fill(MONTH);
  await spotMonth.press('Enter');
  await page.getByTestId('spot-draw').click();
  await expect(page.getByTestId('inspection-notice')).toContainText('抽取 2026年12月 的检查 1 笔');
  const spot = page.getByTestId('spot-row').filter({ hasText: BUSINESS.loanNo });
  await spot.getByTestId('spot-confirm').click();
  await expect(spot.getByTestId('spot-error')).toContainText('四眼原则');
  await expect(spot.getByTestId('spot-confirm')).toBeVisible();
  await shot(page, 'post-loan-spot-refused');

  // The reviewer confirms it: 抽查达标率 1 of 1.
  await page.getByRole('button', { name: '退出登录' }).click();
  await signIn(page, REVIEWER.username, REVIEWER.password);
  await expect(page.getByTestId('current-user')).toHaveText(REVIEWER.displayName);
  await nav(page, '贷后检查').click();
  await page.getByTestId('inspection-tab-spot').click();
  await page.getByTestId('spot-month').fill(MONTH);
  await page.getByTestId('spot-month').press('Enter');
  const theirs = page.getByTestId('spot-row').filter({ hasText: BUSINESS.loanNo });
  await theirs.getByTestId('spot-note').fill('电话回访借款人，情况属实');
  await theirs.getByTestId('spot-confirm').click();
  await expect(theirs.getByTestId('spot-verdict')).toContainText('确认：电话回访借款人，情况属实');
  await openIndicators(page);
  await expect(page.getByTestId('indicator-value-spotCheckPass')).toHaveText('100.0%');
  await expect(page.getByTestId('indicator-parts-spotCheckPass')).toHaveText('1 笔 / 1 笔');
  await page.getByRole('button', { name: '退出登录' }).click();
  await openSignedIn(page, app);

  // The charts: a trend per indicator over twelve months, the managers side by side.
  await openIndicators(page);
  const shown = new Map<string, string>();
  for (const key of INDICATOR_KEYS) shown.set(key, (await page.getByTestId(`indicator-value-${key}`).textContent()) ?? '');
  await page.getByTestId('indicator-view-charts').click();
  for (const key of INDICATOR_KEYS) await expect(page.getByTestId(`trend-${key}`).locator('svg')).toBeVisible();
  await expect(page.getByTestId('trend-inspectionCompletion')).toContainText('贷后完成率');
  await expect(page.getByTestId('manager-chart').locator('svg')).toContainText('王经理');
  await expect(page.getByTestId('manager-table')).toContainText('50.0%');
  await shot(page, 'post-loan-charts');
  await page.getByTestId('manager-table').scrollIntoViewIfNeeded();
  await shot(page, 'post-loan-managers');

  // 月末材料 PDF: the indicator names and the figures shown on the cards.
  const download = page.waitForEvent('download');
  await page.getByTestId('indicator-pack-pdf').click();
  const pdf = await readFile(await (await download).path());
  const dir = await mkdtemp(path.join(os.tmpdir(), 'post-loan-e2e-pdf-'));
  try {
    const text = pdfText(pdf.toString('base64'), path.join(dir, 'month-end.pdf')).replace(/[ \t]+/g, ' ');
    for (const key of INDICATOR_KEYS) {
      expect(text).toContain(INDICATOR_DEFINITIONS[key].name);
      expect(text).toContain(shown.get(key));
    }

    // The same figures as .xlsx.
    const xlsx = page.waitForEvent('download');
    await page.getByTestId('indicator-pack-xlsx').click();
    expect((await xlsx).suggestedFilename()).toMatch(/\.xlsx$/);
    await expect(page.getByTestId('indicator-notice')).toContainText('已导出');

    // 打印月报: one manager's month on one page.
    await page.getByTestId('indicator-manager').selectOption({ label: '王经理' });
    await page.getByTestId('indicator-view-cards').click();
    await expect(page.getByTestId('indicator-title')).toContainText('（王经理）');
    const mine = (await page.getByTestId('indicator-value-inspectionCompletion').textContent()) ?? '';
    const report = page.waitForEvent('download');
    await page.getByTestId('indicator-manager-report').click();
    const reportText = pdfText((await readFile(await (await report).path())).toString('base64'), path.join(dir, 'manager-report.pdf'));
    expect(reportText).toContain('王经理');
    expect(reportText).toContain('贷后完成率');
    expect(reportText).toContain(mine);
    expect(reportText.split('\f').filter((p) => p.trim() !== '')).toHaveLength(1);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('风险预警: a loan overdue for the first time is listed with the two imports as evidence and an ad-hoc inspection due; cleared with a note it leaves the list; 检查规则 refuses a bad figure and adds a rule', async ({ page, app }) => {
  await initBranch(app);
  const [, FARMER] = LOANS;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'post-loan-e2e-warn-'));
  try {
    const file = path.join(dir, 'loans.csv');
    await writeFile(file, archiveCsv(LOANS), 'utf8');
    await importFile(app, file, '2026-11-30');
    // The farmer loan 12 days overdue in the next import (archiveCsv writes every loan current: balance, overdue days 0, no interest owed).
    const overdue = archiveCsv(LOANS)
      .split('\r\n')
      .map((line) => (line.includes(FARMER.loanNo) ? line.replace(',20000,20000,0,0,', ',20000,20000,12,0,') : line))
      .join('\r\n');
    await writeFile(file, overdue, 'utf8');
    await importFile(app, file, '2026-12-01');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  await openSignedIn(page, app);
  await nav(page, '贷后检查').click();

  // The schedule: an ad-hoc inspection for the loan that became overdue.
  const adhoc = page.getByTestId('due-grid').locator('.ag-row', { hasText: '专项检查' });
  await expect(adhoc).toContainText(FARMER.loanNo);

  await page.getByTestId('inspection-tab-warnings').click();
  await expect(page.getByTestId('warning-signal-first-overdue')).toContainText('首次逾期 1');
  const row = page.getByTestId('warning-row').filter({ hasText: FARMER.loanNo });
  await expect(row).toContainText('首次逾期');
  await expect(row.locator('.warning-evidence')).toContainText('2026-11-30');
  await expect(row.locator('.warning-evidence')).toContainText('2026-12-01');
  await expect(row.locator('.warning-evidence')).toContainText('逾期 12 天');
  await shot(page, 'post-loan-warnings');

  await row.getByTestId('warning-clear').first().click();
  const dialog = page.getByTestId('warning-clear-dialog');
  await dialog.getByTestId('warning-clear-save').click();
  await expect(dialog.getByTestId('warning-clear-error')).toContainText('请填写处理说明或选择一次贷后检查');
  await dialog.getByTestId('warning-clear-note').fill('已电话联系借款人，本周内归还逾期本金');
  await dialog.getByTestId('warning-clear-save').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('inspection-notice')).toContainText(`已处理 ${FARMER.loanNo} 的“首次逾期”预警`);
  await expect(page.getByTestId('warning-row').filter({ hasText: FARMER.loanNo })).toHaveCount(0);
  await expect(page.getByTestId('warning-signal-first-overdue')).toContainText('首次逾期 0');

  // 检查规则: the two defaults, and one more for a product and guarantee type.
  await page.getByTestId('inspection-tab-rules').click();
  const rules = page.getByTestId('rules-table');
  await expect(rules.getByRole('row', { name: /个人经营贷款 任意 15 3/ })).toBeVisible();
  await expect(rules.getByRole('row', { name: /任意产品 任意 30 6/ })).toBeVisible();
  await page.getByTestId('rule-add').click();
  const form = page.getByRole('form', { name: '检查规则' });
  await form.getByLabel('产品').fill('安心贷');
  await form.getByLabel('担保方式').selectOption('抵押');
  await form.getByLabel('首次检查（放款后天数）').fill('400');
  await form.getByRole('button', { name: '保存规则' }).click();
  await expect(form.locator('.field-error')).toContainText('首次检查天数最多 366 天');
  await form.getByLabel('首次检查（放款后天数）').fill('20');
  await form.getByLabel('常规检查间隔（月）').fill('4');
  await form.getByRole('button', { name: '保存规则' }).click();
  await expect(page.getByTestId('inspection-notice')).toContainText('已保存规则：安心贷、抵押，放款后 20 天内首次检查，以后每 4 个月一次');
  await expect(rules.getByRole('row', { name: /安心贷 抵押 20 4/ })).toBeVisible();
});
