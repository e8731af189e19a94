import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeAppContext, type AppContext } from '../../electron/backend/app-context';
import { startHttpBridge, type RunningBridge } from '../../electron/backend/http-bridge';
import { setQuietLogs } from '../../electron/backend/log';
import { createChromiumPdfRenderer } from '../../electron/backend/print/chromium-pdf-renderer';
import { addDays, todayLocal } from '../../electron/shared/dates';
import type { PdfRenderer } from '../../electron/backend/print/pdf-renderer';
import { bridgeCall, bridgeLogin } from '../helpers/bridge-client';
import { loanCsv } from '../helpers/loan-csv';
import { ADMIN, signedInApp } from '../helpers/signed-in-app';
import { makeTempDir } from '../helpers/temp-dir';

// Needs Chromium (as the print tests do).
const tmp = makeTempDir();
let app: AppContext;
let bridge: RunningBridge;
let token: string;
let villageId: string;
/** Resolvers waiting for the next render to start, and how each render ended: the real renderer, watched. */
const renderStarts: Array<() => void> = [];
const renderEnds: Array<Promise<'rendered' | 'stopped'>> = [];

function watchedChromium(): PdfRenderer {
  const real = createChromiumPdfRenderer();
  return {
    renderPdf: (html, options, signal) => {
      renderStarts.splice(0).forEach((resolve) => resolve());
      const rendering = real.renderPdf(html, options, signal);
      renderEnds.push(rendering.then(() => 'rendered' as const, () => 'stopped' as const));
      return rendering;
    },
    close: () => real.close(),
  };
}

const nextRenderStart = () => new Promise<void>((resolve) => renderStarts.push(resolve));
const print = (callId?: string) => bridgeCall(bridge.url, token, 'register.printVillage', { villageId, maskIds: true, deliver: 'file' }, callId);
const printsLogged = async () => (await app.db.selectFrom('export_log').select('id').where('kind', '=', 'register-pdf').execute()).length;

beforeAll(async () => {
  setQuietLogs(true);
  ({ app } = await signedInApp(tmp.file('ledger.sqlite'), { createPdfRenderer: watchedChromium }));
  bridge = await startHttpBridge(app);
  token = await bridgeLogin(bridge.url, ADMIN.username, ADMIN.password);
  // One village of 1,000 loans: its register takes Chromium seconds to render.
  const preview = await bridgeCall(bridge.url, token, 'imports.preview', { fileName: 'village.csv', contentBase64: loanCsv(1000).toString('base64'), fullExport: true });
  // By the app's today (pinned in tests), not the machine's clock: two days after the pin, the clock's date minus two is after it.
  const asOf = addDays(todayLocal(), -2);
  const commit = await bridgeCall(bridge.url, token, 'imports.commit', { previewId: preview.ok ? preview.value.previewId : '', asOf, fullExport: true, confirmAsOf: true });
  if (!commit.ok) throw new Error(commit.error.message);
  const overview = await bridgeCall(bridge.url, token, 'villages.overview', {});
  villageId = overview.ok ? overview.value.rows[0].villageId : '';
  // The print browser is started once; the test measures renders, not its launch.
  expect(await print()).toMatchObject({ ok: true });
});
afterAll(async () => {
  await bridge?.close();
  if (app) await closeAppContext(app);
  tmp.cleanup();
  setQuietLogs(false);
});

describe('cancelling a village print', () => {
  it('closes the page being rendered: the call ends CANCELLED, Chromium stops that render, nothing is logged, and the next print works', async () => {
    const logged = await printsLogged();
    const started = Date.now();
    expect(await print()).toMatchObject({ ok: true, value: { kind: 'file' } });
    const fullRenderMs = Date.now() - started;

    const renderStarted = nextRenderStart();
    const printing = print('print-to-cancel');
    await renderStarted;
    await new Promise((r) => setTimeout(r, Math.min(300, fullRenderMs / 4)));
    expect(await bridgeCall(bridge.url, token, 'calls.cancel', { callId: 'print-to-cancel' })).toEqual({ ok: true, value: { running: true } });
    expect(await printing).toEqual({ ok: false, error: { code: 'CANCELLED', message: '已取消' } });
    // The render itself was stopped, not left to finish in the background.
    expect(await renderEnds[renderEnds.length - 1]).toBe('stopped');
    // Only the print that was made is logged as an export of personal data.
    expect(await printsLogged()).toBe(logged + 1);

    expect(await print()).toMatchObject({ ok: true, value: { kind: 'file' } });
  });
});
