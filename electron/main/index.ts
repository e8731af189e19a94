import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell, type Session } from 'electron';
import { createAppContext, closeAppContext, type AppContext } from '../backend/app-context';
import { DB_FILE_NAME, defaultDataDir, resolveDataDir } from '../backend/data-dir';
import { AppError } from '../backend/rpc/app-error';
import type { CallEvent } from '../shared/api/calls';
import { dispatch } from '../backend/rpc/dispatch';
import { log } from '../backend/log';
import { clearStalePreviews, createElectronDocumentViewer } from './electron-document-viewer';
import { createElectronPdfRenderer } from './electron-pdf-renderer';

const here = path.dirname(fileURLToPath(import.meta.url));
// Set by `electron-vite dev`; a packaged app never trusts another origin, whatever the environment says.
const rendererUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const rendererFile = path.join(here, '../renderer/index.html');
const rendererFileUrl = pathToFileURL(rendererFile).href;

// The UI is Chinese whatever the Windows display language: date inputs show 年/月/日 order,
// and built-in texts (PDF viewer, dialogs) are Chinese. Must be set before the app is ready.
app.commandLine.appendSwitch('lang', 'zh-CN');

/** Only the installer's group may use the data folder (resources/installer/set-data-acl.ps1). */
const WINDOWS_ACCESS_HINT =
  '\n\n若是没有权限：请 Windows 管理员以管理员身份运行 net localgroup "BranchLedger 用户" 您的用户名 /add，然后注销并重新登录 Windows。';

let ctx: AppContext | null = null;
let mainWindow: BrowserWindow | null = null;

/**
 * The app's own page, exactly: navigation and IPC accept nothing else (not another index.html on
 * a USB stick, not http://localhost:5173.evil.example in development, not a frame with no URL).
 */
function isOwnPage(url: string): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (rendererUrl) return u.origin === new URL(rendererUrl).origin;
  return `${u.protocol}//${u.host}${u.pathname}` === rendererFileUrl;
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 700,
    title: '支行贷后台账',
    show: false,
    webPreferences: {
      preload: path.join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.on('will-navigate', (event, url) => {
    if (!isOwnPage(url)) event.preventDefault();
  });
  if (rendererUrl) void win.loadURL(rendererUrl);
  else void win.loadFile(rendererFile);
  return win;
}

function registerRpc(): void {
  ipcMain.handle('rpc', async (event, message: { name: unknown; args: unknown; token: unknown; callId: unknown }) => {
    if (!event.senderFrame || !isOwnPage(event.senderFrame.url)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: '来源不受信任' } };
    }
    if (!ctx) return { ok: false, error: { code: 'NOT_READY', message: '数据库尚未打开' } };
    const token = typeof message?.token === 'string' ? message.token : null;
    const callId = typeof message?.callId === 'string' ? message.callId : null;
    // A call's events go back to the page that made it, and to no other.
    const sender = event.sender;
    const sendEvent = (m: CallEvent) => {
      if (!sender.isDestroyed()) sender.send('backend-event', m);
    };
    return dispatch(ctx, String(message?.name), message?.args, { token, callId, sendEvent });
  });
}

function hardenSessions(): void {
  // Every session: the default one and those made later (the print windows' partition).
  const refusePermissions = (s: Session) => s.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  refusePermissions(session.defaultSession);
  app.on('session-created', refusePermissions);
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    // No new windows: links to help pages (https) open in the user's browser instead.
    contents.setWindowOpenHandler(({ url }) => {
      if (url.startsWith('https://')) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  Menu.setApplicationMenu(null);
  hardenSessions();
  await clearStalePreviews();
  let dataDir = defaultDataDir();
  try {
    dataDir = resolveDataDir();
    mkdirSync(dataDir, { recursive: true });
    ctx = await createAppContext(path.join(dataDir, DB_FILE_NAME), {
      createPdfRenderer: createElectronPdfRenderer,
      parseWorkerUrl: new URL('./parse-worker.js', import.meta.url),
      viewDocument: createElectronDocumentViewer(() => mainWindow),
    });
    log.info(`database ready in ${dataDir}`);
  } catch (err) {
    const message = err instanceof AppError ? err.userMessage : '无法打开数据库，请联系管理员。';
    log.error('failed to open database', err);
    dialog.showErrorBox('支行贷后台账', `${message}\n\n数据目录：${dataDir}${process.platform === 'win32' ? WINDOWS_ACCESS_HINT : ''}`);
    app.exit(1);
    return;
  }
  registerRpc();
  mainWindow = createWindow();
}

app.on('window-all-closed', () => {
  app.quit();
});
// Quitting waits for the database to close: the last write and checkpoint finish, the WAL is folded in.
app.on('will-quit', (event) => {
  const open = ctx;
  if (!open) return;
  event.preventDefault();
  ctx = null; // calls arriving now are answered NOT_READY instead of reaching a closing database
  closeAppContext(open)
    .catch((err) => log.error('failed to close database', err))
    .finally(() => app.quit());
});

void start();
