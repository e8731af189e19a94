import { afterEach, beforeEach } from 'vitest';
import { makeTempDir } from './temp-dir';

type TempDir = ReturnType<typeof makeTempDir>;

/**
 * A fixture opened fresh for each test on `ledger.sqlite` in its own temp folder, closed and the
 * folder removed afterwards. The object returned reads through to the current test's fixture, so
 * a test file writes `const b = perTest(branchApp)` and then `b.call(…)`; `b.tmp` is its folder.
 */
export function perTest<T extends { close(): Promise<void> }>(open: (file: string) => Promise<T>): T & { readonly tmp: TempDir } {
  let tmp: TempDir | null = null;
  let current: T | null = null;
  beforeEach(async () => {
    tmp = makeTempDir();
    current = await open(tmp.file('ledger.sqlite'));
  });
  afterEach(async () => {
    await current?.close();
    current = null;
    tmp?.cleanup();
    tmp = null;
  });
  return new Proxy({} as T & { readonly tmp: TempDir }, {
    get(_target, prop) {
      if (prop === 'tmp') return tmp;
      if (current === null) throw new Error(`perTest: ${String(prop)} read outside a test`);
      return (current as Record<string | symbol, unknown>)[prop];
    },
  });
}
