/**
 * Worker-thread entry: parses files off the main thread, so a county-size export does not
 * freeze the app's other calls (in Electron, the main process) while it is read. One file at a
 * time; a worker whose parse ended may be given the next file (parse-worker-ahead.ts), so every
 * message carries its request's id and the caller ignores any other.
 * Built as its own file (out/main/parse-worker.js); see parse-in-worker.ts.
 */
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../rpc/app-error';
import type { Layout, ParsedLoanRow } from '../parsed-file';
import { BATCHES_AHEAD } from './batches-ahead';
import { parseImportFile, type ParseOptions, type ParseOutcome } from './parse-import-file';

export type WorkerRequest = { id: number; bytes: Uint8Array; fileName: string; options: Omit<ParseOptions, 'onProgress' | 'onLoans' | 'onHead' | 'signal'> };
/** The caller is done with a 'loans' message of request `ack` (parse-in-worker.ts). */
export type WorkerAck = { ack: number };
export type WorkerMessage = { id: number } & (
  | { type: 'progress'; done: number; total: number }
  /** The layout is known: the file's own as-of date, before any loans. */
  | { type: 'head'; asOf: string | null; layout: Layout }
  /** Accepted loans in file order, as they are read; the 'done' outcome's file.loans is empty and the caller joins these. */
  | { type: 'loans'; loans: ParsedLoanRow[] }
  | { type: 'done'; outcome: ParseOutcome }
  | { type: 'failed'; code: string | null; userMessage: string | null; message: string }
);

type WithoutId<M> = M extends unknown ? Omit<M, 'id'> : never;
/** What a message says, before its request's id is put on it. */
type Said = WithoutId<WorkerMessage>;

/** Per request: batches posted and not yet answered, and the parse waiting for an answer (callers that keep every batch answer at once). */
const inHand = new Map<number, { count: number; wake: (() => void) | null }>();

parentPort?.on('message', async (message: WorkerRequest | WorkerAck) => {
  if ('ack' in message) {
    const held = inHand.get(message.ack);
    if (!held) return;
    held.count--;
    held.wake?.();
    held.wake = null;
    return;
  }
  const { id, bytes, fileName, options } = message;
  const post = (m: Said) => parentPort!.postMessage({ ...m, id });
  const held = { count: 0, wake: null as (() => void) | null };
  inHand.set(id, held);
  try {
    const outcome = await parseImportFile(bytes, fileName, {
      ...options,
      onProgress: (done, total) => post({ type: 'progress', done, total }),
      onLoans: async (loans) => {
        post({ type: 'loans', loans });
        held.count++;
        while (held.count > BATCHES_AHEAD) await new Promise<void>((resolve) => (held.wake = resolve));
      },
      onHead: ({ asOf, layout }) => post({ type: 'head', asOf, layout }),
    });
    // The loans went over in batches already: not cloned a second time.
    post({ type: 'done', outcome: outcome.kind === 'parsed' ? { ...outcome, file: { ...outcome.file, loans: [] } } : outcome });
  } catch (err) {
    post(
      err instanceof AppError
        ? { type: 'failed', code: err.code, userMessage: err.userMessage, message: err.message }
        : { type: 'failed', code: null, userMessage: null, message: err instanceof Error ? (err.stack ?? err.message) : String(err) },
    );
  } finally {
    inHand.delete(id);
  }
});
