/**
 * Worker-thread entry: parses one file off the main thread, so a county-size export does not
 * freeze the app's other calls (in Electron, the main process) while SheetJS reads it.
 * Built as its own file (out/main/parse-worker.js); see parse-in-worker.ts.
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../rpc/app-error';
import { parseImportFile, type ParseOptions } from './parse-import-file';

export type WorkerRequest = { bytes: Uint8Array; fileName: string; options: Omit<ParseOptions, 'onProgress'> };
export type WorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'done'; outcome: Awaited<ReturnType<typeof parseImportFile>> }
  | { type: 'failed'; code: string | null; userMessage: string | null; message: string };

parentPort?.once('message', async ({ bytes, fileName, options }: WorkerRequest) => {
  const post = (m: WorkerMessage) => parentPort!.postMessage(m);
  try {
    const outcome = await parseImportFile(bytes, fileName, { ...options, onProgress: (done, total) => post({ type: 'progress', done, total }) });
    post({ type: 'done', outcome });
  } catch (err) {
    post(
      err instanceof AppError
        ? { type: 'failed', code: err.code, userMessage: err.userMessage, message: err.message }
        : { type: 'failed', code: null, userMessage: null, message: err instanceof Error ? (err.stack ?? err.message) : String(err) },
    );
  }
});
