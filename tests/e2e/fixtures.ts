import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';
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
 * Per test: a temp folder, a fresh migrated SQLite file in it, the HTTP bridge on a free
 * loopback port serving out/renderer; all closed and removed afterwards.
 */
export const test = base.extend<{ app: AppUnderTest }>({
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
