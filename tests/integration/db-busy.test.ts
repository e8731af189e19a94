import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { closeAppContext, type AppContext } from '../../electron/backend/app-context';
import { dispatch } from '../../electron/backend/rpc/dispatch';
import { capturingLog } from '../helpers/captured-log';
import { makeTempDir } from '../helpers/temp-dir';
import { signedInApp } from '../helpers/signed-in-app';

// Issue 9, finding 7: while another program (the CLI importing) holds the write lock, an app
// write waits for it rather than failing after 5 s, and if it must fail says why in Chinese.

let tmp: ReturnType<typeof makeTempDir>;
let app: AppContext;
let token: string;
let holder: ChildProcess | null = null;

beforeEach(async () => {
  tmp = makeTempDir();
  ({ app, token } = await signedInApp(tmp.file('ledger.sqlite')));
});
afterEach(async () => {
  if (holder && holder.exitCode === null) {
    holder.stdin?.end();
    await once(holder, 'exit');
  }
  await closeAppContext(app);
  tmp.cleanup();
});

/** Starts another process that holds the write lock for `ms`; resolves once it has it. */
async function holdWriteLock(ms: number): Promise<void> {
  holder = spawn(process.execPath, [new URL('../helpers/hold-write-lock.mjs', import.meta.url).pathname, tmp.file('ledger.sqlite'), String(ms)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const [line] = (await once(holder.stdout!, 'data')) as [Buffer];
  expect(line.toString()).toBe('locked\n');
}

const createClerk = (username: string) =>
  dispatch(app, 'staff.create', { username, displayName: '张敏', password: 'clerk-pass-1', role: 'clerk' }, { token });

it('an app write waits for another program that holds the write lock for 7 s', async () => {
  await holdWriteLock(7000);
  const started = Date.now();
  expect(await createClerk('zhangm')).toMatchObject({ ok: true });
  expect(Date.now() - started).toBeGreaterThan(5000);
});

it('says in Chinese that another program is writing when the lock stays taken', async () => {
  // The wait is long; here it is cut short so that the test need not sit it out.
  await sql`pragma busy_timeout = 300`.execute(app.db);
  await holdWriteLock(60_000);
  const { value, logged } = await capturingLog(() => createClerk('zhangm'));
  expect(value).toMatchObject({ ok: false, error: { code: 'DB_BUSY', message: expect.stringContaining('另一个程序正在写入') } });
  expect(logged).not.toMatch(/ERROR/);
});
