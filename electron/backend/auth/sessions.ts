import { randomBytes } from 'node:crypto';
import type { SessionUser } from '../../shared/api/auth';

const IDLE_LIMIT_MS = 8 * 60 * 60 * 1000;

interface Entry {
  user: SessionUser;
  lastSeen: number;
}

/** Signed-in sessions, in memory: a restart of the app signs everybody out. */
export class SessionStore {
  private readonly entries = new Map<string, Entry>();

  create(user: SessionUser, now = Date.now()): string {
    const token = randomBytes(32).toString('base64url');
    this.entries.set(token, { user, lastSeen: now });
    return token;
  }

  /** The session's user, or null when the token is unknown or idle too long. */
  resolve(token: string | null | undefined, now = Date.now()): SessionUser | null {
    if (!token) return null;
    const entry = this.entries.get(token);
    if (!entry) return null;
    if (now - entry.lastSeen > IDLE_LIMIT_MS) {
      this.entries.delete(token);
      return null;
    }
    entry.lastSeen = now;
    return entry.user;
  }

  revoke(token: string | null | undefined): void {
    if (token) this.entries.delete(token);
  }
}
