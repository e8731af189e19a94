import type { CDPSession, Page } from 'playwright-core';

export interface ActionTime {
  /** From the action to what it shows, in the page's clock. */
  ms: number;
  /** CPU time of the page's main thread over the same span (scripts, style, layout): what the browser itself spent, which a busy machine stretches less than the wall time. */
  cpuMs: number;
}

/** A session that reads the page's main-thread CPU time (Chromium's ThreadTime metric). */
export async function cpuMeter(page: Page): Promise<() => Promise<number>> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return (metrics.find((m) => m.name === 'ThreadTime')?.value ?? 0) * 1000;
  };
}

/**
 * Milliseconds from a user's action to what it should show, both timed inside the page: from the
 * first `startEvent` the action fires (caught before any handler of the page's own) until
 * `doneExpression`, a JavaScript expression checked on every animation frame, is true.
 * (Browser code is passed as strings: the bench's compiler would wrap functions in helpers the page lacks.)
 */
export async function timeInPage(page: Page, cpu: () => Promise<number>, startEvent: 'click' | 'input' | 'keydown', act: () => Promise<void>, doneExpression: string, timeoutMs = 60_000): Promise<ActionTime> {
  await page.evaluate(`(() => {
    window.__benchStart = null;
    window.__benchEnd = null;
    window.addEventListener(${JSON.stringify(startEvent)}, () => { window.__benchStart ??= performance.now(); }, { capture: true, once: true });
  })()`);
  const cpuBefore = await cpu();
  await act();
  await page.waitForFunction(`(() => {
    if (window.__benchStart === null || !(${doneExpression})) return false;
    window.__benchEnd = performance.now();
    return true;
  })()`, undefined, { polling: 'raf', timeout: timeoutMs });
  const cpuMs = (await cpu()) - cpuBefore;
  return { ms: await page.evaluate<number>('window.__benchEnd - window.__benchStart'), cpuMs };
}

/** A browser expression: the grid's row `rowIndex` is rendered inside the grid's viewport with `text` in column `colId`. */
export function gridRowShows(gridTestId: string, rowIndex: number, colId: string, text: string): string {
  return `(() => {
    const grid = document.querySelector('[data-testid=${JSON.stringify(gridTestId)}]');
    const cell = grid?.querySelector('[role="row"][row-index="${rowIndex}"] [col-id=${JSON.stringify(colId)}]');
    const viewport = grid?.querySelector('.ag-grid-viewport');
    if (!cell || !viewport || cell.textContent.trim() !== ${JSON.stringify(text)}) return false;
    const c = cell.getBoundingClientRect(), v = viewport.getBoundingClientRect();
    return c.top >= v.top - 1 && c.bottom <= v.bottom + 1;
  })()`;
}
