import { copyFileSync } from 'node:fs';
import { closeAppContext } from '../../electron/backend/app-context';
import { SYSTEM_ACTOR } from '../../electron/backend/changelog/actor';
import { withWrite } from '../../electron/backend/changelog/write-context';
import { signedInApp } from '../helpers/signed-in-app';
import { holdWriteLock } from '../helpers/write-lock-holder';
import { timedCalls } from './timed-calls';
import type { BenchRun } from './types';

const LOANS = 9000;

/**
 * The app's reads while one of its writes waits for the write lock another program holds (the
 * CLI importing): the write tries for the lock in short turns with the connection free between
 * them, so a read waits at most one try. Beside the same reads with no write waiting; and how
 * soon the waiting write lands once the lock is let go. And the same reads while a write
 * transaction of the app itself is open, which they no longer wait for.
 */
export const run: BenchRun = async (ws) => {
  const { file: demo } = await ws.demoDatabase(LOANS);
  const file = ws.file('lock-wait.sqlite');
  copyFileSync(demo, file);
  const { app, token } = await signedInApp(file);
  try {
    const label = (what: string) => `villages.overview ${LOANS / 1000}k loans, ${what}`;
    const { figures: alone } = await timedCalls(app, token, label('nothing waiting'), 'villages.overview', {}, 40);
    const lock = await holdWriteLock(file);
    let waiting: Awaited<ReturnType<typeof timedCalls>>['figures'];
    let landedMs: number;
    try {
      const write = withWrite(app.db, SYSTEM_ACTOR, (w) => w.insert('villages', { township: '白文镇', name: '锁等待村', manager_id: null }));
      ({ figures: waiting } = await timedCalls(app, token, label('a write waiting for another program'), 'villages.overview', {}, 40));
      const released = performance.now();
      await lock.release();
      await write;
      landedMs = performance.now() - released;
    } finally {
      await lock.release();
    }
    // An import's commit of a county's file holds the app's own connection for seconds: reads go
    // to the second connection meanwhile (reads-beside-writes.ts).
    let finish!: () => void;
    const gate = new Promise<void>((resolve) => (finish = resolve));
    const own = withWrite(app.db, SYSTEM_ACTOR, async (w) => {
      await w.insert('villages', { township: '白文镇', name: '长写村', manager_id: null });
      await gate;
    });
    let beside: Awaited<ReturnType<typeof timedCalls>>['figures'];
    try {
      ({ figures: beside } = await timedCalls(app, token, label("the app's own write transaction open (an import's commit)"), 'villages.overview', {}, 40));
    } finally {
      finish();
      await own;
    }
    return [
      ...alone,
      ...waiting,
      { name: 'a waiting write lands after the other program lets go (its process exit included)', value: landedMs, unit: 'ms' },
      ...beside,
    ];
  } finally {
    await closeAppContext(app);
  }
};
