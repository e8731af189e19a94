import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { archiveCsv, ARCHIVE_LOANS } from '../integration/archives/archive-fixture';
import { expect, shot, test, type AppUnderTest } from './fixtures';
import { ADMIN, asAdmin, importFile, initBranch, nav, signIn } from './flows';

const CLERK = { username: 'clerk1', displayName: '内勤甲', password: 'Clerk2025!', role: 'clerk' };
const MORTGAGE_PAPER = '他项权证/抵押登记证明';

async function archiveBranch(app: AppUnderTest): Promise<void> {
  await initBranch(app);
  await asAdmin(app, 'staff.create', CLERK);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'archive-settings-e2e-'));
  try {
    const file = path.join(dir, 'loans.csv');
    await writeFile(file, archiveCsv(ARCHIVE_LOANS), 'utf8');
    await importFile(app, file, '2026-11-30');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function openSettingsAs(page: Page, app: AppUnderTest, who: { username: string; password: string; displayName: string }): Promise<void> {
  await page.goto(app.url);
  await signIn(page, who.username, who.password);
  await expect(page.getByTestId('current-user')).toHaveText(who.displayName);
  await nav(page, '归档规则').click();
  await expect(page.getByRole('heading', { name: '信贷档案设置' })).toBeVisible();
}

/** A cell of a rule matrix, by document type and column (全部, 信用, 保证, 抵押, 质押). */
const cell = (page: Page, matrix: string, docType: string, column: string) =>
  page.getByTestId(matrix).getByLabel(new RegExp(`^${docType.replace('/', '\\/')} ${column}：`));

test('档案设置: an admin adds a holiday and a product rule, both still there after a reload; a clerk only reads them', async ({ page, app }) => {
  await archiveBranch(app);
  await openSettingsAs(page, app, ADMIN);

  // A holiday on Monday 7 December: two open files' deadlines fall after it (A01 and A05).
  await page.getByTestId('as-calendar-date').fill('2026-12-07');
  await page.getByTestId('as-calendar-kind').selectOption('holiday');
  await page.getByTestId('as-calendar-name').fill('支行停业');
  await page.getByTestId('as-calendar-add').click();
  await expect(page.getByTestId('as-calendar-done')).toContainText('已登记 2026-12-07 节假日。2 份档案的移交期限随之调整。');
  await expect(page.getByTestId('as-calendar-day')).toHaveText(['2026-12-07周一节假日支行停业删除']);

  // 安心贷's mortgage loans need no 他项权证 in the branch's file: 沿用 → 必需 → 不需要.
  await page.getByTestId('as-product').selectOption('安心贷');
  const mortgage = cell(page, 'as-product-rules', MORTGAGE_PAPER, '抵押');
  await expect(mortgage).toHaveText('沿用：必需');
  await mortgage.click();
  await expect(mortgage).toHaveText('必需');
  await mortgage.click();
  await expect(mortgage).toHaveText('不需要');
  await expect(cell(page, 'as-rules', MORTGAGE_PAPER, '抵押')).toHaveText('必需');
  await shot(page, 'archive-settings');

  // The cut-over says first how many files it will mark received (A03 and A06 were disbursed before it).
  await page.getByTestId('as-cutover-date').fill('2026-11-01');
  await page.getByTestId('as-cutover-ask').click();
  await expect(page.getByTestId('as-cutover-confirm')).toContainText('将把 2 份 2026-11-01 之前放款、仍在收集中的档案标记为已签收');
  await expect(page.getByTestId('as-cutover-confirm')).toContainText('不能撤销');
  await page.getByTestId('as-cutover-confirm-yes').click();
  await expect(page.getByTestId('as-cutover-done')).toContainText('切换日期已设为 2026-11-01，2 份存量档案已标记为已签收。');
  await expect(page.getByTestId('as-cutover-current')).toContainText('当前切换日期：2026-11-01');

  await page.reload();
  await expect(page.getByRole('heading', { name: '信贷档案设置' })).toBeVisible();
  await expect(page.getByTestId('as-calendar-day')).toHaveText(['2026-12-07周一节假日支行停业删除']);
  await expect(page.getByTestId('as-product')).toContainText('安心贷（已有调整）');
  await page.getByTestId('as-product').selectOption('安心贷');
  await expect(cell(page, 'as-product-rules', MORTGAGE_PAPER, '抵押')).toHaveText('不需要');
  const rules = await app.ctx.db.selectFrom('archive_doc_rules').select(['product', 'guarantee_type', 'required']).where('product', '=', '安心贷').execute();
  expect(rules).toEqual([{ product: '安心贷', guarantee_type: '抵押', required: 0 }]);

  // The clerk sees the same values and no control to change them.
  await page.getByRole('button', { name: '退出登录' }).click();
  await openSettingsAs(page, app, CLERK);
  await expect(page.getByTestId('as-read-only')).toContainText('只有支行长和管理员可以修改');
  await expect(page.getByTestId('as-calendar-day')).toHaveText(['2026-12-07周一节假日支行停业']);
  await expect(page.getByTestId('as-deadline')).toContainText('10 个工作日');
  await expect(page.getByTestId('as-cutover-current')).toContainText('当前切换日期：2026-11-01');
  await page.getByTestId('as-product').selectOption('安心贷');
  await expect(cell(page, 'as-product-rules', MORTGAGE_PAPER, '抵押')).toHaveText('不需要');
  await expect(page.getByTestId('archive-settings-page').getByRole('button')).toHaveCount(0);
  await expect(page.getByTestId('archive-settings-page').locator('input')).toHaveCount(0);
  await shot(page, 'archive-settings-read-only');
});

test('档案设置: the branch head adds a document type, moves it up, renames and stops it, and sets the deadline', async ({ page, app }) => {
  await archiveBranch(app);
  const HEAD = { username: 'head1', displayName: '支行长甲', password: 'Head2025!', role: 'head' };
  await asAdmin(app, 'staff.create', HEAD);
  await openSettingsAs(page, app, HEAD);

  const types = page.getByTestId('as-doc-types');
  await page.getByLabel('新增资料').fill('收入证明');
  await page.getByTestId('as-doc-type-add').click();
  await expect(page.getByTestId('as-doc-type').last()).toContainText('16收入证明启用');
  await types.getByRole('button', { name: '上移 收入证明' }).click();
  await expect(page.getByTestId('as-doc-type').nth(14)).toContainText('15收入证明');
  await expect(page.getByTestId('as-doc-type').last()).toContainText('16首次贷后检查报告');

  await types.getByRole('button', { name: '改名 收入证明' }).click();
  await types.getByLabel('新名称').fill('借据');
  await types.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('form-error').first()).toHaveText('已有名为“借据”的资料，请换一个名称。');
  await types.getByLabel('新名称').fill('收入及资产证明');
  await types.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('as-doc-type').nth(14)).toContainText('15收入及资产证明启用');
  await types.getByRole('button', { name: '停用 收入及资产证明' }).click();
  await expect(page.getByTestId('as-doc-type').nth(14)).toContainText('15收入及资产证明停用');
  await expect(page.getByTestId('as-rules').getByRole('row', { name: /收入及资产证明（已停用）/ })).toBeVisible();

  await page.getByTestId('as-deadline-days').fill('5');
  await page.getByTestId('as-deadline-save').click();
  await expect(page.getByRole('status')).toHaveText('已保存。6 份未移交档案的期限已重新计算。');
  const due = await app.ctx.db
    .selectFrom('archive_files as f')
    .innerJoin('loans as l', 'l.id', 'f.loan_id')
    .select('f.due_on')
    .where('l.loan_no', '=', 'A01')
    .executeTakeFirstOrThrow();
  expect(due.due_on).toBe('2026-12-04');
});
