import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseImportFile } from '../../../electron/backend/import/parse/parse-import-file';
import { parseImportFileIn, PARSE_MEMORY_MB } from '../../../electron/backend/import/parse/parse-in-worker';
import { KEEP_AFTER_BYTES, keepNoParseWorkers, keepParseWorker, startParseWorkerAhead, takeParseWorkerAhead } from '../../../electron/backend/import/parse/parse-worker-ahead';
import { bundledParseWorker } from '../../helpers/parse-worker-bundle';

const SAMPLE = readFileSync(new URL('../../fixtures/sample-core-export.xlsx', import.meta.url));
const SAMPLE_CSV = readFileSync(new URL('../../fixtures/sample-core-export.csv', import.meta.url));

let worker: Awaited<ReturnType<typeof bundledParseWorker>>;
beforeAll(async () => {
  worker = await bundledParseWorker();
});
afterAll(() => worker.remove());
// Each test starts with no worker held; one a test leaves is ended.
afterEach(async () => {
  vi.useRealTimers();
  await takeParseWorkerAhead(worker.url, PARSE_MEMORY_MB)?.worker.terminate();
});

async function failureOf(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the parse to fail');
}

const take = () => takeParseWorkerAhead(worker.url, PARSE_MEMORY_MB);

describe('a parse worker started ahead of its file (the CLI import)', () => {
  it('is taken by the next parse, which answers as a parse on this thread does', async () => {
    startParseWorkerAhead(worker.url);
    const started = take()!.worker;
    keepParseWorker(worker.url, PARSE_MEMORY_MB, started);
    const ahead = await parseImportFileIn(worker.url, SAMPLE, 'sample.xlsx', {});
    expect(ahead).toEqual(await parseImportFile(SAMPLE, 'sample.xlsx'));
    // The parse ran on it: the worker held now is the one started ahead, kept after its answer.
    expect(take()?.worker).toBe(started);
  });

  it('is not taken by a parse with another heap limit or script, and gives way to that parse’s worker once it answers', async () => {
    startParseWorkerAhead(worker.url, 512);
    const other = takeParseWorkerAhead(worker.url, 512)!.worker;
    keepParseWorker(worker.url, 512, other);
    const ended = new Promise((resolve) => other.once('exit', resolve));
    await parseImportFileIn(worker.url, SAMPLE, 'sample.xlsx', {});
    await ended;
    expect(takeParseWorkerAhead(worker.url, 512)).toBeNull();
    const kept = take()?.worker;
    expect(kept).toBeDefined();
    expect(kept).not.toBe(other);
  });

  it('that failed to start is dropped: the parse starts its own and fails as without one', async () => {
    const missing = new URL('./no-such-parse-worker.mjs', worker.url);
    const without = (await failureOf(parseImportFileIn(missing, SAMPLE, 'sample.xlsx', {}))).message;
    startParseWorkerAhead(missing);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await failureOf(parseImportFileIn(missing, SAMPLE, 'sample.xlsx', {}))).message).toBe(without);
  });
});

describe('a parse worker kept from its last file (a branch clerk’s next preview)', () => {
  it('reads the next files, of any format, as a fresh worker does, also after refusing one', async () => {
    await parseImportFileIn(worker.url, SAMPLE, 'sample.xlsx', {});
    const kept = take()!.worker;
    expect(kept).toBeDefined();
    keepParseWorker(worker.url, PARSE_MEMORY_MB, kept);

    const refused = await failureOf(parseImportFileIn(worker.url, Buffer.from('这不是表格'), 'broken.xlsx', {}));
    expect(refused.code).toBeDefined();
    expect(take()?.worker).toBe(kept);
    keepParseWorker(worker.url, PARSE_MEMORY_MB, kept);

    const progress: number[] = [];
    const csv = await parseImportFileIn(worker.url, SAMPLE_CSV, 'sample.csv', { onProgress: (done) => progress.push(done) });
    expect(csv).toEqual(await parseImportFile(SAMPLE_CSV, 'sample.csv'));
    expect(progress.length).toBeGreaterThan(0);
    expect(take()?.worker).toBe(kept);
  });

  it('ends after a file over the size it is kept for, after a cancel and after a parse that ran out of time', async () => {
    const big = Buffer.alloc(KEEP_AFTER_BYTES + 1, 0x41);
    expect((await failureOf(parseImportFileIn(worker.url, big, 'big.xlsx', {}))).code).toBeDefined();
    expect(take()).toBeNull();

    const abort = new AbortController();
    const cancelled = parseImportFileIn(worker.url, SAMPLE, 'sample.xlsx', { signal: abort.signal });
    abort.abort(new Error('cancelled'));
    expect((await failureOf(cancelled)).message).toBe('cancelled');
    expect(take()).toBeNull();

    expect((await failureOf(parseImportFileIn(worker.url, SAMPLE, 'sample.xlsx', {}, { timeMs: 0 }))).code).toBe('FILE_TOO_SLOW');
    expect(take()).toBeNull();
  });

  it('ends when no parse takes it for half a minute', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    await parseImportFileIn(worker.url, SAMPLE, 'sample.xlsx', {});
    const kept = take()!.worker;
    keepParseWorker(worker.url, PARSE_MEMORY_MB, kept);
    const exited = new Promise((resolve) => kept.once('exit', resolve));
    vi.advanceTimersByTime(29_000);
    expect(take()?.worker).toBe(kept);
    keepParseWorker(worker.url, PARSE_MEMORY_MB, kept);
    vi.advanceTimersByTime(30_000);
    await exited;
    expect(take()).toBeNull();
  });
});

// Last in this file: it turns keeping off for the rest of the file's process (own modules: no other file sees it).
describe('the CLI, one file per process', () => {
  it('keeps no worker once it said so: the parse’s worker ends after its answer', async () => {
    keepNoParseWorkers();
    startParseWorkerAhead(worker.url);
    const started = take()!.worker;
    keepParseWorker(worker.url, PARSE_MEMORY_MB, started);
    expect(take()).toBeNull();
    const ended = new Promise((resolve) => started.once('exit', resolve));
    await started.terminate();
    await ended;

    const outcome = await parseImportFileIn(worker.url, SAMPLE, 'sample.xlsx', {});
    expect(outcome).toEqual(await parseImportFile(SAMPLE, 'sample.xlsx'));
    expect(take()).toBeNull();
  });
});
