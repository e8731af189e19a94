import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

// The decoder's .wasm from the package itself: nothing is fetched from a CDN.
const wasmFile = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
let prepared = false;

function prepare(): void {
  if (prepared) return;
  const bytes = readFileSync(wasmFile);
  prepareZXingModule({ overrides: { wasmBinary: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) } });
  prepared = true;
}

const DPI = 200;
const PAGE_MM = { A4: { w: 210, h: 297 }, A5: { w: 148, h: 210 } };

/**
 * The Code 128 barcodes zxing-wasm reads on each page of a PDF rasterised at 200 dpi by pdftoppm
 * (grey, as a scanner sees the paper): one list of texts per page, in page order. Only the lower
 * half of each page is rasterised, where the receipt is (and rasterising is the slow part).
 */
export async function code128ByPage(pdfFile: string, paper: 'A4' | 'A5'): Promise<string[][]> {
  prepare();
  const dir = path.dirname(pdfFile);
  const root = `${path.basename(pdfFile, '.pdf')}-page`;
  const px = (mm: number) => String(Math.round((mm / 25.4) * DPI));
  const { w, h } = PAGE_MM[paper];
  execFileSync('pdftoppm', ['-r', String(DPI), '-gray', '-x', '0', '-y', px(h / 2), '-W', px(w), '-H', px(h / 2), pdfFile, path.join(dir, root)]);
  const pages = readdirSync(dir)
    .filter((f) => f.startsWith(root) && f.endsWith('.pgm'))
    .sort();
  const out: string[][] = [];
  for (const image of pages) {
    const results = await readBarcodes(new Uint8Array(readFileSync(path.join(dir, image))), { formats: ['Code128'], maxNumberOfSymbols: 4 });
    out.push(results.filter((r) => r.isValid).map((r) => r.text));
  }
  return out;
}
