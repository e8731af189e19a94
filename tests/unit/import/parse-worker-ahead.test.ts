import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseImportFile } from '../../../electron/backend/import/parse/parse-import-file';
import { parseImportFileIn, PARSE_MEMORY_MB } from '../../../electron/backend/import/parse/parse-in-worker';
import { startParseWorkerAhead, takeParseWorkerAhead } from '../../../electron/backend/import/parse/parse-worker-ahead';
import { bundledParseWorker } from '../../helpers/parse-worker-bundle';

const SAMPLE = readFileSync(new URL('../../fixtures/sample-core-export.xlsx', import.meta.url));

let worker: Awaited<ReturnType<typeof bundledParseWorker>>;
beforeAll(async () => {
  worker = await bundledParseWorker();
});
afterAll(() => worker.remove());

async function failureOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  throw new Error('expected the parse to fail');
}

describe('a parse worker started ahead of its file (the CLI import)', () => {
  it('is taken by the next parse, which answers as a parse on this thread does', async () => {
    startParseWorkerAhead(worker.url);
    const ahead = await parseImportFileIn(worker.url, SAMPLE, 'sample.xlsx', {});
    expect(takeParseWorkerAhead(worker.url, PARSE_MEMORY_MB)).toBeNull();
    expect(ahead).toEqual(await parseImportFile(SAMPLE, 'sample.xlsx'));
  });

  it('is not taken by a parse with another heap limit or script', async () => {
    startParseWorkerAhead(worker.url, 512);
    await parseImportFileIn(worker.url, SAMPLE, 'sample.xlsx', {});
    const left = takeParseWorkerAhead(worker.url, 512);
    expect(left).not.toBeNull();
    await left!.worker.terminate();
  });

  it('that failed to start is dropped: the parse starts its own and fails as without one', async () => {
    const missing = new URL('./no-such-parse-worker.mjs', worker.url);
    const without = await failureOf(parseImportFileIn(missing, SAMPLE, 'sample.xlsx', {}));
    startParseWorkerAhead(missing);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await failureOf(parseImportFileIn(missing, SAMPLE, 'sample.xlsx', {}))).toBe(without);
  });
});
