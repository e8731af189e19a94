import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * A call that only reads runs its statements on a second connection to the same file (the
 * dialect's reader, `readerConnection`), so that it never waits behind this app's own write
 * transactions: an import's commit of a county's file holds the first connection for many
 * seconds. In WAL the reader sees the last committed state, never a write half done. Calls that
 * write, and everything outside such a call, keep to the first connection.
 */
const beside = new AsyncLocalStorage<true>();

/** Runs `fn`, which only reads, on the reader connection where the database has one. */
export function readBesideWrites<T>(fn: () => Promise<T>): Promise<T> {
  return beside.run(true, fn);
}

/** Runs `fn` on the first connection even inside readBesideWrites (a write transaction). */
export function onWriteConnection<T>(fn: () => Promise<T>): Promise<T> {
  return beside.exit(fn);
}

export function readsBesideWrites(): boolean {
  return beside.getStore() === true;
}
