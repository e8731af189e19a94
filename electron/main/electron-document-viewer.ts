/**
 * The desktop app's print preview: a finished PDF in a window of its own, shown by Chromium's
 * PDF viewer, whose print button opens the system print dialog. The page header with
 * 第 x 页 / 共 y 页 is part of the PDF, so what prints is exactly what the preview shows.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow } from 'electron';
import type { DocumentViewer } from '../backend/print/pdf-renderer';

const previewDir = () => path.join(app.getPath('temp'), 'branch-ledger-print');

/** Printouts hold personal data: previews left behind by a crash are removed at the next start. */
export async function clearStalePreviews(): Promise<void> {
  await rm(previewDir(), { recursive: true, force: true });
}

export function createElectronDocumentViewer(parent: () => BrowserWindow | null): DocumentViewer {
  return async (pdf, fileName) => {
    const dir = previewDir();
    await mkdir(dir, { recursive: true });
    // Unique names: two previews of the same village must not share (and delete) one file.
    const file = path.join(dir, `${randomUUID()}-${path.basename(fileName)}`);
    await writeFile(file, pdf);
    const win = new BrowserWindow({
      width: 1200,
      height: 860,
      parent: parent() ?? undefined,
      title: `打印预览 — ${fileName}`,
      autoHideMenuBar: true,
      webPreferences: { plugins: true, sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: true, spellcheck: false },
    });
    // The viewer shows this one file; it never navigates elsewhere.
    win.webContents.on('will-navigate', (event) => event.preventDefault());
    win.on('page-title-updated', (event) => event.preventDefault());
    win.on('closed', () => void rm(file, { force: true }));
    await win.loadFile(file);
  };
}
