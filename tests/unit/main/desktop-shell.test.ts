import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { emitPreventable, fake, type FakeBrowserWindow } from '../../helpers/fake-electron';
import { makeTempDir } from '../../helpers/temp-dir';

// Issue 9, finding 8: Electron cannot start here, so electron/main runs against a stand-in for
// the `electron` module (tests/helpers/fake-electron.ts) over a real database in a temp folder.
vi.mock('electron', async () => (await import('../../helpers/fake-electron')).electronModule);

const ROOT = new URL('../../../', import.meta.url).pathname;
/** Where electron/main loads the renderer from (out/renderer beside out/main once built). */
const OWN_PAGE_FILE = path.join(ROOT, 'electron/renderer/index.html');
const OWN_PAGE = pathToFileURL(OWN_PAGE_FILE).href;

let tmp: ReturnType<typeof makeTempDir>;
let dbFile: string;
let mainWindow: FakeBrowserWindow;

/** An IPC call as the preload makes it, from a frame showing `url` (null: no frame). */
function invoke(url: string | null, name: string, args: unknown = {}) {
  const handler = fake.ipcHandlers.get('rpc');
  if (!handler) throw new Error('no rpc handler');
  return handler({ senderFrame: url === null ? null : { url }, sender: mainWindow.webContents }, { name, args, token: null, callId: null }) as Promise<{
    ok: boolean;
    error?: { code: string };
  }>;
}

beforeAll(async () => {
  tmp = makeTempDir();
  process.env.BRANCH_LEDGER_DATA_DIR = tmp.file('data');
  dbFile = tmp.file('data/branch-ledger.sqlite');
  fake.app.tempDir = tmp.file('temp');
  mkdirSync(fake.app.tempDir, { recursive: true });
  await import('../../../electron/main/index');
  await vi.waitFor(
    () => {
      if (fake.windows.length === 0) throw new Error('the app has not opened its window yet');
    },
    { timeout: 30_000, interval: 50 },
  );
  mainWindow = fake.windows[0];
});
afterAll(() => {
  delete process.env.BRANCH_LEDGER_DATA_DIR;
  tmp.cleanup();
});

describe('the desktop shell (electron/main) with Electron stood in for', () => {
  it('opens the database, then one window with the renderer isolated and sandboxed, showing the app’s own page', async () => {
    expect(existsSync(dbFile)).toBe(true);
    expect(fake.windows).toHaveLength(1);
    expect(mainWindow.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(mainWindow.options.webPreferences?.webviewTag).not.toBe(true);
    expect(String(mainWindow.options.webPreferences?.preload)).toBe(path.join(ROOT, 'electron/preload/index.cjs'));
    expect(mainWindow.loadedFile).toBe(OWN_PAGE_FILE);
    expect(mainWindow.loadedUrl).toBeNull();
    expect(fake.app.switches).toContainEqual(['lang', 'zh-CN']);
    mainWindow.emit('ready-to-show');
    expect(mainWindow.shown).toBe(true);
  });

  it('loads a page whose Content-Security-Policy allows only its own scripts and connections', () => {
    // The built page (out/renderer/index.html) is renderer/index.html with its scripts bundled.
    const html = readFileSync(path.join(ROOT, 'renderer/index.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(csp).not.toContain('unsafe-eval');
  });

  it('refuses navigation away from its own page', () => {
    const navigate = (url: string) => emitPreventable(mainWindow.webContents, 'will-navigate', url);
    expect(navigate('https://evil.example/')).toBe(true);
    expect(navigate('file:///media/usb/index.html')).toBe(true);
    expect(navigate(`${OWN_PAGE}.evil`)).toBe(true);
    expect(navigate(`${OWN_PAGE}#/villages`)).toBe(false);
  });

  it('opens no new windows or webviews; https links go to the user’s browser', () => {
    const contents = mainWindow.webContents;
    for (const url of ['https://help.example/guide', 'http://evil.example/', 'file:///C:/Windows/System32/calc.exe', 'javascript:alert(1)']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(fake.openedExternally).toEqual(['https://help.example/guide']);
    expect(emitPreventable(contents, 'will-attach-webview', {}, {})).toBe(true);
  });

  it('answers IPC only from its own page', async () => {
    expect(await invoke(OWN_PAGE, 'setup.status')).toMatchObject({ ok: true });
    expect(await invoke(`${OWN_PAGE}#/register`, 'setup.status')).toMatchObject({ ok: true });
    for (const url of [null, '', 'https://evil.example/', 'file:///media/usb/index.html', `${OWN_PAGE}.evil`]) {
      expect(await invoke(url, 'setup.status')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('sends a call’s events back to the page that made it only', async () => {
    const other = fake.windows.length;
    await invoke(OWN_PAGE, 'setup.status');
    expect(fake.windows).toHaveLength(other);
    // The handler answers through the sender it was given; no window is broadcast to.
    expect(fake.windows.slice(1).every((w) => w.webContents.sent.length === 0)).toBe(true);
  });

  it('shows a printout in a preview window as locked down as the main one, which never navigates and deletes its file when closed', async () => {
    const { createElectronDocumentViewer } = await import('../../../electron/main/electron-document-viewer');
    const pdf = new TextEncoder().encode('%PDF-1.7\n%%EOF\n');
    await createElectronDocumentViewer(() => mainWindow as never)(pdf, '刘家会村贷款清册.pdf');
    const preview = fake.windows.at(-1)!;
    expect(preview).not.toBe(mainWindow);
    expect(preview.options.parent).toBe(mainWindow);
    expect(preview.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(preview.options.webPreferences?.preload).toBeUndefined();
    const file = preview.loadedFile!;
    expect(path.dirname(file)).toBe(path.join(fake.app.tempDir, 'branch-ledger-print'));
    expect(readFileSync(file)).toEqual(Buffer.from(pdf));
    expect(emitPreventable(preview.webContents, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(preview.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    preview.close();
    await vi.waitFor(() => expect(existsSync(file)).toBe(false));
  });

  it('renders PDFs in a hidden window with no script, that loads its own document and nothing else', async () => {
    const { createElectronPdfRenderer } = await import('../../../electron/main/electron-pdf-renderer');
    const before = fake.windows.length;
    const pdf = await createElectronPdfRenderer().renderPdf('<p>清册</p>', { landscape: true, format: 'A4' });
    expect(Buffer.from(pdf).toString('latin1')).toMatch(/^%PDF-/);
    const hidden = fake.windows[before];
    expect(hidden.options).toMatchObject({ show: false });
    expect(hidden.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, javascript: false });
    expect(hidden.isDestroyed()).toBe(true);
    expect(existsSync(hidden.loadedFile!)).toBe(false);
    const printSession = fake.sessions.find((s) => s.partition === hidden.options.webPreferences?.partition)!;
    const cancelled = (url: string) => new Promise<boolean>((resolve) => printSession.beforeRequest!({ url }, (r) => resolve(r.cancel)));
    expect(await cancelled('https://evil.example/track.png')).toBe(true);
    expect(await cancelled(pathToFileURL(tmp.file('data/branch-ledger.sqlite')).href)).toBe(true);
    expect(await cancelled('data:image/png;base64,AAAA')).toBe(false);
  });

  it('refuses every permission request, in every session the app uses', () => {
    expect(fake.sessions.length).toBeGreaterThanOrEqual(2); // the default one and the print windows'
    for (const s of fake.sessions) {
      expect(s.permissionRequestHandler, `session '${s.partition}'`).not.toBeNull();
      for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
        let granted: boolean | undefined;
        s.permissionRequestHandler!(mainWindow.webContents, permission, (g) => (granted = g), {});
        expect(granted, `${permission} in session '${s.partition}'`).toBe(false);
      }
    }
  });

  it('creates every window with context isolation and the sandbox on and Node integration off', () => {
    expect(fake.windows.length).toBeGreaterThanOrEqual(3);
    for (const w of fake.windows) {
      expect(w.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
      expect(w.options.webPreferences?.nodeIntegrationInWorker).not.toBe(true);
      expect(w.options.webPreferences?.nodeIntegrationInSubFrames).not.toBe(true);
    }
  });

  it('on quitting, waits for the database to close before the app ends, and answers calls meanwhile NOT_READY', async () => {
    expect(existsSync(`${dbFile}-wal`)).toBe(true);
    let walAtEnd: boolean | null = null;
    fake.app.onEnd = () => (walAtEnd = existsSync(`${dbFile}-wal`));
    // Electron's last step before ending: a handler may hold it up.
    expect(emitPreventable(fake.app, 'will-quit')).toBe(true);
    expect(fake.app.exitCode).toBeNull();
    expect(await invoke(OWN_PAGE, 'setup.status')).toMatchObject({ ok: false, error: { code: 'NOT_READY' } });
    await vi.waitFor(() => expect(fake.app.exitCode).toBe(0));
    // Closing the last connection folded the WAL into the database and removed it.
    expect(walAtEnd).toBe(false);
    expect(fake.app.quitCalls).toBe(1);
  });
});

describe('the preload script', () => {
  it('gives the page invoke and onCallEvent, and nothing else', async () => {
    await import('../../../electron/preload/index');
    const api = fake.exposedInMainWorld.get('api') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['invoke', 'onCallEvent']);
    await (api.invoke as (...a: unknown[]) => Promise<unknown>)('setup.status', {}, 'token-1', 'call-1');
    expect(fake.ipcRendererInvocations).toEqual([{ channel: 'rpc', args: [{ name: 'setup.status', args: {}, token: 'token-1', callId: 'call-1' }] }]);
    const off = (api.onCallEvent as (cb: () => void) => () => void)(() => undefined);
    expect(fake.ipcRendererListeners.get('backend-event')).toHaveLength(1);
    off();
    expect(fake.ipcRendererListeners.get('backend-event')).toHaveLength(0);
  });
});
