import type { Page } from '@playwright/test';
import type { RegisterPageResult } from '../../electron/shared/api/register';
import { SAMPLE } from '../helpers/sample-files';
import { expect, test } from './fixtures';
import { asAdmin, importFile, initBranch, openSignedIn } from './flows';

/** Whether the grid's row `index` lies wholly inside the grid's scrolled box (on screen, not scrolled past). */
function rowInGridBox(page: Page, index: number) {
  return page.evaluate(`(() => {
    const grid = document.querySelector('[data-testid="register-grid"]');
    const row = grid?.querySelector('[role="row"][row-index="${index}"]');
    if (!row) return false;
    const r = row.getBoundingClientRect(), v = grid.querySelector('.ag-grid-viewport').getBoundingClientRect();
    return r.top >= v.top - 1 && r.bottom <= v.bottom + 1;
  })()`);
}

/** The grid's focused cell: its row's index and the loan number that row shows. */
function focusedRow(page: Page) {
  return page.evaluate(`(() => {
    const row = document.activeElement?.closest('[data-testid="register-grid"] [row-index]');
    if (!row) return null;
    const index = row.getAttribute('row-index');
    const loanNo = document.querySelector('[data-testid="register-grid"] [role="row"][row-index="' + index + '"] [col-id="loanNo"]')?.textContent.trim();
    return { index: Number(index), loanNo };
  })()`);
}

test('Ctrl+End in the register grid goes to the last loan, on screen and focused; Ctrl+Home back to the first', async ({ page, app }) => {
  await initBranch(app);
  await importFile(app, SAMPLE.xlsx);
  const view = { includeSettled: false, sort: [], filter: {} };
  const first = await asAdmin<RegisterPageResult>(app, 'register.loans', { ...view, offset: 0, limit: 1 });
  const last = await asAdmin<RegisterPageResult>(app, 'register.loans', { ...view, offset: first.total - 1, limit: 1 });
  await openSignedIn(page, app);
  await page.goto(`${app.url}/#/register/all`);
  const grid = page.getByTestId('register-grid');
  const firstCell = grid.locator('[role="row"][row-index="0"] [col-id="loanNo"]');
  await expect(firstCell).toHaveText(first.rows[0].loanNo);
  await firstCell.click();

  // The browser's own Ctrl+End only scrolls the grid's box: the focus stayed on the first row.
  await page.keyboard.press('Control+End');
  await expect.poll(() => focusedRow(page)).toEqual({ index: first.total - 1, loanNo: last.rows[0].loanNo });
  await expect.poll(() => rowInGridBox(page, first.total - 1)).toBe(true);

  await page.keyboard.press('Control+Home');
  await expect.poll(() => focusedRow(page)).toEqual({ index: 0, loanNo: first.rows[0].loanNo });
  await expect.poll(() => rowInGridBox(page, 0)).toBe(true);
});
