import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { parseImportFileIn } from '../../electron/backend/import/parse/parse-in-worker';

// Runs after the build (like the other e2e tests): the worker is the compiled out/main/parse-worker.js
// that the desktop app and the bridge use.
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const workerUrl = pathToFileURL(path.join(repoRoot, 'out', 'main', 'parse-worker.js'));
const sample = path.join(repoRoot, 'tests', 'fixtures', 'sample-core-export.xlsx');

test('the built parse worker answers exactly as parsing on the calling thread, with progress', async () => {
  const bytes = readFileSync(sample);
  const progress: number[] = [];
  const inWorker = await parseImportFileIn(workerUrl, bytes, 'sample.xlsx', { onProgress: (done) => progress.push(done) });
  const inProcess = await parseImportFileIn(null, bytes, 'sample.xlsx', {});
  expect(inWorker).toEqual(inProcess);
  expect(inWorker.kind).toBe('parsed');
  expect(progress.at(-1)).toBeGreaterThan(0);
  expect(bytes.subarray(0, 2).toString()).toBe('PK'); // the caller's buffer was copied, not taken
});

test('the worker passes the reader’s Chinese errors through', async () => {
  await expect(parseImportFileIn(workerUrl, Buffer.from('%PDF-1.7 not a spreadsheet'), 'x.pdf', {})).rejects.toMatchObject({
    code: 'UNSUPPORTED_FILE',
    userMessage: expect.stringMatching(/[\u4e00-\u9fff]/),
  });
});
