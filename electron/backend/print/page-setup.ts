/**
 * Page setup both PDF renderers pass to Chromium's print-to-PDF (Playwright's page.pdf in
 * chromium-pdf-renderer.ts, Electron's printToPDF in electron/main): the same options under the
 * same names, so that a document prints alike in the app, the browser build and the CLI.
 */
import type { PdfOptions } from './pdf-renderer';

/** Used when PdfOptions.marginMm is not given. */
export const DEFAULT_MARGIN_MM = { top: 15, right: 10, bottom: 15, left: 10 } as const;

export interface PageSetup {
  landscape: boolean;
  printBackground: true;
  displayHeaderFooter: boolean;
  headerTemplate?: string;
  footerTemplate?: string;
  /** Each renderer states margins in its own unit (CSS mm, inches). */
  marginMm: { top: number; right: number; bottom: number; left: number };
}

export function pageSetup(options: PdfOptions): PageSetup {
  const headerFooter = Boolean(options.headerTemplate || options.footerTemplate);
  return {
    landscape: options.landscape,
    printBackground: true,
    displayHeaderFooter: headerFooter,
    // An empty template would make Chromium print its default (date, title, URL).
    headerTemplate: headerFooter ? options.headerTemplate || '<span></span>' : undefined,
    footerTemplate: headerFooter ? options.footerTemplate || '<span></span>' : undefined,
    marginMm: options.marginMm ?? DEFAULT_MARGIN_MM,
  };
}
