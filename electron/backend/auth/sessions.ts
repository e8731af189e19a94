import { randomBytes } from 'node:crypto';
import type { SessionUser } from '../../shared/api/auth';

const IDLE_LIMIT_MS = 8 * 60 * 60 * 1000;
/** However busy, a session ends after a working day and must sign in again. */
const ABSOLUTE_LIMIT_MS = 12 * 60 * 60 * 1000;

interface Entry {
  user: SessionUser;
  createdAt: number;
  lastSeen: number;
}

/** Signed-in sessions, in memory: a restart of the app signs everybody out. */
export class SessionStore {
  private readonly entries = new Map<string, Entry>();

  create(user: SessionUser, now = Date.now()): string {
    const token = randomBytes(32).toString('base64url');
    this.entries.set(token, { user, createdAt: now, lastSeen: now });
    return token;
  }

  /** The session's user, or null when the token is unknown, idle too long or too old. */
  resolve(token: string | null | undefined, now = Date.now()): SessionUser | null {
    if (!token) return null;
    const entry = this.entries.get(token);
    if (!entry) return null;
    if (now - entry.lastSeen > IDLE_LIMIT_MS || now - entry.createdAt > ABSOLUTE_LIMIT_MS) {
      this.entries.delete(token);
      return null;
    }
    entry.lastSeen = now;
    return entry.user;
  }

  revoke(token: string | null | undefined): void {
    if (token) this.entries.delete(token);
  }

  /** Ends every session of one staff member: their login or password changed. */
  revokeUser(staffId: string): void {
    for (const [token, entry] of this.entries) if (entry.user.id === staffId) this.entries.delete(token);
  }
}
