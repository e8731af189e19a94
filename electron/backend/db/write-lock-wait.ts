import { AsyncLocalStorage } from 'node:async_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * While a read-write transaction waits for the write lock another program holds (the CLI
 * importing a county's file holds it for many seconds), it tries BEGIN IMMEDIATE for this long
 * at a time, and in between leaves the connection to the app's reads for LOCK_RETRY_MS.
 */
export const LOCK_TRY_MS = 50;
export const LOCK_RETRY_MS = 50;

export interface LockWaitHooks {
  /** Stops the wait once aborted (with its reason). */
  signal?: AbortSignal;
  /** Told once when the write finds the lock taken (the caller may say so to its user). */
  onWait?: () => void;
  /** Waits at most this long, if less than the connection's busy timeout (0: fails with SQLITE_BUSY at once). */
  waitMs?: number;
}

const hooks = new AsyncLocalStorage<LockWaitHooks>();

/** Runs `fn`, whose read-write transaction's wait for the write lock follows `given`. */
export function withLockWaitHooks<T>(given: LockWaitHooks, fn: () => Promise<T>): Promise<T> {
  return given.signal || given.onWait || given.waitMs !== undefined ? hooks.run(given, fn) : fn();
}

/** How long the write may wait for the lock: `busyTimeoutMs`, or less when its caller said so. */
export function lockWaitMs(busyTimeoutMs: number): number {
  const waitMs = hooks.getStore()?.waitMs;
  return waitMs === undefined ? busyTimeoutMs : Math.min(waitMs, busyTimeoutMs);
}

/** The write found the lock taken and waits. */
export function lockWaitStarted(): void {
  hooks.getStore()?.onWait?.();
}

/** The pause between two tries for the lock; rejects with the reason once the caller's call is cancelled. */
export async function pauseBeforeNextTry(): Promise<void> {
  const signal = hooks.getStore()?.signal;
  signal?.throwIfAborted();
  await sleep(LOCK_RETRY_MS, undefined, { signal }).catch((err: unknown) => {
    signal?.throwIfAborted();
    throw err;
  });
}

/** The caller's cancel, if its call can be cancelled: it also ends a wait for this app's connection. */
export function lockWaitSignal(): AbortSignal | undefined {
  return hooks.getStore()?.signal;
}

/** Throws the cancel's reason once the caller's call is cancelled (before each try for the lock). */
export function throwIfLockWaitCancelled(): void {
  hooks.getStore()?.signal?.throwIfAborted();
}
