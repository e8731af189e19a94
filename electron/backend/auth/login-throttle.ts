/**
 * Slows password guessing without locking anyone out (in memory; a restart forgets it).
 *
 * Any local process can try to sign in, so a lock after a few failures lets anyone lock `admin`
 * out, and counting per username alone leaves guesses spread over many usernames unlimited.
 * Instead each failure makes the next try wait, per username and overall: a few failures are
 * free, then the wait doubles from 1 s up to MAX_WAIT_MS. Whoever knows the password waits at
 * most that long; a guesser gets about one try a minute per username and one a minute overall.
 * A try during a wait is refused unchecked (and not counted). Checks run one at a time per
 * username and a few at once overall, so parallel guesses cannot all run before the first
 * failure counts; once the overall free failures are used up, one at a time overall, so that
 * parallel guesses at different usernames cannot all pass each time the overall wait ends.
 */
const FREE_FAILURES_PER_USERNAME = 3;
/** A username's failures are forgotten this long after its last one. */
const FORGET_AFTER_MS = 15 * 60 * 1000;
/** Failures of all usernames fill a bucket that empties by one every OVERALL_LEAK_MS. */
const FREE_FAILURES_OVERALL = 20;
const OVERALL_LEAK_MS = 2 * 60 * 1000;
const MAX_WAIT_MS = 60 * 1000;
const MAX_CHECKS_AT_ONCE = 4;
/** What a try that finds a check under way waits (the check takes well under a second). */
const BUSY_WAIT_MS = 1000;

export type LoginAttempt<T> = { kind: 'wait'; seconds: number } | { kind: 'checked'; value: T | null };

/** 0 for the free failures, then 1 s, 2 s, 4 s … up to MAX_WAIT_MS. */
function waitAfter(failures: number, free: number): number {
  const over = failures - free;
  return over <= 0 ? 0 : Math.min(1000 * 2 ** (over - 1), MAX_WAIT_MS);
}

export class LoginThrottle {
  private readonly byUsername = new Map<string, { failures: number; last: number }>();
  /** Recent failures of any username: the bucket's level when last counted, and when that was. */
  private overall = { level: 0, last: 0 };
  private readonly checking = new Set<string>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Runs `check` (null: wrong username or password) unless the username or the app must wait
   * first; counts a failure, or clears the username's failures on success.
   */
  async attempt<T>(username: string, check: () => Promise<T | null>): Promise<LoginAttempt<T>> {
    const waitMs = this.waitMs(username);
    if (waitMs > 0) return { kind: 'wait', seconds: Math.ceil(waitMs / 1000) };
    this.checking.add(username);
    try {
      const value = await check();
      if (value === null) this.failed(username);
      else this.succeeded(username);
      return { kind: 'checked', value };
    } finally {
      this.checking.delete(username);
    }
  }

  /** Forgets a username's failures: it signed in, or an admin gave it a new password. */
  succeeded(username: string): void {
    this.byUsername.delete(username);
  }

  private waitMs(username: string): number {
    const now = this.now();
    const mine = this.recent(username, now);
    const untilMine = mine ? mine.last + waitAfter(mine.failures, FREE_FAILURES_PER_USERNAME) - now : 0;
    const untilOverall = this.overall.last + waitAfter(Math.ceil(this.overallLevel(now)), FREE_FAILURES_OVERALL) - now;
    const wait = Math.max(untilMine, untilOverall, 0);
    const atOnce = this.overallLevel(now) >= FREE_FAILURES_OVERALL ? 1 : MAX_CHECKS_AT_ONCE;
    if (wait === 0 && (this.checking.has(username) || this.checking.size >= atOnce)) return BUSY_WAIT_MS;
    return wait;
  }

  private failed(username: string): void {
    const now = this.now();
    const mine = this.recent(username, now);
    this.byUsername.set(username, { failures: (mine?.failures ?? 0) + 1, last: now });
    this.overall = { level: this.overallLevel(now) + 1, last: now };
    // Guesses over many usernames would otherwise grow the map without end.
    if (this.byUsername.size > 1000) {
      for (const [name, entry] of this.byUsername) if (now - entry.last > FORGET_AFTER_MS) this.byUsername.delete(name);
    }
  }

  private overallLevel(now: number): number {
    return Math.max(0, this.overall.level - (now - this.overall.last) / OVERALL_LEAK_MS);
  }

  private recent(username: string, now: number): { failures: number; last: number } | undefined {
    const entry = this.byUsername.get(username);
    return entry && now - entry.last <= FORGET_AFTER_MS ? entry : undefined;
  }
}
