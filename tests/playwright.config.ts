import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests: the built renderer (out/renderer) served by the HTTP bridge over a fresh
 * SQLite file per test (see e2e/fixtures.ts), driven in Debian's Chromium.
 * Build first: `npx electron-vite build` (npm test does it before test:e2e).
 */
// The backend runs in this process (e2e/fixtures.ts): "today" as in tests/vitest.config.ts.
process.env.BRANCH_LEDGER_TODAY ??= '2026-12-02';

export default defineConfig({
  testDir: './e2e',
  // Head office's console spec needs the loopback PostgreSQL server the unit tests use.
  globalSetup: './helpers/pg-global-setup.ts',
  outputDir: '../test-results',
  // Two files at a time, each in its own worker (browser, temp folders, bridge on a free port,
  // PostgreSQL database of its own): a test waits on the page much of its time, so one worker left
  // a core idle. Tests of a file stay together, in order.
  workers: 2,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Generous: a 2-core machine, often busy with a build or a benchmark at the same time.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: 'list',
  use: {
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'],
    },
  },
});
