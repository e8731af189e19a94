import { AsyncLocalStorage } from 'node:async_hooks';

const stderr = new AsyncLocalStorage<(text: string) => void>();

/** Runs a command with `write` as where it says things while it runs (runCli's stderr). */
export function withCliStderr<T>(write: (text: string) => void, fn: () => Promise<T>): Promise<T> {
  return stderr.run(write, fn);
}

/** Says a line now, on the running command's stderr (not kept for the end, as a result's notices are). */
export function sayNow(line: string): void {
  stderr.getStore()?.(`${line}\n`);
}
