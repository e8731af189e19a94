import { afterEach, beforeEach, expect, it } from 'vitest';
import { closeAppContext, createAppContext } from '../../electron/backend/app-context';
import { WAITING_NOTICE } from '../../electron/backend/cli/call-rpc';
import { runCli } from '../../electron/backend/cli/run-cli';
import { cli } from '../helpers/cli-in-process';
import { SAMPLE } from '../helpers/sample-files';
import { makeTempDir } from '../helpers/temp-dir';
import { holdWriteLock, type WriteLockHolder } from '../helpers/write-lock-holder';

// Issue 13: a CLI write that finds the app (or another CLI) writing says at once that it waits,
// so that an unattended import's log tells why it took longer; it goes on once the lock is free.
// Opening the database never waits for it.

let tmp: ReturnType<typeof makeTempDir>;
let lock: WriteLockHolder | null = null;
beforeEach(() => {
  tmp = makeTempDir();
});
afterEach(async () => {
  await lock?.release();
  lock = null;
  tmp.cleanup();
});

it('an import that finds another program writing says that it waits, and imports once the lock is free', async () => {
  const db = tmp.file('ledger.sqlite');
  expect((await cli('import', SAMPLE.csv, '--db', db, '--json')).code).toBe(0);
  const holder = (lock = await holdWriteLock(db));
  let said = '';
  let heldWhenSaid: boolean | null = null;
  const code = await runCli(['import', SAMPLE.csv, '--db', db, '--json'], {
    stdout: () => undefined,
    stderr: (text) => {
      said += text;
      if (!text.includes(WAITING_NOTICE)) return;
      heldWhenSaid = holder.holding();
      void holder.release();
    },
  });
  expect(said).toContain(`${WAITING_NOTICE}\n`);
  expect(heldWhenSaid).toBe(true);
  expect(code).toBe(0);
});

it('a report, and the app, open and read while another program writes: the statistics refresh at open is left to that program', async () => {
  const db = tmp.file('ledger.sqlite');
  expect((await cli('import', SAMPLE.csv, '--db', db, '--json')).code).toBe(0);
  const holder = (lock = await holdWriteLock(db));
  const report = await cli('report', 'portfolio', '--db', db, '--json');
  expect(report.stderr).toBe('');
  expect(report.code).toBe(0);
  expect(report.json.loans).toBeGreaterThan(0);
  const app = await createAppContext(db);
  try {
    expect((await app.db.selectFrom('loans').select('id').execute()).length).toBe(report.json.loans);
  } finally {
    await closeAppContext(app);
  }
  expect(holder.holding()).toBe(true);
});
