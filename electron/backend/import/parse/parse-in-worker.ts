import { Worker } from 'node:worker_threads';
import { AppError } from '../../rpc/app-error';
import { parseImportFile, type ParseOptions, type ParseOutcome } from './parse-import-file';
import type { WorkerMessage, WorkerRequest } from './parse-worker';

/**
 * Parses in a worker thread when the host built one (`workerUrl`: the compiled parse-worker.js),
 * else on this thread (CLI, unit tests). Same answer either way.
 */
export function parseImportFileIn(workerUrl: URL | null, bytes: Uint8Array, fileName: string, options: ParseOptions): Promise<ParseOutcome> {
  if (!workerUrl) return parseImportFile(bytes, fileName, options);
  const { onProgress, ...rest } = options;
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerUrl);
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
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
