import { existsSync } from 'node:fs';
import { BroadcastChannel } from 'node:worker_threads';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseImportFileIn } from '../../../electron/backend/import/parse/parse-in-worker';
import { PARSE_MEMORY_MB, takeParseWorkerAhead } from '../../../electron/backend/import/parse/parse-worker-ahead';
import { coreExportXlsx } from '../../bench/core-export-file';

// The real parse worker from source; it announces its OS thread, to check that a stopped one is gone.
const workerUrl = new URL('../../helpers/parse-worker-from-source.mjs', import.meta.url);
const threads = new BroadcastChannel('parse-workers');
const started: string[] = [];
threads.onmessage = (e) => started.push(`/proc/${(e as { data: { started: string } }).data.started}`);
afterAll(() => threads.close());

let big: Uint8Array;
beforeAll(() => {
  big = coreExportXlsx(12_000); // SheetJS alone reads this for seconds
});
// A worker kept from an earlier parse (this file's or another's in this process) would take the
// file: each test's parse starts a thread of its own, whose end the test can see.
beforeEach(async () => {
  await takeParseWorkerAhead(workerUrl, PARSE_MEMORY_MB)?.worker.terminate();
});

async function nextThread(seen: number): Promise<string> {
  const deadline = Date.now() + 20_000;
  while (started.length <= seen) {
    if (Date.now() > deadline) throw new Error('no parse worker started');
    await new Promise((r) => setTimeout(r, 10));
  }
  return started[seen];
}

async function gone(file: string): Promise<boolean> {
  const deadline = Date.now() + 5000;
  while (existsSync(file)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

describe('the parse worker has a memory and a time limit; the process outlives both', () => {
  it('a parse that needs more memory than its limit is stopped with a Chinese message', async () => {
    const seen = started.length;
    const parsing = parseImportFileIn(workerUrl, big, '县联社贷款台账.xlsx', {}, { memoryMb: 24 });
    const stopped = expect(parsing).rejects.toMatchObject({ code: 'FILE_TOO_LARGE', userMessage: expect.stringContaining('所需的内存超过了上限（24 MB），已停止读取：文件过大或已损坏') });
    const thread = await nextThread(seen);
    await stopped;
    expect(await gone(thread)).toBe(true);
  });

  it('a parse that takes longer than its time is stopped, its worker ended', async () => {
    const seen = started.length;
    // Far below the file's parse time (over 2 s here); counted from the thread's start, which announces itself first.
    const parsing = parseImportFileIn(workerUrl, big, '县联社贷款台账.xlsx', {}, { timeMs: 600 });
    const stopped = expect(parsing).rejects.toMatchObject({ code: 'FILE_TOO_SLOW', userMessage: expect.stringContaining('秒仍未完成，已停止读取') });
    const thread = await nextThread(seen);
    await stopped;
    expect(await gone(thread)).toBe(true);
  });

  it('the same file within its limits is read in full afterwards', async () => {
    const outcome = await parseImportFileIn(workerUrl, big, '县联社贷款台账.xlsx', {});
    expect(outcome.kind === 'parsed' && outcome.file.loans.length).toBe(12_000);
  });
});
