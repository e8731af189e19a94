/**
 * PdfRenderer inside the Electron app: a hidden, locked-down BrowserWindow per document, loaded
 * from a temp file (data: URLs are limited to about 2 MB) and printed with printToPDF.
 */
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, session } from 'electron';
import { pageSetup } from '../backend/print/page-setup';
import type { PdfOptions, PdfRenderer } from '../backend/print/pdf-renderer';

const MM_PER_INCH = 25.4;

/** An in-memory session of its own, so print windows never share the app's storage or handlers. */
const PARTITION = 'branch-ledger-print';
/** File names of the documents being printed; the only file: URLs print windows may load. */
const allowedFiles = new Set<string>();
let guarded = false;

/** Documents are self-contained: a print window may load its own file and data: URLs, nothing else. */
function guardPrintSession(): void {
  if (guarded) return;
  guarded = true;
  session.fromPartition(PARTITION).webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
    const url = details.url;
    const ok = url.startsWith('data:') || (url.startsWith('file:') && allowedFiles.has(path.posix.basename(new URL(url).pathname)));
    callback({ cancel: !ok });
  });
}

/**
 * Loads `html` into a hidden window, runs `use`, then closes the window and deletes the file.
 * When `signal` aborts, the window is closed at once and the promise rejects with the signal's reason.
 */
async function withHiddenPage<T>(html: string, use: (win: BrowserWindow) => Promise<T>, signal?: AbortSignal): Promise<T> {
  signal?.throwIfAborted();
  guardPrintSession();
  const name = `branch-ledger-print-${randomUUID()}.html`;
  const file = path.join(app.getPath('temp'), name);
  await writeFile(file, html, 'utf8');
  allowedFiles.add(name);
  const win = new BrowserWindow({
    show: false,
    webPreferences: { partition: PARTITION, sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, spellcheck: false },
  });
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  let onAbort = () => {};
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => {
      reject(signal!.reason);
      if (!win.isDestroyed()) win.destroy();
    };
  });
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await Promise.race([win.loadFile(file).then(() => use(win)), aborted]);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (!win.isDestroyed()) win.destroy();
    allowedFiles.delete(name);
    await rm(file, { force: true });
  }
}

export function createElectronPdfRenderer(): PdfRenderer {
  return {
    async renderPdf(html: string, options: PdfOptions, signal?: AbortSignal): Promise<Uint8Array> {
      const { marginMm: m, ...setup } = pageSetup(options);
      const pdf = await withHiddenPage(html, (win) =>
        win.webContents.printToPDF({
          ...setup,
          pageSize: options.format,
          margins: {
            top: m.top / MM_PER_INCH,
            bottom: m.bottom / MM_PER_INCH,
            left: m.left / MM_PER_INCH,
            right: m.right / MM_PER_INCH,
          },
        }),
        signal,
      );
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    },
    async close(): Promise<void> {
      // Nothing to release: each render opens and closes its own window.
    },
  };
}
