import type { SessionUser } from '../../shared/api/auth';

/** Who is writing: a staff row, stamped on every change-log transaction and entry. */
export interface Actor {
  id: string;
  name: string;
}

/** The built-in staff row (role 'system', no login) for writes no person asked for: the CLI without `--as`, migrations. */
export const SYSTEM_STAFF_ID = '00000000-0000-7000-8000-000000000001';
export const SYSTEM_ACTOR: Actor = { id: SYSTEM_STAFF_ID, name: '系统' };

export function actorOf(user: Pick<SessionUser, 'id' | 'displayName'>): Actor {
  return { id: user.id, name: user.displayName };
}
