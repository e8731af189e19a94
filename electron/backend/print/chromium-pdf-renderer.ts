/**
 * PdfRenderer on a headless Chromium (or Edge/Chrome) driven by playwright-core: for the CLI,
 * the browser build and the tests. The Electron app uses electron/main/electron-pdf-renderer.ts.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { log } from '../log';
import { AppError } from '../rpc/app-error';
import { pageSetup } from './page-setup';
import type { PdfOptions, PdfRenderer } from './pdf-renderer';

const LAUNCH_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'];

/** Where a Chromium-family browser is usually installed, in order of preference. */
export function chromiumCandidates(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string[] {
  if (platform === 'win32') {
    const w = path.win32;
    const pf86 = env['ProgramFiles(x86)'] || 'C:\\Program Files (x86)';
    const pf = env.ProgramFiles || 'C:\\Program Files';
    const list = [
      w.join(pf86, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      w.join(pf, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      w.join(pf, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      w.join(pf86, 'Google', 'Chrome', 'Application', 'chrome.exe'),
    ];
    if (env.LOCALAPPDATA) list.push(w.join(env.LOCALAPPDATA, 'Google', 'Chrome', 'Application', 'chrome.exe'));
    return list;
  }
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ];
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/usr/bin/microsoft-edge'];
}

/**
 * The browser to print with: env BRANCH_LEDGER_CHROMIUM when set, else the first installed
 * candidate. Throws AppError PRINT_UNAVAILABLE when there is none.
 */
export function findChromiumExecutable(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  exists: (p: string) => boolean = existsSync,
): string {
  const configured = env.BRANCH_LEDGER_CHROMIUM?.trim();
  if (configured) {
    if (exists(configured)) return configured;
    throw new AppError(
      'PRINT_UNAVAILABLE',
      `无法打印：找不到配置的浏览器程序（${configured}），请联系管理员检查 BRANCH_LEDGER_CHROMIUM 设置。`,
      `BRANCH_LEDGER_CHROMIUM points to a missing file: ${configured}`,
    );
  }
  const found = chromiumCandidates(env, platform).find((p) => exists(p));
  if (found) return found;
  throw new AppError(
    'PRINT_UNAVAILABLE',
    '无法打印：本机未找到 Edge 或 Chrome 浏览器，请安装后重试，或联系管理员。',
    'no Chromium-family browser found; set BRANCH_LEDGER_CHROMIUM',
  );
}

/**
 * The browser is launched on the first render (not here, so creating the renderer never fails)
 * and reused; each render gets its own context and page, with JavaScript off and every request
 * except data: URLs blocked. After close(), the next render launches a new browser.
 */
export function createChromiumPdfRenderer(opts: { executablePath?: string } = {}): PdfRenderer {
  let browser: Promise<Browser> | null = null;

  function getBrowser(): Promise<Browser> {
    if (!browser) {
      const launching = launch(opts.executablePath);
      browser = launching;
      launching.then(
        (b) => b.on('disconnected', () => {
          if (browser === launching) browser = null;
        }),
        () => {
          if (browser === launching) browser = null;
        },
      );
    }
    return browser;
  }

  return {
    async renderPdf(html: string, options: PdfOptions, signal?: AbortSignal): Promise<Uint8Array> {
      signal?.throwIfAborted();
      const b = await untilAborted(getBrowser(), signal);
      let context: BrowserContext | null = null;
      // Closes the context once (a later one too, should it arrive after an abort).
      const closeContext = () => {
        const c = context;
        context = null;
        return c ? c.close().catch(() => undefined) : Promise.resolve();
      };
      // Closing the context ends the render under way: page.pdf() rejects, and the reason is reported.
      const onAbort = () => void closeContext();
      signal?.addEventListener('abort', onAbort, { once: true });
      const render = async (): Promise<Uint8Array> => {
        context = await b.newContext({ javaScriptEnabled: false });
        if (signal?.aborted) void closeContext();
        // Documents are self-contained: nothing may leave the machine.
        await context?.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort('blockedbyclient')));
        const page = await context!.newPage();
        await page.setContent(html, { waitUntil: 'load' });
        const { marginMm: m, ...setup } = pageSetup(options);
        const pdf = await page.pdf({
          ...setup,
          format: options.format,
          margin: { top: `${m.top}mm`, right: `${m.right}mm`, bottom: `${m.bottom}mm`, left: `${m.left}mm` },
        });
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      };
      try {
        // A step that Playwright does not end when its context closes (it happens early in a
        // render) must not hold the caller: an abort answers at once, the context closes behind.
        return await untilAborted(render(), signal);
      } catch (err) {
        if (signal?.aborted) throw signal.reason;
        if (err instanceof AppError) throw err;
        log.error('pdf render failed', err);
        throw new AppError('PRINT_FAILED', '生成 PDF 失败，请重试；如仍失败请联系管理员。', `pdf render failed: ${String(err)}`);
      } finally {
        signal?.removeEventListener('abort', onAbort);
        if (signal?.aborted) void closeContext();
        else await closeContext();
      }
    },

    async close(): Promise<void> {
      const launching = browser;
      browser = null;
      if (!launching) return;
      const b = await launching.catch(() => null);
      await b?.close().catch((err) => log.warn(`closing the print browser failed: ${String(err)}`));
    },
  };
}

/** `work`, or its signal's reason as soon as the signal aborts (the work goes on behind, unheard). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function launch(executablePath: string | undefined): Promise<Browser> {
  const exe = executablePath ?? findChromiumExecutable();
  try {
    // Loaded on first print only: the Electron app never needs it, the CLI rarely does.
    const { chromium } = await import('playwright-core');
    const b = await chromium.launch({ executablePath: exe, args: LAUNCH_ARGS });
    log.info(`print browser started: ${exe}`);
    return b;
  } catch (err) {
    log.error(`could not launch the print browser ${exe}`, err);
    throw new AppError('PRINT_UNAVAILABLE', '无法启动打印组件（浏览器），请重试；如仍失败请联系管理员。', `launch failed for ${exe}: ${String(err)}`);
  }
}
