import { sql } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { closeAppContext, type AppContext, type AppContextOptions } from '../../electron/backend/app-context';
import { SYSTEM_ACTOR } from '../../electron/backend/changelog/actor';
import { withWrite } from '../../electron/backend/changelog/write-context';
import { cancelledError } from '../../electron/backend/calls/cancelled';
import { dispatch } from '../../electron/backend/rpc/dispatch';
import { capturingLog } from '../helpers/captured-log';
import { makeTempDir } from '../helpers/temp-dir';
import { signedInApp } from '../helpers/signed-in-app';
import { holdWriteLock, type WriteLockHolder } from '../helpers/write-lock-holder';

// Issue 9, finding 7: while another program (the CLI importing) holds the write lock, an app
// write waits for it rather than failing after 5 s, and if it must fail says why in Chinese.
// Issue 13: it waits with the app's connection free, so the app's reads carry on and a cancelled
// call (取消导入) stops waiting at once.

let tmp: ReturnType<typeof makeTempDir>;
let app: AppContext | null = null;
let token: string;
let holder: WriteLockHolder | null = null;

beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(async () => {
  await holder?.release();
  holder = null;
  if (app) await closeAppContext(app);
  app = null;
  tmp.cleanup();
});

async function openApp(opts: AppContextOptions = {}): Promise<AppContext> {
  ({ app, token } = await signedInApp(tmp.file('ledger.sqlite'), opts));
  return app;
}

const createClerk = (a: AppContext, username: string) =>
  dispatch(a, 'staff.create', { username, displayName: '张敏', password: 'clerk-pass-1', role: 'clerk' }, { token });

/** Settles with the promise, and says meanwhile whether it has. */
function watched<T>(p: Promise<T>): { done: () => boolean; value: Promise<T> } {
  let settled = false;
  const value = p.finally(() => (settled = true));
  return { done: () => settled, value };
}

it('an app write waits for another program that holds the write lock for 7 s', async () => {
  const a = await openApp();
  holder = await holdWriteLock(tmp.file('ledger.sqlite'), 7000);
  const started = Date.now();
  expect(await createClerk(a, 'zhangm')).toMatchObject({ ok: true });
  expect(Date.now() - started).toBeGreaterThan(5000);
});

it('says in Chinese that another program is writing when the lock stays taken', async () => {
  // The wait is long; here it is cut short so that the test need not sit it out.
  const a = await openApp({ busyTimeoutMs: 300 });
  holder = await holdWriteLock(tmp.file('ledger.sqlite'));
  const { value, logged } = await capturingLog(() => createClerk(a, 'zhangm'));
  expect(value).toMatchObject({ ok: false, error: { code: 'DB_BUSY', message: expect.stringContaining('另一个程序正在写入') } });
  expect(logged).not.toMatch(/ERROR/);
  expect(holder.holding()).toBe(true);
});

it("the app's reads carry on while one of its writes waits for the lock, and the write lands once it is free", async () => {
  const a = await openApp();
  const lock = (holder = await holdWriteLock(tmp.file('ledger.sqlite')));
  const write = watched(withWrite(a.db, SYSTEM_ACTOR, (w) => w.insert('villages', { township: '白文镇', name: '城庄村', manager_id: null })));
  // Before the fix the read waited for the write, which waited for the lock: let go after a while so that such a run ends.
  const letGo = setTimeout(() => void lock.release(), 20_000);
  try {
    expect(await dispatch(a, 'staff.list', {}, { token })).toMatchObject({ ok: true });
    expect(write.done()).toBe(false);
    expect(lock.holding()).toBe(true);
  } finally {
    clearTimeout(letGo);
  }
  await lock.release();
  await write.value;
  expect(await a.db.selectFrom('villages').select('name').execute()).toEqual([{ name: '城庄村' }]);
});

it("the app's own writes land in the order they began while they wait for the lock", async () => {
  const a = await openApp();
  holder = await holdWriteLock(tmp.file('ledger.sqlite'));
  const names = ['城庄村', '刘家会村', '南圪垛村'];
  const writes = names.map((name) => withWrite(a.db, SYSTEM_ACTOR, (w) => w.insert('villages', { township: '白文镇', name, manager_id: null })));
  // Each has had its turn at the connection and waits.
  await dispatch(a, 'staff.list', {}, { token });
  await holder.release();
  await Promise.all(writes);
  const order = await sql<{ name: string }>`select name from villages order by rowid`.execute(a.db);
  expect(order.rows.map((r) => r.name)).toEqual(names);
});

it('a cancelled write stops waiting for the lock at once, having written nothing', async () => {
  const a = await openApp();
  holder = await holdWriteLock(tmp.file('ledger.sqlite'));
  const controller = new AbortController();
  let ran = false;
  const write = watched(
    withWrite(
      a.db,
      SYSTEM_ACTOR,
      async (w) => {
        ran = true;
        await w.insert('villages', { township: '白文镇', name: '城庄村', manager_id: null });
      },
      { signal: controller.signal },
    ),
  );
  await dispatch(a, 'staff.list', {}, { token });
  expect(write.done()).toBe(false);
  controller.abort(cancelledError('wait-1'));
  await expect(write.value).rejects.toMatchObject({ code: 'CANCELLED' });
  expect(holder.holding()).toBe(true);
  expect(ran).toBe(false);
  await holder.release();
  expect(await a.db.selectFrom('villages').select('name').execute()).toEqual([]);
  // The connection is whole again: the next write lands.
  expect(await createClerk(a, 'zhangm')).toMatchObject({ ok: true });
});

it("a cancelled write stops waiting behind the app's own long write at once, and the writes after it still land", async () => {
  const a = await openApp();
  // A long write of the app itself holds the connection (an import's commit of a county's file).
  let finishLong!: () => void;
  const longGate = new Promise<void>((resolve) => (finishLong = resolve));
  const long = watched(
    withWrite(a.db, SYSTEM_ACTOR, async (w) => {
      await w.insert('villages', { township: '白文镇', name: '城庄村', manager_id: null });
      await longGate;
    }),
  );
  const controller = new AbortController();
  const cancelled = watched(
    withWrite(a.db, SYSTEM_ACTOR, (w) => w.insert('villages', { township: '白文镇', name: '刘家会村', manager_id: null }), { signal: controller.signal }),
  );
  const after = withWrite(a.db, SYSTEM_ACTOR, (w) => w.insert('villages', { township: '白文镇', name: '南圪垛村', manager_id: null }));
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(cancelled.done()).toBe(false);
  controller.abort(cancelledError('wait-2'));
  // Before the fix it waited for the long write to end: let that end after a while so that such a run ends.
  const letGo = setTimeout(finishLong, 10_000);
  try {
    await expect(cancelled.value).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(long.done()).toBe(false);
  } finally {
    clearTimeout(letGo);
  }
  finishLong();
  await Promise.all([long.value, after]);
  const order = await sql<{ name: string }>`select name from villages order by rowid`.execute(a.db);
  expect(order.rows.map((r) => r.name)).toEqual(['城庄村', '南圪垛村']);
});
