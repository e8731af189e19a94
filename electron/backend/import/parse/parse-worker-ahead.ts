import { Worker } from 'node:worker_threads';

/** The parse worker's heap (V8 old generation), in MB: see parse-in-worker.ts. */
export const PARSE_MEMORY_MB = 1024;

/**
 * A worker kept from a parse of a file up to this size goes on to the next file. Starting a
 * worker and loading its script and the pinyin dictionary costs about a third of a second of CPU,
 * most of a branch-size preview (a 60-row file: 0.35 of 0.49 s); a worker that read a county's
 * file holds a heap of hundreds of MB that its next file should not inherit, so it ends.
 */
export const KEEP_AFTER_BYTES = 8 * 1024 * 1024;

/** A kept worker nobody takes ends after this long idle, giving its heap back. */
const KEPT_IDLE_MS = 30_000;

interface Ahead {
  key: string;
  worker: Worker;
  online: boolean;
  failed: boolean;
  detach: () => void;
}

let ahead: Ahead | null = null;
let keeping = true;

const keyOf = (workerUrl: URL, memoryMb: number) => `${memoryMb} ${workerUrl.href}`;

/** Holds `worker` for the next parse with the same script and heap limit; it keeps no process alive. */
function hold(key: string, worker: Worker, online: boolean, idleMs: number | null): void {
  const onOnline = () => (entry.online = true);
  const onEnd = () => {
    entry.failed = true;
    if (ahead === entry) ahead = null;
  };
  const idle = idleMs === null ? undefined : setTimeout(() => {
    if (ahead !== entry) return;
    ahead = null;
    void worker.terminate();
  }, idleMs).unref();
  const entry: Ahead = {
    key,
    worker,
    online,
    failed: false,
    detach: () => {
      clearTimeout(idle);
      worker.off('online', onOnline).off('error', onEnd).off('exit', onEnd);
    },
  };
  worker.once('online', onOnline).once('error', onEnd).once('exit', onEnd);
  worker.unref();
  ahead = entry;
}

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
  hold(keyOf(workerUrl, memoryMb), new Worker(workerUrl, { resourceLimits: { maxOldGenerationSizeMb: memoryMb } }), false, null);
}

/**
 * Keeps a worker whose parse has ended — answered, or refused the file — for the next parse,
 * unless one for the same script and limit is held already; it ends after a while idle. One held
 * for another script or limit ends: the parses now use this one. Returns whether it was kept: if
 * not, the caller ends it. The caller has taken its own listeners off.
 */
export function keepParseWorker(workerUrl: URL, memoryMb: number, worker: Worker): boolean {
  if (!keeping) return false;
  const key = keyOf(workerUrl, memoryMb);
  if (ahead?.key === key) return false;
  if (ahead) {
    ahead.detach();
    void ahead.worker.terminate();
  }
  hold(key, worker, true, KEPT_IDLE_MS);
  return true;
}

/** From now on no worker is kept after its parse (the CLI: one file per process). */
export function keepNoParseWorkers(): void {
  keeping = false;
}

/** The worker started ahead or kept for this script and limit, if there is a sound one; whether it is running yet. */
export function takeParseWorkerAhead(workerUrl: URL, memoryMb: number): { worker: Worker; online: boolean } | null {
  const entry = ahead;
  if (!entry || entry.key !== keyOf(workerUrl, memoryMb)) return null;
  ahead = null;
  entry.detach();
  if (entry.failed) {
    void entry.worker.terminate();
    return null;
  }
  entry.worker.ref();
  return { worker: entry.worker, online: entry.online };
}
