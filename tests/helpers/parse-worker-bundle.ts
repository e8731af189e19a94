import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = new URL('../..', import.meta.url).pathname;

/**
 * The import-parse worker bundled from source as the app's build bundles it (dependencies stay
 * in node_modules), for tests that start many workers: it starts in a fifth of the time the
 * source worker under tsx takes. Written under node_modules/.cache, so that the bundle finds the
 * packages it imports; a folder per call, as test files run side by side.
 */
export async function bundledParseWorker(): Promise<{ url: URL; remove: () => void }> {
  const cache = path.join(ROOT, 'node_modules', '.cache', 'branch-ledger-tests');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(path.join(cache, 'parse-worker-'));
  const outfile = path.join(dir, 'parse-worker.mjs');
  await build({
    entryPoints: [path.join(ROOT, 'electron/backend/import/parse/parse-worker.ts')],
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
  });
  return { url: pathToFileURL(outfile), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
