import { afterEach, expect, it } from 'vitest';
import { closeAppContext, createAppContext } from '../../../electron/backend/app-context';
import { readBook } from '../../../electron/backend/assignment/book';
import { makeTempDir } from '../../helpers/temp-dir';

const tmp = makeTempDir();
afterEach(() => tmp.cleanup());

// An e2e run failed on an unhandled rejection: the villages overview read the book while the test's
// database was being closed, and the book's cached copy of that failed read was awaited by no one.
it('a book read that fails is thrown to its caller only, not also left as an unhandled rejection', async () => {
  const app = await createAppContext(tmp.file('ledger.sqlite'));
  const unhandled: unknown[] = [];
  const listener = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', listener);
  try {
    const reading = expect(readBook(app.db)).rejects.toThrow('destroyed');
    await closeAppContext(app);
    await reading;
    // Unhandled rejections are reported after the microtasks of the turn they happened in.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(unhandled).toEqual([]);
  } finally {
    process.off('unhandledRejection', listener);
  }
});
