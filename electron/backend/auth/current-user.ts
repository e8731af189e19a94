import type { SessionUser } from '../../shared/api/auth';
import type { AppContext } from '../app-context';
import { toSessionUser } from './handlers';

/**
 * The session's staff member as the database has them now, not as they signed in: a changed
 * role applies at once, and an account deactivated or stripped of its login is signed out.
 */
export async function currentUser(app: AppContext, token: string | null): Promise<SessionUser | null> {
  const session = app.sessions.resolve(token);
  if (!session) return null;
  const row = await app.db.selectFrom('staff').selectAll().where('id', '=', session.id).executeTakeFirst();
  if (!row || row.active !== 1 || !row.username || !row.password_hash) {
    app.sessions.revokeUser(session.id);
    return null;
  }
  return toSessionUser(row);
}
