import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { emitPreventable, fake, type FakeBrowserWindow } from '../../helpers/fake-electron';
import { makeTempDir } from '../../helpers/temp-dir';

// Issue 9, finding 8: under `electron-vite dev` the app's page comes from the dev server. Its
// origin, exactly, is the app's own page; a look-alike host is not.
vi.mock('electron', async () => (await import('../../helpers/fake-electron')).electronModule);

const DEV_SERVER = 'http://localhost:5173';

let tmp: ReturnType<typeof makeTempDir>;
let mainWindow: FakeBrowserWindow;

beforeAll(async () => {
  tmp = makeTempDir();
  process.env.BRANCH_LEDGER_DATA_DIR = tmp.file('data');
  process.env.ELECTRON_RENDERER_URL = DEV_SERVER;
  fake.app.tempDir = tmp.file('temp');
  mkdirSync(fake.app.tempDir, { recursive: true });
  await import('../../../electron/main/index');
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 30_000, interval: 50 });
  mainWindow = fake.windows[0];
});
afterAll(async () => {
  emitPreventable(fake.app, 'will-quit');
  await vi.waitFor(() => expect(fake.app.exitCode).toBe(0));
  delete process.env.BRANCH_LEDGER_DATA_DIR;
  delete process.env.ELECTRON_RENDERER_URL;
  tmp.cleanup();
});

const invoke = (url: string) =>
  fake.ipcHandlers.get('rpc')!({ senderFrame: { url }, sender: mainWindow.webContents }, { name: 'setup.status', args: {}, token: null, callId: null });

it('loads the dev server and trusts its origin only, not a host that starts with the same text', async () => {
  expect(mainWindow.loadedUrl).toBe(DEV_SERVER);
  expect(await invoke(`${DEV_SERVER}/#/villages`)).toMatchObject({ ok: true });
  for (const url of [`${DEV_SERVER}.evil.example/`, 'http://localhost:51730/', `${DEV_SERVER}@evil.example/`]) {
    expect(await invoke(url), url).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(emitPreventable(mainWindow.webContents, 'will-navigate', url), url).toBe(true);
  }
  expect(emitPreventable(mainWindow.webContents, 'will-navigate', `${DEV_SERVER}/#/register`)).toBe(false);
});
