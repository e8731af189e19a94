import { Worker } from 'node:worker_threads';

/** The parse worker's heap (V8 old generation), in MB: see parse-in-worker.ts. */
export const PARSE_MEMORY_MB = 1024;

interface Ahead {
  key: string;
  worker: Worker;
  online: boolean;
  failed: boolean;
}

let ahead: Ahead | null = null;

const keyOf = (workerUrl: URL, memoryMb: number) => `${memoryMb} ${workerUrl.href}`;

/**
 * Starts a parse worker before its file is known. The CLI's `import` starts one as the process
 * starts, so that the thread's start and the loading of its script (about half a second of a
 * branch's import, measured) overlap with loading the CLI and opening the database. The next
 * parse with the same script and heap limit takes it (parse-in-worker.ts); until then it keeps
 * no process alive. One that fails before it is taken is dropped, and the parse starts its own,
 * which fails as it always has.
 */
export function startParseWorkerAhead(workerUrl: URL, memoryMb = PARSE_MEMORY_MB): void {
  if (ahead) return;
  const worker = new Worker(workerUrl, { resourceLimits: { maxOldGenerationSizeMb: memoryMb } });
  const entry: Ahead = { key: keyOf(workerUrl, memoryMb), worker, online: false, failed: false };
  worker.once('online', () => (entry.online = true));
  worker.once('error', () => (entry.failed = true));
  worker.once('exit', () => (entry.failed = true));
  worker.unref();
  ahead = entry;
}

/** The worker started ahead for this script and limit, if there is a sound one; whether it is running yet. */
export function takeParseWorkerAhead(workerUrl: URL, memoryMb: number): { worker: Worker; online: boolean } | null {
  const entry = ahead;
  if (!entry || entry.key !== keyOf(workerUrl, memoryMb)) return null;
  ahead = null;
  if (entry.failed) {
    void entry.worker.terminate();
    return null;
  }
  entry.worker.ref();
  return { worker: entry.worker, online: entry.online };
}
