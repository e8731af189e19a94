import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../../electron/backend/auth/login-throttle';

const HOUR = 60 * 60 * 1000;

/** A throttle on a clock the test moves; `wrong`/`right` are checks of a wrong and the right password. */
function setUp() {
  const clock = { now: 1_000_000 };
  const throttle = new LoginThrottle(() => clock.now);
  const wrong = async () => null;
  const right = async () => 'user';
  return { clock, throttle, wrong, right };
}

/** Guesses `username()` as fast as the throttle lets through for `forMs`; returns how many were checked. */
async function guessFor(t: ReturnType<typeof setUp>, username: () => string, forMs: number): Promise<number> {
  const end = t.clock.now + forMs;
  let checked = 0;
  while (t.clock.now < end) {
    const r = await t.throttle.attempt(username(), t.wrong);
    if (r.kind === 'checked') {
      checked++;
      t.clock.now += 100; // a check takes a moment
    } else {
      t.clock.now += r.seconds * 1000;
    }
  }
  return checked;
}

describe('LoginThrottle', () => {
  it('never makes the owner of a username wait more than a minute, however many guesses came before', async () => {
    const t = setUp();
    await guessFor(t, () => 'admin', 2 * HOUR);
    const waiting = await t.throttle.attempt('admin', t.right);
    const seconds = waiting.kind === 'wait' ? waiting.seconds : 0;
    expect(seconds).toBeLessThanOrEqual(60);
    t.clock.now += seconds * 1000;
    expect(await t.throttle.attempt('admin', t.right)).toEqual({ kind: 'checked', value: 'user' });
  });

  it('lets a few wrong passwords through at once, then doubles the wait', async () => {
    const t = setUp();
    for (let i = 0; i < 3; i++) expect(await t.throttle.attempt('admin', t.wrong)).toEqual({ kind: 'checked', value: null });
    expect(await t.throttle.attempt('admin', t.wrong)).toEqual({ kind: 'checked', value: null });
    expect(await t.throttle.attempt('admin', t.right)).toEqual({ kind: 'wait', seconds: 1 });
    t.clock.now += 1000;
    expect(await t.throttle.attempt('admin', t.wrong)).toEqual({ kind: 'checked', value: null });
    expect(await t.throttle.attempt('admin', t.right)).toEqual({ kind: 'wait', seconds: 2 });
    // A refused try is not counted; another username is not held up.
    expect(await t.throttle.attempt('admin', t.right)).toEqual({ kind: 'wait', seconds: 2 });
    expect(await t.throttle.attempt('clerk', t.right)).toEqual({ kind: 'checked', value: 'user' });
    // Success clears the username's failures.
    t.clock.now += 2000;
    expect(await t.throttle.attempt('admin', t.right)).toEqual({ kind: 'checked', value: 'user' });
    expect(await t.throttle.attempt('admin', t.wrong)).toEqual({ kind: 'checked', value: null });
    expect(await t.throttle.attempt('admin', t.right)).toEqual({ kind: 'checked', value: 'user' });
  });

  it('keeps guessing one username to about one try a minute', async () => {
    const t = setUp();
    expect(await guessFor(t, () => 'admin', HOUR)).toBeLessThan(75);
  });

  it('keeps guesses spread over many usernames to about one a minute overall', async () => {
    const t = setUp();
    let n = 0;
    // 20 free, a few while the waits double, then one a minute.
    expect(await guessFor(t, () => `user${n++}`, HOUR)).toBeLessThan(100);
  });

  it('keeps parallel guesses at many usernames to about one a minute overall', async () => {
    const t = setUp();
    let n = 0;
    let checked = 0;
    // Six tries at once, at six new usernames, every second for an hour; each check takes 5 ms.
    const wrong = () => new Promise<null>((resolve) => setTimeout(() => resolve(null), 5));
    for (let s = 0; s < 3600; s++) {
      t.clock.now += 1000;
      const tries = await Promise.all(Array.from({ length: 6 }, () => t.throttle.attempt(`user${n++}`, wrong)));
      checked += tries.filter((r) => r.kind === 'checked').length;
    }
    // 20 free, a few while the waits double, then one a minute (before the fix: about four a minute).
    expect(checked).toBeLessThan(100);
  });

  it('checks one try per username at a time, so parallel guesses do not all run', async () => {
    const t = setUp();
    let release!: () => void;
    const slowWrong = () => new Promise<null>((resolve) => (release = () => resolve(null)));
    const first = t.throttle.attempt('admin', slowWrong);
    const parallel = await Promise.all(Array.from({ length: 20 }, () => t.throttle.attempt('admin', t.wrong)));
    expect(parallel.every((r) => r.kind === 'wait')).toBe(true);
    release();
    expect(await first).toEqual({ kind: 'checked', value: null });
  });
});
