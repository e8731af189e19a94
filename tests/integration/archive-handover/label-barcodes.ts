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

/**
 * The Code 128 barcodes zxing-wasm reads on each whole page of a PDF rasterised at 200 dpi in
 * grey (as a scanner sees the paper), sorted: a sheet of labels holds many.
 */
export async function code128OnPages(pdfFile: string): Promise<string[][]> {
  prepare();
  const dir = path.dirname(pdfFile);
  const root = `${path.basename(pdfFile, '.pdf')}-page`;
  execFileSync('pdftoppm', ['-r', '200', '-gray', pdfFile, path.join(dir, root)]);
  const pages = readdirSync(dir)
    .filter((f) => f.startsWith(root) && f.endsWith('.pgm'))
    .sort();
  const out: string[][] = [];
  for (const image of pages) {
    const results = await readBarcodes(new Uint8Array(readFileSync(path.join(dir, image))), { formats: ['Code128'], maxNumberOfSymbols: 30 });
    out.push(results.filter((r) => r.isValid).map((r) => r.text).sort());
  }
  return out;
}
