import { Worker } from 'node:worker_threads';
import { AppError } from '../../rpc/app-error';
import { parseImportFile, type ParseOptions, type ParseOutcome } from './parse-import-file';
import { BATCHES_AHEAD } from './batches-ahead';
import { KEEP_AFTER_BYTES, keepParseWorker, PARSE_MEMORY_MB, takeParseWorkerAhead } from './parse-worker-ahead';
import type { WorkerAck, WorkerMessage, WorkerRequest } from './parse-worker';
import type { ParsedLoanRow } from '../parsed-file';

/**
 * What one parse may take. A county's export (200,000 rows of 30 columns) needs about 600 MB of
 * heap and half a minute here; a damaged or crafted file that needs more is stopped, not the app.
 */
export interface ParseLimits {
  /** The worker's heap (V8 old generation), in MB. */
  memoryMb?: number;
  /** Wall time in ms; by default a minute plus 3 s per MB of file. */
  timeMs?: number;
}

export { PARSE_MEMORY_MB };

export function parseTimeLimitMs(bytes: number): number {
  return 60_000 + 3_000 * Math.ceil(bytes / (1024 * 1024));
}

/**
 * Parses in a worker thread when the host has one (`workerUrl`: the compiled parse-worker.js, or
 * the CLI's from source), else on this thread (unit tests). Same answer either way. The worker
 * is terminated at once — SheetJS reading a file cannot be interrupted otherwise — when `signal`
 * aborts (the promise rejects with the signal's reason), when it runs out of its memory, or when
 * it takes longer than its time once running, not counting the time it waits for the caller to be done with its batches (FILE_TOO_LARGE, FILE_TOO_SLOW). On this thread only the file's
 * own bounds (file-limits.ts) apply. `onLoans` gets the accepted loans in batches as the worker reads
 * them (posted over), and the outcome still holds them all. A worker that answered — the file read,
 * or refused — goes on to the next parse when its file was small (parse-worker-ahead.ts).
 */
export function parseImportFileIn(workerUrl: URL | null, bytes: Uint8Array, fileName: string, options: ParseOptions, limits: ParseLimits = {}): Promise<ParseOutcome> {
  if (!workerUrl) return parseImportFile(bytes, fileName, options);
  const { onProgress, onLoans, onHead, signal, ...rest } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  const memoryMb = limits.memoryMb ?? PARSE_MEMORY_MB;
  const timeMs = limits.timeMs ?? parseTimeLimitMs(bytes.length);
  const id = ++lastRequestId;
  return new Promise((resolve, reject) => {
    const started = takeParseWorkerAhead(workerUrl, memoryMb);
    const worker = started?.worker ?? new Worker(workerUrl, { resourceLimits: { maxOldGenerationSizeMb: memoryMb } });
    let settled = false;
    const onAbort = () => finish(false, () => reject(signal!.reason));
    // Counted from the thread running, not from its creation: a busy machine's slow thread start is not the file's fault.
    // Nor does it run while the worker waits for the caller to be done with its batches (batches-ahead.ts).
    let timer: NodeJS.Timeout | undefined;
    let left = timeMs;
    let runningSince: number | null = null;
    const startClock = () => {
      if (settled || runningSince !== null) return;
      runningSince = performance.now();
      timer = setTimeout(() => finish(false, () => reject(tooSlow(fileName, timeMs))), left);
    };
    const pauseClock = () => {
      if (runningSince === null) return;
      clearTimeout(timer);
      left -= performance.now() - runningSince;
      runningSince = null;
    };
    /** Batches handed to onLoans it is not done with: beyond BATCHES_AHEAD the worker waits. */
    let inHand = 0;
    /** `idle`: the worker answered and is waiting for another file; any other end stops it. */
    const finish = (idle: boolean, fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      worker.off('online', startClock).off('message', onMessage).off('error', onError).off('exit', onExit);
      fn();
      if (!(idle && bytes.length <= KEEP_AFTER_BYTES && keepParseWorker(workerUrl, memoryMb, worker))) void worker.terminate();
    };
    const loans: ParsedLoanRow[] = [];
    const onMessage = (m: WorkerMessage) => {
      // Another request's: a worker kept from an earlier parse whose work went on after its answer.
      if (settled || m.id !== id) return;
      if (m.type === 'progress') onProgress?.(m.done, m.total);
      else if (m.type === 'head') onHead?.({ asOf: m.asOf, layout: m.layout });
      else if (m.type === 'loans') {
        if (!(onLoans && rest.loansInBatchesOnly)) for (const loan of m.loans) loans.push(loan);
        // Answered once the caller is done with the batch: the worker reads only a few batches ahead of it.
        if (++inHand > BATCHES_AHEAD) pauseClock();
        const ack = () => {
          if (settled) return;
          if (--inHand === BATCHES_AHEAD) startClock();
          worker.postMessage({ ack: id } satisfies WorkerAck);
        };
        void Promise.resolve(onLoans?.(m.loans)).then(ack, ack);
      } else if (m.type === 'done') finish(true, () => resolve(m.outcome.kind === 'parsed' ? { ...m.outcome, file: { ...m.outcome.file, loans } } : m.outcome));
      // A file refused (an AppError) leaves the worker sound; an unexpected error does not say so.
      else finish(m.code !== null, () => reject(m.code ? new AppError(m.code, m.userMessage ?? m.message, m.message) : new Error(`parse worker: ${m.message}`)));
    };
    const onError = (err: Error & { code?: string }) =>
      finish(false, () => reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? outOfMemory(fileName, memoryMb) : err));
    const onExit = (code: number) => finish(false, () => reject(new Error(`parse worker exited with code ${code}`)));
    // A worker started ahead (parse-worker-ahead.ts) may be running already: then from now.
    if (started?.online) startClock();
    else worker.once('online', startClock);
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    const copy = new Uint8Array(bytes); // transferred: the caller's buffer stays usable
    worker.postMessage({ id, bytes: copy, fileName, options: rest } satisfies WorkerRequest, [copy.buffer]);
  });
}

/** Numbers each parse's request, so that a reused worker's messages are told apart. */
let lastRequestId = 0;

function outOfMemory(fileName: string, memoryMb: number): AppError {
  return new AppError(
    'FILE_TOO_LARGE',
    `读取“${fileName}”所需的内存超过了上限（${memoryMb} MB），已停止读取：文件过大或已损坏。请检查导出的文件；如确是完整的导出，请分成几个文件导入。`,
    `parse worker for ${fileName} ran out of its ${memoryMb} MB heap`,
  );
}

function tooSlow(fileName: string, timeMs: number): AppError {
  return new AppError(
    'FILE_TOO_SLOW',
    `读取“${fileName}”超过 ${Math.ceil(timeMs / 1000)} 秒仍未完成，已停止读取：文件过大或已损坏。请检查导出的文件后再导入。`,
    `parse worker for ${fileName} still busy after ${timeMs} ms`,
  );
}
