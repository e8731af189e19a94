import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { closeAppContext, createAppContext, type AppContext } from '../../electron/backend/app-context';
import { startHttpBridge } from '../../electron/backend/http-bridge';
import { setQuietLogs } from '../../electron/backend/log';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const staticDir = path.join(repoRoot, 'out', 'renderer');
// The built import-parse worker, as the Electron app uses it.
const parseWorkerUrl = pathToFileURL(path.join(repoRoot, 'out', 'main', 'parse-worker.js'));

export interface AppUnderTest {
  /** Base URL of the HTTP bridge serving the built renderer and /rpc. */
  url: string;
  /** The backend context: `ctx.db` is the Kysely handle on the test's own database. */
  ctx: AppContext;
  dbPath: string;
}

/**
 * The browser's clock starts at the backend's today (BRANCH_LEDGER_TODAY, pinned in
 * tests/playwright.config.ts), 10:00 China time, and runs on from there: the renderer's today
 * (date fields' defaults and limits, this month's pages) is the backend's, in any real year.
 */
const BROWSER_START = new Date(`${process.env.BRANCH_LEDGER_TODAY ?? '2026-12-02'}T10:00:00+08:00`);

/** Pins a browser context's clock as the tests' own context is (a second window a test opens). */
export async function pinClock(context: BrowserContext): Promise<void> {
  await context.clock.install({ time: BROWSER_START });
}

/**
 * Per test: a temp folder, a fresh migrated SQLite file in it, the HTTP bridge on a free
 * loopback port serving out/renderer; all closed and removed afterwards.
 */
export const test = base.extend<{ app: AppUnderTest }>({
  context: async ({ context }, use) => {
    await pinClock(context);
    await use(context);
  },
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    if (!existsSync(path.join(staticDir, 'index.html'))) {
      throw new Error(
        `The renderer is not built: ${path.join(staticDir, 'index.html')} is missing. ` +
          'Run `npx electron-vite build` first (`npm test` builds before test:e2e).',
      );
    }
    setQuietLogs(true);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'branch-ledger-e2e-'));
    const dbPath = path.join(dir, 'e2e.sqlite');
    const ctx = await createAppContext(dbPath, { parseWorkerUrl });
    let bridge: Awaited<ReturnType<typeof startHttpBridge>> | null = null;
    try {
      bridge = await startHttpBridge(ctx, { staticDir });
      await use({ url: bridge.url, ctx, dbPath });
    } finally {
      await bridge?.close();
      await closeAppContext(ctx);
      await rm(dir, { recursive: true, force: true });
    }
  },
});

export { expect };

/** Saves a screenshot when E2E_SHOTS_DIR is set (for looking at the UI by eye). */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SHOTS_DIR;
  if (dir) await page.screenshot({ path: path.join(dir, `shot-${name}.png`) });
}
