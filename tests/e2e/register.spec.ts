import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { sql } from 'kysely';
import { SYSTEM_ACTOR } from '../../electron/backend/changelog/actor';
import { withWrite } from '../../electron/backend/changelog/write-context';
import { formatYuan } from '../../electron/shared/money';
import { maskResidentId } from '../../electron/shared/resident-id';
import { csvBytes, SAMPLE, sampleCsvLines } from '../helpers/sample-files';
import { holdWriteLock } from '../helpers/write-lock-holder';
import { expect, shot, test, type AppUnderTest } from './fixtures';
import { importFile, initBranch, nav, openSignedIn } from './flows';

const grouped = (n: number) => n.toLocaleString('en-US');

/** Picks the sample file in the import page and waits for the preview. */
async function uploadSample(page: Page): Promise<void> {
  await page.getByTestId('import-file-input').setInputFiles(SAMPLE.xlsx);
  await expect(page.getByTestId('import-preview')).toBeVisible({ timeout: 60_000 });
}

/** A borrower with a phone and active loans whose pinyin initials no other borrower starts with, if there is one. */
async function pickBorrower(app: AppUnderTest) {
  const rows = await app.ctx.db
    .selectFrom('borrowers as b')
    .innerJoin('villages as v', 'v.id', 'b.village_id')
    .select(['b.id', 'b.name', 'b.name_initials', 'b.resident_id', 'b.village_id', 'v.name as village'])
    .where((eb) => eb.exists(eb.selectFrom('borrower_phones as p').select('p.id').whereRef('p.borrower_id', '=', 'b.id')))
    .where((eb) => eb.exists(eb.selectFrom('loans as l').select('l.id').whereRef('l.borrower_id', '=', 'b.id').where('l.status', '=', 'active')))
    .orderBy('b.name_initials')
    .execute();
  const all = await app.ctx.db.selectFrom('borrowers').select('name_initials').execute();
  const clashes = (initials: string) => all.filter((r) => r.name_initials.startsWith(initials)).length;
  const unique = rows.find((r) => r.name_initials.length >= 2 && clashes(r.name_initials) === 1);
  const borrower = unique ?? rows[0];
  expect(borrower, 'a borrower with a phone and an active loan').toBeTruthy();
  return borrower;
}

async function phonesOf(app: AppUnderTest, borrowerId: string): Promise<string[]> {
  const rows = await app.ctx.db.selectFrom('borrower_phones').select('phone').where('borrower_id', '=', borrowerId).orderBy('created_at').execute();
  return rows.map((r) => r.phone);
}

/** Opens a household through the header search, typing its pinyin initials. */
async function openHouseholdBySearch(page: Page, initials: string, name: string, maskedId: string): Promise<void> {
  const search = page.getByTestId('global-search');
  await search.fill(initials);
  const hit = page.getByTestId('search-hit').filter({ hasText: name }).filter({ hasText: maskedId });
  await expect(hit).toHaveCount(1);
  await shot(page, 'global-search');
  await hit.click();
  const panel = page.getByTestId('household-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('household-name')).toHaveText(name);
}

test('import the sample export, correct a phone, re-import keeps it, print the village register', async ({ page, app }) => {
  test.setTimeout(240_000);
  await initBranch(app);
  await openSignedIn(page, app);

  // 台账 → 导入核心系统文件 → preview of the sample.
  await page.getByTestId('open-import').click();
  await expect(page).toHaveURL(/#\/register\/import$/);
  await expect(page.getByRole('heading', { name: '导入核心系统文件' })).toBeVisible();
  await uploadSample(page);
  await expect(page.getByTestId('preview-rejected-count')).toHaveText('2');
  await expect(page.getByTestId('preview-warning-count')).toHaveText('1');
  await expect(page.getByTestId('preview-warnings')).toContainText('54');
  await expect(page.getByTestId('preview-warnings')).toContainText('身份证号');
  await expect(page.getByTestId('preview-rejected')).toContainText('缺少借据号');
  await expect(page.getByTestId('preview-count-rowsRead')).toHaveText('208');
  await expect(page.getByTestId('preview-count-accepted')).toHaveText('205');
  await expect(page.getByTestId('preview-count-inserted')).toHaveText('205');
  await expect(page.getByTestId('preview-count-newVillages')).toHaveText('12');
  await expect(page.getByTestId('import-as-of')).toHaveValue('2026-10-31');
  await expect(page.getByTestId('import-full-export')).toBeChecked();
  await expect(page.getByTestId('preview-totals')).toHaveText('已与文件的合计行（第 213 行）核对：余额合计 19,607,276.97 元，与读到的行一致。');
  await shot(page, 'import-preview');

  await page.getByTestId('import-commit').click();
  const result = page.getByTestId('import-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  await expect(result.getByTestId('result-count-inserted')).toHaveText('205');
  await expect(page.getByTestId('import-history')).toContainText('sample-core-export.xlsx');
  // The history keeps what the preview showed: the rejected rows and the warning.
  await page.getByTestId('import-history').locator('[role="row"][row-index="0"]').first().click();
  await expect(page.getByTestId('record-rejected-count')).toHaveText('2');
  await expect(page.getByTestId('record-warning-count')).toHaveText('1');
  await expect(page.getByTestId('record-rejected')).toContainText('缺少借据号');
  const { loans } = await app.ctx.db
    .selectFrom('loans')
    .select((eb) => eb.fn.countAll<number>().as('loans'))
    .executeTakeFirstOrThrow();
  expect(loans).toBe(205);

  // Find a borrower by pinyin initials in the header search; correct the first phone.
  const borrower = await pickBorrower(app);
  const maskedId = maskResidentId(borrower.resident_id ?? '');
  const [oldPhone] = await phonesOf(app, borrower.id);
  const newPhone = oldPhone === '13912345678' ? '13987654321' : '13912345678';
  await openHouseholdBySearch(page, borrower.name_initials, borrower.name, maskedId);
  const panel = page.getByTestId('household-panel');
  await expect(panel.getByTestId('household-id')).toHaveText(maskedId);
  await expect(panel.getByTestId('household-village')).toContainText(borrower.village);
  await expect(panel.getByTestId('phone-input-0')).toHaveValue(oldPhone);
  await panel.getByTestId('phone-input-0').fill(newPhone);
  await panel.getByTestId('phone-note-0').fill('本人，已电话核实');
  // While another program writes (the command line importing), the save waits for it, and the app says so.
  const lock = await holdWriteLock(app.dbPath);
  try {
    await panel.getByTestId('phone-save-0').click();
    await expect(page.getByTestId('write-waiting')).toHaveText('另一个程序正在写入数据库（例如命令行导入），正在等它写完（最多 30 秒）…');
  } finally {
    await lock.release();
  }
  await expect(panel.getByTestId('phone-list').getByRole('status')).toHaveText('已保存');
  await expect(page.getByTestId('write-waiting')).toBeHidden();
  await expect(panel.getByTestId('phone-input-0')).toHaveValue(newPhone);
  await expect(panel.getByTestId('household-history')).toContainText(`${oldPhone} → ${newPhone}`);
  expect(await phonesOf(app, borrower.id)).toContain(newPhone);
  expect(await phonesOf(app, borrower.id)).not.toContain(oldPhone);
  await shot(page, 'household-panel');
  await panel.getByRole('button', { name: '关闭借款户详情' }).click();
  await expect(panel).toHaveCount(0);

  // Re-import the same file: nothing new, nothing changed.
  await page.getByTestId('import-back-to-overview').click();
  await page.getByTestId('open-import').click();
  await uploadSample(page);
  await expect(page.getByTestId('preview-same-file')).toContainText('内容相同的文件已于');
  await expect(page.getByTestId('preview-count-inserted')).toHaveText('0');
  await expect(page.getByTestId('preview-count-updated')).toHaveText('0');
  await expect(page.getByTestId('preview-count-unchanged')).toHaveText('205');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-result').getByTestId('result-count-inserted')).toHaveText('0');
  await expect(page.getByTestId('import-result').getByTestId('result-count-updated')).toHaveText('0');

  // The corrected phone stays; the old number did not come back.
  await openHouseholdBySearch(page, borrower.name_initials, borrower.name, maskedId);
  await expect(panel.getByTestId('phone-input-0')).toHaveValue(newPhone);
  const shown = await panel.getByTestId('phone-list').locator('input[data-testid^="phone-input-"]').evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value));
  expect(shown).toContain(newPhone);
  expect(shown).not.toContain(oldPhone);
  expect(await phonesOf(app, borrower.id)).not.toContain(oldPhone);
  await panel.getByRole('button', { name: '关闭借款户详情' }).click();

  // That borrower's village register, from the villages overview.
  await nav(page, '台账').click();
  await expect(page.getByTestId('villages-grid')).toBeVisible();
  await shot(page, 'villages-after-import');
  await page.getByTestId('villages-grid').getByRole('link', { name: borrower.village, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`#/register/village/${borrower.village_id}$`));
  await expect(page.getByTestId('register-title')).toContainText(borrower.village);
  const villageLoans = await app.ctx.db
    .selectFrom('loans as l')
    .innerJoin('borrowers as b', 'b.id', 'l.borrower_id')
    .where('b.village_id', '=', borrower.village_id)
    .where('l.status', '=', 'active')
    .select(['b.name', 'l.loan_no'])
    .execute();
  await expect(page.getByTestId('register-row-count')).toHaveText(`共 ${grouped(villageLoans.length)} 笔贷款`);
  const grid = page.getByTestId('register-grid');
  await expect(grid.locator('[role="row"][row-index="0"]')).toBeVisible();
  await expect(grid.getByRole('button', { name: borrower.name, exact: true }).first()).toBeVisible();
  await expect(grid).toContainText(newPhone);
  await shot(page, 'village-register');

  // 打印清册 → a PDF holding every borrower of the village; while another program writes (the command
  // line importing), it waits for it to log the print, and says so.
  const downloadPromise = page.waitForEvent('download', { timeout: 90_000 });
  const printLock = await holdWriteLock(app.dbPath);
  try {
    await page.getByTestId('print-village').click();
    await expect(page.getByTestId('register-notice')).toContainText('另一个程序正在写入数据库（例如命令行导入），正在等它写完', { timeout: 60_000 });
    await expect(page.getByTestId('write-waiting')).toBeHidden();
  } finally {
    await printLock.release();
  }
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe(`${borrower.village}贷款清册.pdf`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'register-pdf-'));
  try {
    const file = path.join(dir, 'register.pdf');
    await download.saveAs(file);
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    const names = [...new Set(villageLoans.map((l) => l.name))];
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(text, `the printed register names ${name}`).toContain(name);
    expect(text).toContain(borrower.village);
    // IDs are masked by default.
    expect(text).toContain(maskedId);
    expect(text).not.toContain(borrower.resident_id ?? '-');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await expect(page.getByTestId('register-notice')).toContainText('贷款清册.pdf');
});

test('the register grid pages, sorts and filters in the database', async ({ page, app }) => {
  test.setTimeout(180_000);
  await initBranch(app);
  await importFile(app, SAMPLE.xlsx);
  const db = app.ctx.db;
  // The whole book's default order (the backend's, for speed at 200k loans): by borrower, then loan number.
  const ordered = await sql<{ loan_no: string; balance_fen: number }>`
    select l.loan_no, l.balance_fen from loans l where l.status = 'active' order by l.borrower_id, l.loan_no, l.id`.execute(db);
  const total = ordered.rows.length;
  expect(total).toBe(205);

  await openSignedIn(page, app);
  await page.getByTestId('open-all-loans').click();
  await expect(page).toHaveURL(/#\/register\/all$/);
  const grid = page.getByTestId('register-grid');
  const row = (i: number) => grid.locator(`[role="row"][row-index="${i}"]`);
  await expect(page.getByTestId('register-row-count')).toHaveText(`共 ${total} 笔贷款`);
  await expect(row(0)).toContainText(ordered.rows[0].loan_no);

  // Scrolling to the end loads the last block from the backend, in the database's order.
  const body = grid.locator('[aria-rowcount]');
  await body.evaluate((el) => {
    el.scrollTop = el.scrollHeight;
  });
  await expect(row(total - 1)).toContainText(ordered.rows[total - 1].loan_no);

  // 余额 descending: the largest balance first, as the database has it.
  const byBalance = [...ordered.rows].sort((a, b) => b.balance_fen - a.balance_fen);
  const header = grid.locator('[role="columnheader"][col-id="balanceFen"]');
  await header.locator('.ag-header-cell-label').click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await header.locator('.ag-header-cell-label').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  // The new order starts at its top, although the grid was scrolled to the end.
  await expect(row(0).locator('[col-id="balanceFen"]')).toHaveText(formatYuan(byBalance[0].balance_fen));
  await expect(row(0)).toBeInViewport();
  await expect(row(1).locator('[col-id="balanceFen"]')).toHaveText(formatYuan(byBalance[1].balance_fen));
  await shot(page, 'register-all-by-balance');

  // A 余额 filter typed in 元 runs in the database (fen there).
  const threshold = 50_000;
  const above = ordered.rows.filter((r) => r.balance_fen > threshold * 100).length;
  await header.locator('.ag-header-cell-filter-button').click();
  const filter = page.locator('.ag-filter');
  await filter.locator('.ag-filter-select').first().click();
  await page.getByRole('option', { name: '大于', exact: true }).click();
  await filter.locator('input.ag-number-field-input, input[type="number"]').first().fill(String(threshold));
  await expect(page.getByTestId('register-row-count')).toHaveText(`筛选后 ${above} 笔贷款`);
  const aboveBalance = ordered.rows.filter((r) => r.balance_fen > threshold * 100).reduce((sum, r) => sum + r.balance_fen, 0);
  await expect(page.getByTestId('register-row-balance')).toHaveText(`余额 ${formatYuan(aboveBalance)} 元`);
  await page.keyboard.press('Escape');

  // 导出 Excel exports this view: the filtered loans, largest balance first.
  const downloadPromise = page.waitForEvent('download');
  await page.getByTestId('export-xlsx').click();
  const download = await downloadPromise;
  const exported = XLSX.read(readFileSync((await download.path())!));
  const sheet = XLSX.utils.sheet_to_json<unknown[]>(exported.Sheets[exported.SheetNames[0]], { header: 1, defval: null });
  const balances = sheet.slice(3, 3 + above).map((r) => Number(r[(sheet[2] as string[]).indexOf('余额(元)')]));
  expect(balances).toHaveLength(above);
  expect(balances.every((b) => b > threshold)).toBe(true);
  expect(balances).toEqual([...balances].sort((a, b) => b - a));
  expect(sheet[3 + above][0]).toBe('合计');

  await page.getByRole('button', { name: '清除筛选' }).click();
  await expect(page.getByTestId('register-row-count')).toHaveText(`共 ${total} 笔贷款`);

  // One village: its own loans only, sorted the same way.
  const { village_id } = await db.selectFrom('borrowers').select('village_id').where('village_id', 'is not', null).executeTakeFirstOrThrow();
  const inVillage = await db
    .selectFrom('loans as l')
    .innerJoin('borrowers as b', 'b.id', 'l.borrower_id')
    .where('b.village_id', '=', village_id!)
    .where('l.status', '=', 'active')
    .select(['l.balance_fen'])
    .orderBy('l.balance_fen', 'desc')
    .execute();
  await page.goto(`${app.url}/#/register/village/${village_id}`);
  await expect(page.getByTestId('register-row-count')).toHaveText(`共 ${inVillage.length} 笔贷款`);
  const vHeader = grid.locator('[role="columnheader"][col-id="balanceFen"]');
  await vHeader.locator('.ag-header-cell-label').click();
  await vHeader.locator('.ag-header-cell-label').click();
  await expect(vHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(row(0).locator('[col-id="balanceFen"]')).toHaveText(formatYuan(inVillage[0].balance_fen));

  // The keyboard's way in: Enter on a focused cell opens the household.
  await row(0).locator('[col-id="loanNo"]').click();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('household-panel')).toBeVisible();
  await page.getByRole('button', { name: '关闭借款户详情' }).click();

  // …and on the villages overview, the village.
  await nav(page, '台账').click();
  const villages = page.getByTestId('villages-grid');
  await villages.locator('[role="row"][row-index="0"] [col-id="township"]').focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/register\/village\//);

  // While a write of the app itself is open (an import's commit of a county's file takes seconds),
  // the overview, 全部贷款 and a search still answer, with what was last committed.
  let finish!: () => void;
  const gate = new Promise<void>((resolve) => (finish = resolve));
  const open = withWrite(db, SYSTEM_ACTOR, async (w) => {
    await w.insert('villages', { township: '白文镇', name: '提交中村', manager_id: null });
    await gate;
  });
  // Before, every read waited for it: let it end after a while so that such a run fails, not hangs.
  const letGo = setTimeout(finish, 20_000);
  try {
    await nav(page, '台账').click();
    await expect(villages.locator('[role="row"][row-index="0"]')).toBeVisible();
    await expect(villages).not.toContainText('提交中村');
    await page.getByTestId('open-all-loans').click();
    await expect(page.getByTestId('register-row-count')).toHaveText(`共 ${total} 笔贷款`);
    const someone = await db.selectFrom('borrowers').select('name').orderBy('name').executeTakeFirstOrThrow();
    await page.getByTestId('global-search').fill(someone.name);
    await expect(page.getByTestId('search-hit').filter({ hasText: someone.name }).first()).toBeVisible();
  } finally {
    clearTimeout(letGo);
    finish();
    await open;
  }
  await page.keyboard.press('Escape');
  await nav(page, '台账').click();
  await expect(villages).toContainText('提交中村');
});

test('contact fields edited in the grid are saved; a bad phone is refused and reverted; a save over another clerk’s change is refused', async ({ page, app }) => {
  test.setTimeout(180_000);
  await initBranch(app);
  await importFile(app, SAMPLE.xlsx);
  const db = app.ctx.db;
  // A village's register is ordered by household name: its first row.
  const { village_id } = await db.selectFrom('borrowers').select('village_id').where('village_id', 'is not', null).orderBy('name').executeTakeFirstOrThrow();
  const first = await sql<{ id: string; name: string; village_id: string }>`
    select b.id, b.name, b.village_id from loans l join borrowers b on b.id = l.borrower_id
    where l.status = 'active' and b.village_id = ${village_id} order by b.name_pinyin, b.name, b.id, l.loan_no, l.id limit 1`.execute(db);
  const borrower = first.rows[0];

  await openSignedIn(page, app);
  await page.goto(`${app.url}/#/register/village/${borrower.village_id}`);
  const grid = page.getByTestId('register-grid');
  const cell = (col: string) => grid.locator(`[role="row"][row-index="0"] [col-id="${col}"]`);
  await expect(grid.locator('[role="row"][row-index="0"]')).toContainText(borrower.name);

  // 现住地址: double click, type, Enter → saved in the database.
  await cell('whereabouts').dblclick();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('太原市小店区（务工）');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('register-notice')).toContainText(`已保存 ${borrower.name} 的现住地址`);
  await expect
    .poll(async () => (await db.selectFrom('borrowers').select('whereabouts').where('id', '=', borrower.id).executeTakeFirstOrThrow()).whereabouts)
    .toBe('太原市小店区（务工）');

  // 联系人电话 that is not a phone: the backend's message, and the cell goes back.
  await cell('contactPhone').dblclick();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('12345');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('register-notice')).toContainText('不是有效的手机号或固定电话');
  await expect(cell('contactPhone')).toHaveText('');
  const stored = await db.selectFrom('borrowers').select('contact_phone').where('id', '=', borrower.id).executeTakeFirstOrThrow();
  expect(stored.contact_phone).toBe('');

  // The name opens the household panel, which shows the saved whereabouts.
  await grid.locator('[role="row"][row-index="0"]').getByRole('button', { name: borrower.name, exact: true }).click();
  await expect(page.getByTestId('household-panel').getByLabel('现住地址')).toHaveValue('太原市小店区（务工）');
  await shot(page, 'household-over-register');

  // Another clerk corrects the whereabouts meanwhile: a save from this older panel is refused, saying what it holds now.
  await withWrite(db, SYSTEM_ACTOR, async (w) => {
    const row = await w.trx.selectFrom('borrowers').selectAll().where('id', '=', borrower.id).executeTakeFirstOrThrow();
    await w.update('borrowers', row, { whereabouts: '吕梁市离石区' });
  });
  const panel = page.getByTestId('household-panel');
  await panel.getByLabel('现住地址').fill('北京市朝阳区');
  await panel.getByTestId('contact-save').click();
  await expect(panel.getByTestId('contact-error')).toContainText('“现住地址”已被他人改为“吕梁市离石区”');
  expect((await db.selectFrom('borrowers').select('whereabouts').where('id', '=', borrower.id).executeTakeFirstOrThrow()).whereabouts).toBe('吕梁市离石区');
});

test('a number the core system sent that is no phone is kept and flagged for correction', async ({ page, app }) => {
  await initBranch(app);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bad-phone-'));
  try {
    const lines = sampleCsvLines();
    const cells = lines[1].split(','); // 梁梅, ID 141124195705010729; cell 5 is her phone
    cells[5] = '12345';
    const file = path.join(dir, 'bad-phone.csv');
    writeFileSync(file, csvBytes([lines[0], cells.join(','), ...lines.slice(2)]));
    await importFile(app, file, '2026-10-31');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  await openSignedIn(page, app);
  await page.getByTestId('global-search').fill('141124195705010729');
  await page.getByTestId('search-hit').filter({ hasText: '梁梅' }).first().click();
  const panel = page.getByTestId('household-panel');
  await expect(panel.getByTestId('phone-input-0')).toHaveValue('12345');
  await expect(panel.getByTestId('phone-invalid-0')).toHaveText('号码无效，请核实后更正');
  await panel.getByTestId('phone-input-0').fill('18792401349');
  await panel.getByTestId('phone-save-0').click();
  await expect(panel.getByTestId('phone-list').getByRole('status')).toHaveText('已保存');
  await expect(panel.getByTestId('phone-invalid-0')).toHaveCount(0);
  // Core numbers are corrected, not removed; a number staff added can be removed.
  await expect(panel.getByTestId('phone-delete-0')).toHaveCount(0);
  await panel.getByTestId('phone-input-new').fill('13800000000');
  await panel.getByTestId('phone-save-new').click();
  await expect(panel.getByTestId('phone-input-1')).toHaveValue('13800000000');
  page.once('dialog', (d) => void d.accept());
  await panel.getByTestId('phone-delete-1').click();
  await expect(panel.getByTestId('phone-input-1')).toHaveCount(0);
  await expect(panel.getByTestId('household-history')).toContainText('13800000000');

  // Typed but not saved: closing asks first, and staying keeps the text.
  await panel.getByLabel('现住地址').fill('太原市小店区（务工）');
  const asked: string[] = [];
  page.once('dialog', (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  await page.keyboard.press('Escape');
  await expect.poll(() => asked).toEqual(['有未保存的修改，关闭后将丢失。确定关闭吗？']);
  await expect(panel.getByLabel('现住地址')).toHaveValue('太原市小店区（务工）');
  page.once('dialog', (d) => void d.accept());
  await panel.getByRole('button', { name: '关闭借款户详情' }).click();
  await expect(panel).toHaveCount(0);
});

test('a full export that would settle a large part of the register asks first', async ({ page, app }) => {
  await initBranch(app);
  await importFile(app, SAMPLE.xlsx);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'one-loan-'));
  try {
    const lines = sampleCsvLines();
    const file = path.join(dir, 'one-loan.csv');
    writeFileSync(file, csvBytes([lines[0], lines[1]]));
    await openSignedIn(page, app);
    await page.getByTestId('open-import').click();
    await page.getByTestId('import-file-input').setInputFiles(file);
    await expect(page.getByTestId('import-preview')).toBeVisible();
    await page.getByTestId('import-as-of').fill('2026-11-30');
    await expect(page.getByTestId('preview-count-settled')).toHaveText('204');
    await expect(page.getByTestId('preview-totals')).toContainText('文件中没有合计行，无法核对文件是否完整');
    const asked: string[] = [];
    page.once('dialog', (d) => {
      asked.push(d.message());
      void d.dismiss();
    });
    await page.getByTestId('import-commit').click();
    await expect.poll(() => asked.length).toBe(1);
    expect(asked[0]).toContain('将有 204 笔在贷贷款');
    // Not committed: still the preview, nothing settled.
    await expect(page.getByTestId('import-preview')).toBeVisible();
    const settled = await app.ctx.db.selectFrom('loans').select('id').where('status', '=', 'settled').execute();
    expect(settled).toHaveLength(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a file with an unknown header goes through the column-mapping screen', async ({ page, app }) => {
  test.setTimeout(120_000);
  await initBranch(app);
  await openSignedIn(page, app);
  await page.goto(`${app.url}/#/register/import`);

  const lines = [
    '白文支行 贷款明细,,,,',
    '凭证编码,客户,居住地,结欠金额,证件号码',
    'LN-0001,张三丰,临县白文镇刘家会村3组,"12,000.00",',
    'LN-0002,李四,临县白文镇城庄村1组,5000,',
  ];
  const csv = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n'), 'utf8')]);
  await page.getByTestId('import-file-input').setInputFiles({ name: '自定义导出.csv', mimeType: 'text/csv', buffer: csv });

  const mapping = page.getByTestId('mapping-screen');
  await expect(mapping).toBeVisible({ timeout: 60_000 });
  await expect(mapping).toContainText('凭证编码');
  // The header guess is the fullest row: the second.
  await expect(page.getByTestId('mapping-header-1')).toBeChecked();
  // Required fields left out are named.
  await page.getByTestId('mapping-apply').click();
  await expect(page.getByTestId('mapping-error')).toContainText('借据号');
  await page.getByTestId('mapping-field-loanNo').selectOption({ label: 'A · 凭证编码' });
  await page.getByTestId('mapping-field-name').selectOption({ label: 'B · 客户' });
  await page.getByTestId('mapping-field-address').selectOption({ label: 'C · 居住地' });
  await page.getByTestId('mapping-field-balance').selectOption({ label: 'D · 结欠金额' });
  await shot(page, 'import-mapping');
  await page.getByTestId('mapping-apply').click();

  await expect(page.getByTestId('import-preview')).toBeVisible({ timeout: 60_000 });
  // No as-of date in this file: it must be entered before the counts show.
  await expect(page.getByTestId('import-commit')).toBeDisabled();
  await page.getByTestId('import-as-of').fill('2026-10-31');
  await expect(page.getByTestId('preview-count-accepted')).toHaveText('2');
  await expect(page.getByTestId('preview-count-newVillages')).toHaveText('2');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-result').getByTestId('result-count-inserted')).toHaveText('2');
  const profiles = await app.ctx.db.selectFrom('import_profiles').select('id').execute();
  expect(profiles).toHaveLength(1);
});

test('a large file shows the backend’s reading progress', async ({ page, app }) => {
  test.setTimeout(180_000);
  await initBranch(app);
  await openSignedIn(page, app);
  await page.goto(`${app.url}/#/register/import`);

  // 30,000 loans: the backend reports progress every 5,000 rows.
  const lines = ['客户编号,借款人姓名,身份证号码,手机号,住址,贷款账号,产品名称,余额'];
  for (let i = 0; i < 30_000; i++) {
    lines.push(`C${900000 + (i % 5000)},张${i % 5000},,13800138000,临县白文镇城庄村${i % 9}组,9${String(i).padStart(10, '0')},农户小额信用贷款,${1000 + i}`);
  }
  // Progress goes by quickly: record every state of the bar as the page shows it.
  // (A script string: the test's type program has no DOM.)
  await page.evaluate(`
    window.progressSeen = [];
    new MutationObserver(() => {
      const bar = document.querySelector('[role="progressbar"]');
      if (bar) window.progressSeen.push(bar.getAttribute('aria-valuenow') + '|' + (document.querySelector('.progress-label')?.textContent ?? ''));
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  `);
  await page.getByTestId('import-file-input').setInputFiles({ name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n'), 'utf8') });
  await expect(page.getByTestId('import-preview')).toBeVisible({ timeout: 120_000 });
  const seen = (await page.evaluate('window.progressSeen')) as string[];
  // An indeterminate bar first, then figures from the backend's events.
  expect(seen.some((s) => s.startsWith('null|')), seen.join('\n')).toBe(true);
  expect(seen.some((s) => /^\d+\|.*已读 [\d,]+ \/ 30,000 行/.test(s)), seen.join('\n')).toBe(true);
  await page.getByTestId('import-as-of').fill('2026-10-31');
  await expect(page.getByTestId('preview-count-inserted')).toHaveText('30,000');
});
