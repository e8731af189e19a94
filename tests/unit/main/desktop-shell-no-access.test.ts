import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, expect, it, vi } from 'vitest';
import { fake } from '../../helpers/fake-electron';
import { capturingLog } from '../../helpers/captured-log';
import { makeTempDir } from '../../helpers/temp-dir';

// Issue 9, findings 8 and 10: a Windows account outside the data folder's group cannot open it.
// The app must say so in a dialog and end, not die silently with the error unhandled.
vi.mock('electron', async () => (await import('../../helpers/fake-electron')).electronModule);

const tmp = makeTempDir();
afterAll(() => {
  delete process.env.BRANCH_LEDGER_DATA_DIR;
  tmp.cleanup();
});

it('shows a dialog naming the data folder and ends when it cannot open or create it', async () => {
  writeFileSync(tmp.file('not-a-folder'), '');
  const dataDir = tmp.file('not-a-folder/BranchLedger');
  process.env.BRANCH_LEDGER_DATA_DIR = dataDir;
  fake.app.tempDir = tmp.file('temp');
  mkdirSync(fake.app.tempDir, { recursive: true });
  const { logged } = await capturingLog(async () => {
    await import('../../../electron/main/index');
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(1), { timeout: 30_000, interval: 50 });
  });
  expect(logged).toContain('failed to open database');
  expect(fake.errorBoxes).toHaveLength(1);
  expect(fake.errorBoxes[0].content).toContain(`数据目录：${dataDir}`);
  expect(fake.windows).toHaveLength(0);
  expect(fake.ipcHandlers.size).toBe(0);
});
