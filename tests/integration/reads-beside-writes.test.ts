import { afterEach, beforeEach, expect, it } from 'vitest';
import { closeAppContext, type AppContext } from '../../electron/backend/app-context';
import { SYSTEM_ACTOR } from '../../electron/backend/changelog/actor';
import { withWrite } from '../../electron/backend/changelog/write-context';
import { dispatch } from '../../electron/backend/rpc/dispatch';
import { makeTempDir } from '../helpers/temp-dir';
import { signedInApp } from '../helpers/signed-in-app';

// Issue 13: an import's commit of a county's file holds the app's connection for many seconds.
// Calls that only read (the grids, a search, the overview) run on a second connection meanwhile
// and see the register as it was last committed; calls that write still take turns.

let tmp: ReturnType<typeof makeTempDir>;
let app: AppContext | null = null;
let token: string;

beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(async () => {
  if (app) await closeAppContext(app);
  app = null;
  tmp.cleanup();
});

/** An open write transaction of the app itself that has inserted a village, until `finish`. */
function longWrite(a: AppContext, name: string): { finish: () => void; done: () => boolean; value: Promise<void> } {
  let finish!: () => void;
  const gate = new Promise<void>((resolve) => (finish = resolve));
  let inserted!: () => void;
  const insertedNow = new Promise<void>((resolve) => (inserted = resolve));
  let settled = false;
  const value = withWrite(a.db, SYSTEM_ACTOR, async (w) => {
    await w.insert('villages', { township: '白文镇', name, manager_id: null });
    inserted();
    await gate;
  }).finally(() => (settled = true));
  return { finish, done: () => settled, value: insertedNow.then(() => value) };
}

const villageNames = async (a: AppContext) => {
  const r = await dispatch(a, 'villages.overview', {}, { token });
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as { rows: { village: string }[] }).rows.map((v) => v.village);
};

it("a call that only reads answers while the app's own write transaction is open, and sees what was last committed", async () => {
  ({ app, token } = await signedInApp(tmp.file('ledger.sqlite')));
  const a = app;
  const first = longWrite(a, '城庄村');
  first.finish();
  await first.value;
  const open = longWrite(a, '刘家会村');
  // Before the fix the read waited for the write: end that after a while so that such a run ends.
  const letGo = setTimeout(open.finish, 10_000);
  try {
    expect(await villageNames(a)).toEqual(['城庄村']);
    expect(open.done()).toBe(false);
  } finally {
    clearTimeout(letGo);
  }
  open.finish();
  await open.value;
  expect((await villageNames(a)).sort()).toEqual(['城庄村', '刘家会村'].sort());
});

it('a call that writes still waits for the open write, and both land', async () => {
  ({ app, token } = await signedInApp(tmp.file('ledger.sqlite')));
  const a = app;
  const open = longWrite(a, '城庄村');
  let created = false;
  const create = dispatch(a, 'staff.create', { username: 'zhangm', displayName: '张敏', password: 'clerk-pass-1', role: 'clerk' }, { token }).finally(
    () => (created = true),
  );
  // A read goes through meanwhile, and the write still waits behind the open transaction.
  const letGo = setTimeout(open.finish, 10_000);
  try {
    expect(await villageNames(a)).toEqual([]);
    expect(created).toBe(false);
  } finally {
    clearTimeout(letGo);
  }
  open.finish();
  await open.value;
  expect(await create).toMatchObject({ ok: true });
  const staff = await dispatch(a, 'staff.list', {}, { token });
  expect(staff).toMatchObject({ ok: true });
  expect(JSON.stringify(staff)).toContain('zhangm');
});
