import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startHqConsole, type RunningConsole } from '../../electron/backend/hq/console/start-console';
import { createHqTestDatabase, type HqTestDatabase } from '../helpers/hq-database';
import { SEED, seedHqConsole, type SeededHq } from './hq-console-seed';

// Head office's console needs no built renderer: it serves its own pages, against a test
// database on the PostgreSQL server the config's globalSetup starts.
let pgdb: HqTestDatabase;
let dir: string;
let seeded: SeededHq;
let server: RunningConsole;

test.beforeAll(async () => {
  pgdb = await createHqTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'branch-ledger-hq-e2e-'));
  seeded = await seedHqConsole(pgdb.url, dir);
  server = await startHqConsole({ db: seeded.conn.db, host: '127.0.0.1', port: 0, keys: seeded.keys, hqDir: seeded.hqDir });
});

test.afterAll(async () => {
  await server?.close();
  await seeded?.conn.close();
  await pgdb?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('总行控制台: signs in, sees the branch in 总览, and records a batch’s receipt through the 签收 form', async ({ page }) => {
  await page.goto(server.url);
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel('用户名').fill(SEED.user.username);
  await page.getByLabel('密码').fill('wrong-password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toHaveText('用户名或密码错误。');
  await page.getByLabel('密码').fill(SEED.user.password);
  await page.getByRole('button', { name: '登录' }).click();

  await expect(page.getByRole('heading', { name: '总览' })).toBeVisible();
  const line = page.locator('#overview tbody tr', { hasText: 'B01 城关支行' });
  await expect(line).toContainText('第 1 号');
  await expect(line).toContainText('2026-11-30');
  await expect(page.locator('#overview tr.total')).toContainText('全行合计（1 个支行）');

  await page.getByRole('link', { name: '档案', exact: true }).click();
  const batch = page.locator('#pending-batches tbody tr', { hasText: SEED.batchNo });
  await batch.getByRole('link', { name: '签收' }).click();
  await expect(page.getByRole('heading', { name: `签收 ${SEED.batchNo}` })).toBeVisible();
  await expect(page.locator('#receipt-files tbody tr')).toHaveCount(3);
  await expect(page.locator('#receipt-files')).toContainText('赵<b>强</b>');

  const third = page.locator('#receipt-files tbody tr', { hasText: SEED.files[2].loanNo });
  await third.getByLabel('差异', { exact: true }).check();
  await page.getByRole('button', { name: '登记签收' }).click();
  await expect(page.getByRole('alert')).toHaveText(`有差异的档案须写明差异：${SEED.files[2].loanNo}。`);
  await expect(page.locator('#receipt-files tbody tr', { hasText: SEED.files[2].loanNo }).getByLabel('差异', { exact: true })).toBeChecked();

  await page.getByLabel(`${SEED.files[2].loanNo} 的差异说明`).fill('缺抵押登记证明');
  await page.getByRole('button', { name: '登记签收' }).click();
  await expect(page.getByRole('status')).toContainText(`已登记 B01 批次 ${SEED.batchNo} 的签收：签收 2 份，有差异 1 份。`);
  await expect(page.getByText('没有待签收的移交批次。')).toBeVisible();
  await expect(page.locator('#receipts tbody tr', { hasText: SEED.batchNo })).toContainText('待下发');

  const rows = await seeded.conn.db.selectFrom('hq_rows').select(['recorded_by', 'data']).where('table_name', '=', 'archive_receipts').execute();
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ recorded_by: SEED.user.name, data: { batch_no: SEED.batchNo } });
});
