import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createChromiumPdfRenderer } from '../../../electron/backend/print/chromium-pdf-renderer';
import type { PdfRenderer } from '../../../electron/backend/print/pdf-renderer';
import { villageRegisterHtml } from '../../../electron/backend/register/village-register-html';
import { AppError } from '../../../electron/backend/rpc/app-error';
import { makeTempDir } from '../../helpers/temp-dir';
import { formatYuan } from '../../../electron/shared/money';
import { crowdedRegisterFixture, NAMES, registerFixture, residentId } from '../../unit/print/register-fixture';

// Needs Chromium and poppler-utils (pdftotext, pdfinfo); .ci/run installs both.
describe('Chromium PDF renderer: village register', () => {
  let renderer: PdfRenderer;
  const tmp = makeTempDir('branch-ledger-print-');
  let text = '';
  let pages = 0;
  let bytes: Uint8Array;

  beforeAll(async () => {
    renderer = createChromiumPdfRenderer();
    const { html, options } = villageRegisterHtml(registerFixture({ mask: true }));
    bytes = await renderer.renderPdf(html, options);
    const file = tmp.file('register.pdf');
    writeFileSync(file, bytes);
    text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
  });
  afterAll(async () => {
    await renderer?.close();
    tmp.cleanup();
  });

  it('is a multi-page PDF', () => {
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it('shows the village, the borrowers and page x of y on every page', () => {
    expect(text).toContain('刘家会村');
    expect(text).toContain('贷款清册');
    for (const name of [NAMES[0], NAMES[1], NAMES[17], NAMES[42], NAMES[59]]) expect(text).toContain(name);
    expect(text).toMatch(/第 1 页 \/ 共 \d+ 页/);
    for (let p = 1; p <= pages; p++) expect(text).toContain(`第 ${p} 页 / 共 ${pages} 页`);
    expect(text).toContain('打印时间：2025-11-25 14:03');
    expect(text).toContain('合计');
  });

  it('has as many PDF pages as the register laid out, each with its 本页小计, even with tall rows', async () => {
    for (const data of [registerFixture({ mask: true }), crowdedRegisterFixture()]) {
      const { html, options } = villageRegisterHtml(data);
      const sheets = (html.match(/<section class="sheet">/g) ?? []).length;
      const file = tmp.file(`pages-${sheets}.pdf`);
      writeFileSync(file, await renderer.renderPdf(html, options));
      // pdftotext separates pages with a form feed.
      const printed = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim());
      expect(printed).toHaveLength(sheets);
      printed.forEach((page, i) => {
        expect(page, `page ${i + 1}`).toContain('本页小计');
        expect(page.includes('合计：'), `page ${i + 1}`).toBe(i === sheets - 1);
      });
      expect(printed[sheets - 1]).toContain(formatYuan(data.totals.contractAmountFen));
      expect(printed[sheets - 1]).toContain(formatYuan(data.totals.interestOwedFen));
    }
  });

  it('shows masked IDs only', () => {
    expect(text).toContain(`${residentId(0).slice(0, 6)}********${residentId(0).slice(-4)}`);
    for (let i = 0; i < 60; i++) expect(text).not.toContain(residentId(i));
    expect(text).not.toMatch(/\d{17}[\dX]/);
  });

  it('ends a render the moment it is aborted, at whatever step it is, and renders the next one', async () => {
    const big = `<html><body>${Array.from({ length: 1500 }, (_, i) => `<div style="break-after: page">第${i}页</div>`).join('')}</body></html>`;
    // Aborts spread over a render's first steps (context, routing, page, content): Playwright
    // ended some of them only when the whole render was done, or never.
    for (let delay = 0; delay <= 300; delay += 15) {
      const abort = new AbortController();
      const reason = new Error(`stopped at ${delay} ms`);
      setTimeout(() => abort.abort(reason), delay);
      const outcome = await Promise.race([
        renderer.renderPdf(big, { landscape: false, format: 'A4' }, abort.signal).then(
          () => 'rendered',
          (err: unknown) => (err === reason ? 'stopped' : `failed: ${String(err)}`),
        ),
        new Promise((resolve) => setTimeout(() => resolve('still running 15 s after the abort'), delay + 15_000)),
      ]);
      expect(outcome, `aborted at ${delay} ms`).toBe('stopped');
    }
    const pdf = await renderer.renderPdf('<p>之后</p>', { landscape: false, format: 'A4' });
    expect(Buffer.from(pdf.subarray(0, 4)).toString('latin1')).toBe('%PDF');
  });

  it('reuses its browser and never lets a page reach the network', async () => {
    let hits = 0;
    const server: Server = createServer((_req, res) => {
      hits++;
      res.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    try {
      const html = `<!DOCTYPE html><html><head><link rel="stylesheet" href="http://127.0.0.1:${port}/a.css"></head>
        <body><p>离线</p><img src="http://127.0.0.1:${port}/b.png"><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></body></html>`;
      const pdf = await renderer.renderPdf(html, { landscape: false, format: 'A4' });
      expect(Buffer.from(pdf.subarray(0, 4)).toString('latin1')).toBe('%PDF');
      expect(hits).toBe(0);
    } finally {
      server.close();
    }
  });
});

describe('Chromium PDF renderer: no browser', () => {
  it('fails with PRINT_UNAVAILABLE when the browser cannot be started', async () => {
    const r = createChromiumPdfRenderer({ executablePath: '/nonexistent/chromium' });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true); // the logged launch error
    const err = await r.renderPdf('<p>x</p>', { landscape: false, format: 'A4' }).catch((e) => e);
    stderr.mockRestore();
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('PRINT_UNAVAILABLE');
    expect(err.userMessage).toMatch(/打印/);
    await r.close();
  });
});
