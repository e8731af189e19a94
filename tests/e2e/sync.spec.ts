import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { createIdentity, fingerprintOf, parsePublicIdentity, publicIdentityOf } from '../../electron/backend/sync/identity';
import { openPackage } from '../../electron/backend/sync/read-package';
import { buildPackage } from '../../electron/backend/sync/write-package';
import { expect, shot, test } from './fixtures';
import { initBranch, nav, openSignedIn } from './flows';

async function downloaded(page: Page, action: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const download = page.waitForEvent('download');
  await action();
  const d = await download;
  return { name: d.suggestedFilename(), bytes: await readFile(await d.path()) };
}

test('同步: the admin pairs with head office, sends a package head office opens, and takes in one package while a damaged copy is refused with its reason', async ({ page, app }) => {
  await initBranch(app);
  const hq = await createIdentity('hq', 'HQ', '白文县联社');
  const hqPublic = await publicIdentityOf(hq);
  await openSignedIn(page, app);
  await nav(page, '同步').click();
  await expect(page.getByRole('heading', { name: '配对' })).toBeVisible();

  const identity = await downloaded(page, () =>
    page.getByTestId('sync-hq-identity').setInputFiles({ name: 'hq-identity.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(hqPublic)) }),
  );
  await expect(page.getByTestId('sync-message')).toHaveText('已与白文县联社配对。本支行的身份文件已下载，请交总行登记。');
  const branch = parsePublicIdentity(identity.bytes.toString('utf8'), 'branch');
  await expect(page.getByTestId('sync-paired')).toContainText(`总行：白文县联社（HQ），密钥指纹 ${fingerprintOf(hqPublic.identity.signingKey).slice(0, 4)}`);

  const sent = await downloaded(page, () => page.getByTestId('sync-build').click());
  expect(sent.name).toMatch(/-HQ-000001\.blpkg$/);
  const hqKeys = {
    me: hq,
    myFingerprint: fingerprintOf(hqPublic.identity.signingKey),
    peer: (f: string) => (f === fingerprintOf(branch.identity.signingKey) ? { identity: branch.identity, revoked: false } : null),
  };
  const opened = await openPackage(sent.bytes, hqKeys);
  expect(opened.manifest.seq).toBe(1);
  expect(opened.tables.find((t) => t.table === 'staff')?.rows.length).toBeGreaterThan(0);
  await expect(page.getByTestId('sync-sent').locator('tbody tr')).toHaveCount(1);

  const holiday = { id: '00000000-0000-4000-8000-0000000000aa', day: '2027-02-10', kind: 'holiday', name: '春节', created_at: 1, updated_at: 1 };
  const p1 = await buildPackage(hq, hqPublic, branch, { seq: 1, previousHash: null, ack: 1, schemaVersion: '0100-sync', appVersion: '0.1.0', tables: [{ table: 'calendar_days', rows: [holiday] }] });
  const damaged = Buffer.from(p1.bytes);
  damaged[damaged.length - 30] ^= 0xff;
  await page.getByTestId('sync-apply').setInputFiles([
    { name: 'HQ-1-000001.blpkg', mimeType: 'application/octet-stream', buffer: p1.bytes },
    { name: 'HQ-1-copy.blpkg', mimeType: 'application/octet-stream', buffer: damaged },
  ]);
  await expect(page.getByTestId('sync-message')).toContainText('HQ-1-000001.blpkg：已导入');
  await expect(page.getByTestId('sync-message')).toContainText('HQ-1-copy.blpkg：已拒收（文件已损坏或不完整');
  await expect(page.getByTestId('sync-received').locator('tbody tr')).toContainText(['1HQ-1-000001.blpkg已导入']);
  await expect(page.getByTestId('sync-refused').locator('tbody tr')).toContainText(['HQ-1-copy.blpkg文件已损坏或不完整']);
  await expect(page.getByTestId('sync-sent').locator('tbody tr')).toContainText(['已确认']);
  await shot(page, 'sync');
});
