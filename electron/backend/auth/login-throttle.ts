/**
 * Failed sign-ins per username, in memory: after MAX_FAILURES within WINDOW_MS the username is
 * locked for LOCK_MS, so passwords cannot be guessed at the speed of scrypt. A success clears it.
 */
const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60 * 1000;
const LOCK_MS = 5 * 60 * 1000;

interface Attempts {
  failures: number[];
  lockedUntil: number;
}

export class LoginThrottle {
  private readonly byUsername = new Map<string, Attempts>();

  /** Minutes (rounded up) the username stays locked, or 0 when it may try. */
  lockedMinutes(username: string, now = Date.now()): number {
    const a = this.byUsername.get(username);
    return a && a.lockedUntil > now ? Math.ceil((a.lockedUntil - now) / 60_000) : 0;
  }

  failed(username: string, now = Date.now()): void {
    const a = this.byUsername.get(username) ?? { failures: [], lockedUntil: 0 };
    a.failures = [...a.failures.filter((t) => now - t < WINDOW_MS), now];
    if (a.failures.length >= MAX_FAILURES) {
      a.lockedUntil = now + LOCK_MS;
      a.failures = [];
    }
    this.byUsername.set(username, a);
  }

  succeeded(username: string): void {
    this.byUsername.delete(username);
  }
}
