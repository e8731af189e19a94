import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * While a read-write transaction waits for the write lock another program holds (the CLI
 * importing a county's file holds it for many seconds), it tries BEGIN IMMEDIATE for this long
 * at a time, and in between leaves the connection to the app's reads for LOCK_RETRY_MS.
 */
export const LOCK_TRY_MS = 100;
export const LOCK_RETRY_MS = 50;

const cancelWaitWith = new AsyncLocalStorage<AbortSignal>();

/** Runs `fn`, whose transaction stops waiting for the write lock once `signal` aborts (with its reason). */
export function withLockWaitCancelledBy<T>(signal: AbortSignal | undefined, fn: () => Promise<T>): Promise<T> {
  return signal ? cancelWaitWith.run(signal, fn) : fn();
}

/** The pause between two tries for the lock; rejects with the reason once the caller's call is cancelled. */
export async function pauseBeforeNextTry(): Promise<void> {
  const signal = cancelWaitWith.getStore();
  signal?.throwIfAborted();
  await sleep(LOCK_RETRY_MS, undefined, { signal }).catch((err: unknown) => {
    signal?.throwIfAborted();
    throw err;
  });
}

/** Whether the caller's call was cancelled while its transaction waited for the lock. */
export function throwIfLockWaitCancelled(): void {
  cancelWaitWith.getStore()?.throwIfAborted();
}
