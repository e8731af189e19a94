import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { dispatch } from '../../electron/backend/rpc/dispatch';
import { expect, pinClock, type AppUnderTest } from './fixtures';

export const BRANCH = { code: '141124001', name: '临县农商银行白文支行' };
export const ADMIN = { username: 'admin', displayName: '王秀兰', password: 'Ledger2025!' };

/** First-run setup straight through the backend, for tests that are not about the setup page. */
export async function initBranch(app: AppUnderTest): Promise<void> {
  const result = await dispatch(app.ctx, 'setup.init', { branchCode: BRANCH.code, branchName: BRANCH.name, admin: ADMIN });
  if (!result.ok) throw new Error(`setup.init failed: ${result.error.message}`);
}

/** A call straight through the backend as the admin (signed in for it, then out): what a page must show, or setup a test needs. */
export async function asAdmin<T>(app: AppUnderTest, name: string, args: unknown = {}): Promise<T> {
  const login = await dispatch(app.ctx, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
  if (!login.ok) throw new Error(`auth.login failed: ${login.error.message}`);
  const { token } = login.value as { token: string };
  try {
    const result = await dispatch(app.ctx, name, args, { token });
    if (!result.ok) throw new Error(`${name} failed: ${result.error.message}`);
    return result.value as T;
  } finally {
    await dispatch(app.ctx, 'auth.logout', {}, { token });
  }
}

/** Demo data straight through the backend (as the admin), for tests that start from a filled database. */
export async function generateDemoData(app: AppUnderTest): Promise<void> {
  const login = await dispatch(app.ctx, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
  if (!login.ok) throw new Error(`auth.login failed: ${login.error.message}`);
  const { token } = login.value as { token: string };
  const result = await dispatch(app.ctx, 'demo.generate', {}, { token });
  if (!result.ok) throw new Error(`demo.generate failed: ${result.error.message}`);
  await dispatch(app.ctx, 'auth.logout', {}, { token });
}

/**
 * Fills and submits the login form. Names match exactly: right after 退出登录 the settings page can
 * still show 设置登录 (新密码, 确认密码), which a substring match took for the login form.
 */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  const form = page.getByRole('form', { name: '登录', exact: true });
  await form.getByLabel('用户名', { exact: true }).fill(username);
  await form.getByLabel('密码', { exact: true }).fill(password);
  await form.getByRole('button', { name: '登录', exact: true }).click();
}

/**
 * Gives a staff member a login (as the admin) and signs them in in a browser context of their
 * own, on the tests' pinned clock: another person at another PC. Close the context when done.
 */
export async function signInOtherStaff(browser: Browser, app: AppUnderTest, staffId: string, username: string, displayName: string): Promise<{ context: BrowserContext; page: Page }> {
  const password = 'Manager2025!';
  await asAdmin(app, 'staff.setLogin', { staffId, username, password });
  const context = await browser.newContext();
  await pinClock(context);
  const page = await context.newPage();
  await page.goto(app.url);
  await signIn(page, username, password);
  await expect(page.getByTestId('current-user')).toHaveText(displayName);
  return { context, page };
}

/** Opens the app and signs in as the admin; ends in the shell. */
export async function openSignedIn(page: Page, app: AppUnderTest): Promise<void> {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: '登录' })).toBeVisible();
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.getByTestId('current-user')).toHaveText(ADMIN.displayName);
}

export function nav(page: Page, label: string) {
  return page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: label });
}

/** Imports a core-system file straight through the backend (preview + commit, as the admin); `asOf` for files that name none. */
export async function importFile(app: AppUnderTest, filePath: string, asOf?: string): Promise<void> {
  const login = await dispatch(app.ctx, 'auth.login', { username: ADMIN.username, password: ADMIN.password });
  if (!login.ok) throw new Error(`auth.login failed: ${login.error.message}`);
  const { token } = login.value as { token: string };
  const run = async (name: string, args: unknown) => {
    const result = await dispatch(app.ctx, name, args, { token });
    if (!result.ok) throw new Error(`${name} failed: ${result.error.message}`);
    return result.value as Record<string, unknown>;
  };
  const preview = await run('imports.preview', { fileName: path.basename(filePath), contentBase64: readFileSync(filePath).toString('base64'), ...(asOf ? { asOf } : {}) });
  if (preview.kind !== 'preview' || !preview.asOf) throw new Error(`imports.preview: unexpected ${String(preview.kind)}`);
  await run('imports.commit', { previewId: preview.previewId, asOf: preview.asOf, fullExport: true });
  await dispatch(app.ctx, 'auth.logout', {}, { token });
}

/** A call made from the page with the page's own session (as the renderer keeps it): for what the UI does not offer, such as a call another role's login must be refused. */
export async function callFromPage(page: Page, name: string, args: unknown): Promise<unknown> {
  return page.evaluate(
    async ({ name, args }) => {
      const token = (globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }).sessionStorage.getItem('branch-ledger.session');
      const response = await fetch(`/rpc/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-call-id': `e2e-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`, authorization: `Bearer ${token}` },
        body: JSON.stringify(args),
      });
      return response.json();
    },
    { name, args },
  );
}
