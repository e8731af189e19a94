import { EventEmitter } from 'node:events';
import os from 'node:os';

/**
 * A stand-in for the `electron` module (a third-party runtime that cannot start here), for tests
 * of how electron/main wires it: it records what the app asks of Electron and emits Electron's
 * events the way Electron does (every new WebContents → app 'web-contents-created', every new
 * session → app 'session-created'), so the handlers under test are the app's own. Use with
 * `vi.mock('electron', () => import('../../helpers/fake-electron').then((m) => m.electronModule))`.
 */

/** Emits `name` with an Electron-style event first; true when a handler called preventDefault. */
export function emitPreventable(emitter: EventEmitter, name: string, ...args: unknown[]): boolean {
  let prevented = false;
  emitter.emit(name, { preventDefault: () => (prevented = true) }, ...args);
  return prevented;
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: WindowOpenHandler | null = null;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  destroyed = false;
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  async printToPDF(_options: unknown): Promise<Buffer> {
    return Buffer.from('%PDF-1.7\n% printed by the fake\n%%EOF\n');
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  loadedFile: string | null = null;
  loadedUrl: string | null = null;
  destroyed = false;
  shown = false;

  constructor(readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
    super();
    fake.windows.push(this);
    fake.app.emit('web-contents-created', { preventDefault: () => undefined }, this.webContents);
  }
  async loadFile(file: string): Promise<void> {
    this.loadedFile = file;
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
  }
  show(): void {
    this.shown = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.close();
  }
  close(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

type PermissionRequestHandler = (wc: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type BeforeRequestListener = (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void;

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  beforeRequest: BeforeRequestListener | null = null;
  constructor(readonly partition: string) {}
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }
  readonly webRequest = {
    onBeforeRequest: (_filter: unknown, listener: BeforeRequestListener) => {
      this.beforeRequest = listener;
    },
  };
}

type IpcHandler = (event: unknown, ...args: unknown[]) => unknown;

class FakeApp extends EventEmitter {
  isPackaged = false;
  readonly switches: Array<[string, string | undefined]> = [];
  readonly commandLine = { appendSwitch: (name: string, value?: string) => void this.switches.push([name, value]) };
  /** Calls of app.quit(), and the exit code once the app really ended (quit not prevented, or exit()). */
  quitCalls = 0;
  exitCode: number | null = null;
  /** Runs when the app really ends, before anything else: tests look at the world at that moment. */
  onEnd: (() => void) | null = null;
  tempDir = os.tmpdir();

  async whenReady(): Promise<void> {}
  getPath(name: string): string {
    if (name === 'temp') return this.tempDir;
    throw new Error(`fake electron: app.getPath(${name}) not supported`);
  }
  /** As Electron: 'will-quit' first; the app ends unless a handler prevents it. */
  quit(): void {
    this.quitCalls++;
    if (!emitPreventable(this, 'will-quit')) this.end(0);
  }
  exit(code = 0): void {
    this.end(code);
  }
  private end(code: number): void {
    if (this.exitCode !== null) return;
    this.onEnd?.();
    this.exitCode = code;
  }
}

export const fake = {
  app: new FakeApp(),
  windows: [] as FakeBrowserWindow[],
  sessions: [] as FakeSession[],
  ipcHandlers: new Map<string, IpcHandler>(),
  openedExternally: [] as string[],
  errorBoxes: [] as Array<{ title: string; content: string }>,
  exposedInMainWorld: new Map<string, unknown>(),
  ipcRendererListeners: new Map<string, unknown[]>(),
  ipcRendererInvocations: [] as Array<{ channel: string; args: unknown[] }>,
};

const defaultSession = new FakeSession('');
fake.sessions.push(defaultSession);
const partitions = new Map<string, FakeSession>();

export const electronModule = {
  app: fake.app,
  BrowserWindow: FakeBrowserWindow,
  Menu: { setApplicationMenu: (_menu: unknown) => undefined },
  dialog: { showErrorBox: (title: string, content: string) => void fake.errorBoxes.push({ title, content }) },
  shell: {
    openExternal: async (url: string) => {
      fake.openedExternally.push(url);
    },
  },
  ipcMain: {
    handle: (channel: string, handler: IpcHandler) => {
      if (fake.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      fake.ipcHandlers.set(channel, handler);
    },
  },
  session: {
    defaultSession,
    fromPartition: (partition: string) => {
      let s = partitions.get(partition);
      if (!s) {
        s = new FakeSession(partition);
        partitions.set(partition, s);
        fake.sessions.push(s);
        fake.app.emit('session-created', s);
      }
      return s;
    },
  },
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => void fake.exposedInMainWorld.set(key, api),
  },
  ipcRenderer: {
    invoke: async (channel: string, ...args: unknown[]) => {
      fake.ipcRendererInvocations.push({ channel, args });
    },
    on: (channel: string, listener: unknown) => {
      fake.ipcRendererListeners.set(channel, [...(fake.ipcRendererListeners.get(channel) ?? []), listener]);
    },
    removeListener: (channel: string, listener: unknown) => {
      fake.ipcRendererListeners.set(channel, (fake.ipcRendererListeners.get(channel) ?? []).filter((l) => l !== listener));
    },
  },
};
