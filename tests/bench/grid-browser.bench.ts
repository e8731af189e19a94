import { copyFileSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { closeAppContext } from '../../electron/backend/app-context';
import { startHttpBridge } from '../../electron/backend/http-bridge';
import { dispatch } from '../../electron/backend/rpc/dispatch';
import type { RegisterPageResult, SearchHit } from '../../electron/shared/api/register';
import { ADMIN, signedInApp } from '../helpers/signed-in-app';
import { builtRenderer } from './built-renderer';
import { cpuMeter, gridRowShows, timeInPage, type ActionTime } from './page-timing';
import { percentile } from './stats';
import type { BenchRun, Figure } from './types';

const LOANS = 200_000;
const RUNS = 5;
const GRID = 'register-grid';
/** The page's first request for 全部贷款, as RegisterPage sends it. */
const ALL_LOANS = { includeSettled: false, sort: [], filter: {} };
const BY_BALANCE = { ...ALL_LOANS, sort: [{ colId: 'balanceFen', sort: 'asc' }] };
const SEARCH = 'zl';

/**
 * The register grid in Chromium on a county-sized book (200k loans): from the user's action to
 * the rows on screen, through the HTTP bridge and the built renderer, each beside the backend
 * call's own time for the same query (its anchor, measured in the same run).
 */
export const run: BenchRun = async (ws) => {
  const staticDir = builtRenderer();
  const { file } = await ws.demoDatabase(LOANS);
  const copy = ws.file('grid-browser.sqlite');
  copyFileSync(file, copy);
  const { app, token } = await signedInApp(copy);
  const bridge = await startHttpBridge(app, { staticDir });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'],
  });
  try {
    const call = async <T>(name: string, args: unknown): Promise<T> => {
      const result = await dispatch(app, name, args, { token });
      if (!result.ok) throw new Error(`${name} failed: ${result.error.message}`);
      return result.value as T;
    };
    /** Median of RUNS timed backend calls (after one warm-up), and the answer. */
    const anchor = async <T>(name: string, args: unknown): Promise<{ ms: number; value: T }> => {
      const value = await call<T>(name, args);
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const start = performance.now();
        await call(name, args);
        times.push(performance.now() - start);
      }
      return { ms: percentile(times, 50), value };
    };

    const first = await anchor<RegisterPageResult>('register.loans', { ...ALL_LOANS, offset: 0, limit: 100 });
    const sorted = await anchor<RegisterPageResult>('register.loans', { ...BY_BALANCE, offset: 0, limit: 100 });
    const search = await anchor<SearchHit[]>('register.search', { q: SEARCH, limit: 20 });
    const lastIndex = first.value.total - 1;
    const last = await anchor<RegisterPageResult>('register.loans', { ...ALL_LOANS, offset: lastIndex, limit: 1 });
    // The block the grid asks for to show the last row.
    const lastBlock = await anchor<RegisterPageResult>('register.loans', { ...ALL_LOANS, offset: Math.floor(lastIndex / 100) * 100, limit: 100 });

    // bypassCSP: the timing checks are strings the page's CSP (script-src 'self') would not evaluate.
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', bypassCSP: true });
    const page = await context.newPage();
    await signIn(page, bridge.url);

    const cpu = await cpuMeter(page);
    const opened: ActionTime[] = [];
    const sortedMs: ActionTime[] = [];
    const searched: ActionTime[] = [];
    const toEnd: ActionTime[] = [];
    const reached: number[] = [];
    let focusedLast = 0;
    const firstRow = gridRowShows(GRID, 0, 'loanNo', first.value.rows[0].loanNo);
    // One round first to warm the page's code and the database's cache; its times are dropped.
    for (let i = 0; i <= RUNS; i++) {
      // 村级概览 → 全部贷款.
      await page.goto(`${bridge.url}/#/register`);
      await page.getByTestId('open-all-loans').waitFor();
      await page.getByTestId('summary-strip').waitFor();
      opened.push(await timeInPage(page, cpu, 'click', () => page.getByTestId('open-all-loans').click(), firstRow));

      // The rest of the page loaded (the summary from the villages overview, the managers to assign to), as a user would find it.
      await page.getByTestId('register-summary').waitFor();
      await page.waitForFunction(`document.querySelectorAll('[data-testid="register-assign-manager"] option').length > 1`);
      // Click 余额's header: ascending.
      const header = page.getByTestId(GRID).locator('.ag-header-cell[col-id="balanceFen"] .ag-header-cell-label');
      sortedMs.push(await timeInPage(page, cpu, 'click', () => header.click(), gridRowShows(GRID, 0, 'loanNo', sorted.value.rows[0].loanNo)));
      // Back to the book's order for Ctrl+End (ascending → descending → none).
      await header.click();
      await page.waitForFunction(`!!document.querySelector('[data-testid="${GRID}"] .ag-header-cell[col-id="balanceFen"][aria-sort="descending"]')`);
      await header.click();
      await page.waitForFunction(firstRow, undefined, { polling: 'raf' });

      // Ctrl+End from the first row's cell: the book's last loan on screen (and focused).
      await page.getByTestId(GRID).locator('[role="row"][row-index="0"] [col-id="loanNo"]').click();
      toEnd.push(await timeInPage(page, cpu, 'keydown', () => page.keyboard.press('Control+End'), bottomShown(GRID)));
      const at = await page.evaluate<{ lastShown: number; loanNo: string; focused: number }>(bottomRow(GRID));
      reached.push(at.lastShown + 1);
      if (at.focused === lastIndex && i > 0) focusedLast++;
      if (at.lastShown === lastIndex && at.loanNo !== last.value.rows[0].loanNo) throw new Error(`Ctrl+End: the last row shows ${at.loanNo}, the book's last loan is ${last.value.rows[0].loanNo}`);

      // The header search: another query's answer first (the box keeps its last answer), so `zl`'s is fetched again.
      const box = page.getByTestId('global-search');
      await box.fill('wm');
      await page.getByTestId('search-hit').first().waitFor();
      searched.push(await timeInPage(page, cpu, 'input', () => box.fill(SEARCH), searchShows(search.value)));
      await box.fill('');
    }
    await context.close();

    const fig = (name: string, times: ActionTime[], backendMs: number): Figure[] => [
      { name: `browser: ${name}, median of ${RUNS}`, value: percentile(times.slice(1).map((t) => t.ms), 50), unit: 'ms' },
      { name: `browser: ${name}, the page's main-thread CPU in it`, value: percentile(times.slice(1).map((t) => t.cpuMs), 50), unit: 'ms' },
      { name: `browser: ${name}, its backend call alone (anchor)`, value: backendMs, unit: 'ms' },
    ];
    return [
      ...fig('全部贷款 opened (click → first rows)', opened, first.ms),
      ...fig('sorted by 余额 (header click → first rows)', sortedMs, sorted.ms),
      ...fig(`search "${SEARCH}" (typed → hits listed)`, searched, search.ms),
      ...fig('Ctrl+End (key → last rows on screen)', toEnd, lastBlock.ms),
      { name: 'browser: Ctrl+End, the last row on screen (lowest of the runs)', value: Math.min(...reached.slice(1)), unit: `of ${first.value.total}` },
      { name: 'browser: Ctrl+End, runs that focused the last row', value: focusedLast, unit: `of ${RUNS}` },
    ];
  } finally {
    await browser.close();
    await bridge.close();
    await closeAppContext(app);
  }
};

async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  const form = page.getByRole('form', { name: '登录' });
  await form.getByLabel('用户名').fill(ADMIN.username);
  await form.getByLabel('密码').fill(ADMIN.password);
  await form.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('current-user').waitFor();
}

/**
 * A browser expression: the lowest row fully inside the grid's viewport (its index and loan number),
 * and the focused cell's row (-1 when no cell has the focus).
 */
function bottomRow(gridTestId: string): string {
  return `(() => {
    const grid = document.querySelector('[data-testid=${JSON.stringify(gridTestId)}]');
    const v = grid.querySelector('.ag-grid-viewport').getBoundingClientRect();
    let lastShown = -1, loanNo = '';
    for (const row of grid.querySelectorAll('[role="row"][row-index]')) {
      const r = row.getBoundingClientRect(), index = Number(row.getAttribute('row-index'));
      if (r.top >= v.top - 1 && r.bottom <= v.bottom + 1 && index > lastShown) {
        lastShown = index;
        loanNo = row.querySelector('[col-id="loanNo"]')?.textContent.trim() ?? '';
      }
    }
    const focusedRow = document.activeElement?.closest('[data-testid=${JSON.stringify(gridTestId)}] [row-index]');
    return { lastShown, loanNo, focused: focusedRow ? Number(focusedRow.getAttribute('row-index')) : -1 };
  })()`;
}

/** A browser expression: the grid has scrolled away from the top and come to rest, its lowest row on screen showing its loan. */
function bottomShown(gridTestId: string): string {
  return `(() => {
    const top = document.querySelector('[data-testid=${JSON.stringify(gridTestId)}] .ag-grid-viewport').scrollTop;
    const still = top > 0 && top === window.__benchLastTop;
    window.__benchLastTop = top;
    return still && ${bottomRow(gridTestId)}.loanNo !== '';
  })()`;
}

/** A browser expression: the search list shows exactly these hits, in this order. */
function searchShows(hits: SearchHit[]): string {
  const names = JSON.stringify(hits.map((h) => h.name));
  return `JSON.stringify([...document.querySelectorAll('[data-testid="search-hit"] strong')].map((s) => s.textContent)) === ${JSON.stringify(names)}`;
}
