import { Worker } from 'node:worker_threads';
import { AppError } from '../../rpc/app-error';
import { parseImportFile, type ParseOptions, type ParseOutcome } from './parse-import-file';
import type { WorkerMessage, WorkerRequest } from './parse-worker';

/**
 * Parses in a worker thread when the host built one (`workerUrl`: the compiled parse-worker.js),
 * else on this thread (CLI, unit tests). Same answer either way. When `signal` aborts, the
 * worker is terminated at once (SheetJS reading a big file cannot be interrupted otherwise)
 * and the promise rejects with the signal's reason.
 */
export function parseImportFileIn(workerUrl: URL | null, bytes: Uint8Array, fileName: string, options: ParseOptions): Promise<ParseOutcome> {
  if (!workerUrl) return parseImportFile(bytes, fileName, options);
  const { onProgress, signal, ...rest } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl);
    let settled = false;
    const onAbort = () => finish(() => reject(signal!.reason));
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      fn();
      void worker.terminate();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') onProgress?.(m.done, m.total);
      else if (m.type === 'done') finish(() => resolve(m.outcome));
      else finish(() => reject(m.code ? new AppError(m.code, m.userMessage ?? m.message, m.message) : new Error(`parse worker: ${m.message}`)));
    });
    worker.on('error', (err) => finish(() => reject(err)));
    worker.on('exit', (code) => finish(() => reject(new Error(`parse worker exited with code ${code}`))));
    const copy = new Uint8Array(bytes); // transferred: the caller's buffer stays usable
    worker.postMessage({ bytes: copy, fileName, options: rest } satisfies WorkerRequest, [copy.buffer]);
  });
}
