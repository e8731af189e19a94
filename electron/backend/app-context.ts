import { openDatabase, refreshPlannerStatsIfFree, type Db } from './db/connection';
import { migrateToLatest, type MigrateOutcome } from './db/migrator';
import { attachReadPool, closeReadPool } from './db/parallel-reads';
import { LoginThrottle } from './auth/login-throttle';
import { SessionStore } from './auth/sessions';
import { createChromiumPdfRenderer } from './print/chromium-pdf-renderer';
import type { DocumentViewer, PdfRenderer } from './print/pdf-renderer';

/** Everything a handler may use. Built once per process by whoever hosts the backend. */
export interface AppContext {
  db: Db;
  dbPath: string;
  sessions: SessionStore;
  /** Failed sign-ins per username (locks a username after repeated wrong passwords). */
  loginThrottle: LoginThrottle;
  /** The print path, started on first use (a browser is heavy to start). */
  pdf: () => PdfRenderer;
  /** The compiled import-parse worker, when the host has one; null parses on this thread. */
  parseWorkerUrl: URL | null;
  /** The host's print preview (the desktop app); null where documents are handed back as files. */
  viewDocument: DocumentViewer | null;
  close: () => Promise<void>;
  /** True once close() has begun: a call cut short then was interrupted, not broken. */
  isClosing: () => boolean;
}

export interface AppContextOptions {
  /** Electron passes its printToPDF renderer; elsewhere headless Chromium is used. */
  createPdfRenderer?: () => PdfRenderer;
  /** out/main/parse-worker.js: the Electron app and the bridge over a built app pass it. */
  parseWorkerUrl?: URL | null;
  /** Electron passes its print-preview window. */
  viewDocument?: DocumentViewer | null;
  /** How long a write waits for another program's write lock: BUSY_TIMEOUT_MS unless given (tests). */
  busyTimeoutMs?: number;
}

/** Opens the database, migrates it (backup first), and returns the context. */
export async function createAppContext(dbPath: string, opts: AppContextOptions = {}): Promise<AppContext & { migration: MigrateOutcome }> {
  const db = await openDatabase(dbPath, { busyTimeoutMs: opts.busyTimeoutMs, readerConnection: true });
  let migration: MigrateOutcome;
  try {
    migration = await migrateToLatest(db, dbPath);
    await refreshPlannerStatsIfFree(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  attachReadPool(db, dbPath);
  let renderer: PdfRenderer | null = null;
  const pdf = () => (renderer ??= (opts.createPdfRenderer ?? createChromiumPdfRenderer)());
  let closing = false;
  return {
    db,
    dbPath,
    sessions: new SessionStore(),
    loginThrottle: new LoginThrottle(),
    pdf,
    parseWorkerUrl: opts.parseWorkerUrl ?? null,
    viewDocument: opts.viewDocument ?? null,
    migration,
    isClosing: () => closing,
    close: async () => {
      closing = true;
      await renderer?.close();
      await closeReadPool(db);
      await db.destroy();
    },
  };
}

export async function closeAppContext(ctx: AppContext): Promise<void> {
  await ctx.close();
}
