import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A console session: anonymous until sign-in (so that the login form has a CSRF token too). */
export interface ConsoleSession {
  id: string;
  csrf: string;
  username: string | null;
  createdAt: number;
  lastSeen: number;
  /** A message shown once on the next page (after a redirect). */
  flash: string | null;
}

/** Signed-in sessions end after this long without a request, and after MAX_AGE_MS in any case. */
export const IDLE_MS = 30 * 60 * 1000;
const MAX_AGE_MS = 12 * 60 * 60 * 1000;
/** An anonymous session (the login form) lives this long. */
const ANONYMOUS_MS = 15 * 60 * 1000;
/** Anonymous sessions are made by anyone who opens the login page: their number is capped. */
const MAX_ANONYMOUS = 2000;

const token = () => randomBytes(32).toString('base64url');

/** In memory: a restart of the console signs everyone out, which is fine for a few head-office users. */
export class SessionStore {
  private readonly sessions = new Map<string, ConsoleSession>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The live session with this id (its idle clock restarted), or null. */
  get(id: string | undefined): ConsoleSession | null {
    if (!id) return null;
    const s = this.sessions.get(id);
    if (!s) return null;
    const now = this.now();
    if (this.expired(s, now)) {
      this.sessions.delete(id);
      return null;
    }
    s.lastSeen = now;
    return s;
  }

  createAnonymous(): ConsoleSession {
    this.sweep();
    const anonymous = [...this.sessions.values()].filter((s) => s.username === null);
    if (anonymous.length >= MAX_ANONYMOUS) this.sessions.delete(anonymous.sort((a, b) => a.lastSeen - b.lastSeen)[0]!.id);
    return this.add(null);
  }

  /** Signs in: a new id and token (one known before sign-in never becomes a signed-in one), the old session ended. */
  signIn(previous: ConsoleSession | null, username: string): ConsoleSession {
    if (previous) this.sessions.delete(previous.id);
    return this.add(username);
  }

  end(id: string): void {
    this.sessions.delete(id);
  }

  /** Whether `given` is this session's CSRF token (compared in constant time). */
  static csrfMatches(session: ConsoleSession, given: string | undefined): boolean {
    if (typeof given !== 'string') return false;
    const a = Buffer.from(session.csrf);
    const b = Buffer.from(given);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private add(username: string | null): ConsoleSession {
    const now = this.now();
    const s: ConsoleSession = { id: token(), csrf: token(), username, createdAt: now, lastSeen: now, flash: null };
    this.sessions.set(s.id, s);
    return s;
  }

  private expired(s: ConsoleSession, now: number): boolean {
    if (s.username === null) return now - s.createdAt > ANONYMOUS_MS;
    return now - s.lastSeen > IDLE_MS || now - s.createdAt > MAX_AGE_MS;
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, s] of this.sessions) if (this.expired(s, now)) this.sessions.delete(id);
  }
}
