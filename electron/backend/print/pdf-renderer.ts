/** Page setup for a printed document. Header/footer are Chromium print templates. */
export interface PdfOptions {
  landscape: boolean;
  /** Paper size: A4 for lists and most papers; A5 for notices printed half-size. */
  format: 'A4' | 'A5';
  /** HTML for the page header/footer; may use <span class="pageNumber"> and <span class="totalPages">. */
  headerTemplate?: string;
  footerTemplate?: string;
  /** Margins in millimetres. */
  marginMm?: { top: number; right: number; bottom: number; left: number };
}

/**
 * The one print path: a full HTML document in, PDF bytes out, rendered by Chromium.
 * Two implementations: Electron's printToPDF in the app (electron/main), and headless
 * Chromium through playwright-core for the CLI, the browser build and the tests.
 */
export interface PdfRenderer {
  /** When `signal` aborts, the page being rendered is closed and the promise rejects with the signal's reason. */
  renderPdf(html: string, options: PdfOptions, signal?: AbortSignal): Promise<Uint8Array>;
  close(): Promise<void>;
}

/**
 * Shows a finished PDF to the user for printing: the desktop app opens a print-preview window
 * (Chromium's PDF viewer, whose print button opens the system print dialog). Hosts without a
 * screen of their own (the HTTP bridge, the CLI) have none; their callers get the file instead.
 */
export type DocumentViewer = (pdf: Uint8Array, fileName: string) => Promise<void>;
