import { copyFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { createAppContext, type AppContext, type AppContextOptions } from '../../electron/backend/app-context';
import { SessionStore } from '../../electron/backend/auth/sessions';
import { makeTempDir } from './temp-dir';

type TempDir = ReturnType<typeof makeTempDir>;

/**
 * As perTest (per-test.ts), for fixtures that cost seconds to build (an import, a few staff
 * whose passwords are hashed with scrypt, their sign-ins): the fixture is built once per file on
 * a template, and each test gets its own copy of the template's file, opened afresh, with the
 * fixture's sessions as they were when it was built. Each test still starts from the same
 * database and the same signed-in users, and what one test writes is gone for the next.
 *
 * The fixture's `app` object is kept (its calls and sign-ins hold it) and pointed at the test's
 * copy; `close` must do no more than close that app. `options` are the ones `open` passes on.
 */
export function perTestCopy<T extends { app: AppContext; close(): Promise<void> }>(
  open: (file: string) => Promise<T>,
  options: AppContextOptions = {},
): T & { readonly tmp: TempDir } {
  let template: TempDir | null = null;
  let fixture: T | null = null;
  let sessions: SessionStore | null = null;
  let tmp: TempDir | null = null;
  let current: T | null = null;
  beforeAll(async () => {
    template = makeTempDir();
    fixture = await open(template.file('template.sqlite'));
    sessions = copySessions(fixture.app.sessions);
    // Closed, the template is one self-contained file (its write-ahead log checkpointed).
    await fixture.close();
  });
  beforeEach(async () => {
    tmp = makeTempDir();
    copyFileSync(template!.file('template.sqlite'), tmp.file('ledger.sqlite'));
    const fresh = await createAppContext(tmp.file('ledger.sqlite'), options);
    Object.assign(fixture!.app, fresh, { sessions: copySessions(sessions!) });
    current = fixture;
  });
  afterEach(async () => {
    await current?.close();
    current = null;
    tmp?.cleanup();
    tmp = null;
  });
  afterAll(() => {
    template?.cleanup();
    template = null;
  });
  return new Proxy({} as T & { readonly tmp: TempDir }, {
    get(_target, prop) {
      if (prop === 'tmp') return tmp;
      if (current === null) throw new Error(`perTestCopy: ${String(prop)} read outside a test`);
      return (current as Record<string | symbol, unknown>)[prop];
    },
  });
}

/** The store's sessions (token, user, times) in a store of their own: a test signing out or revoking leaves the next test's alone. */
function copySessions(from: SessionStore): SessionStore {
  const to = new SessionStore();
  const entries = (store: SessionStore) => {
    const map = (store as unknown as { entries: unknown }).entries;
    if (!(map instanceof Map)) throw new Error('perTestCopy: SessionStore no longer keeps its sessions in `entries`; update copySessions');
    return map as Map<string, object>;
  };
  for (const [token, entry] of entries(from)) entries(to).set(token, { ...entry });
  return to;
}
