import type { SessionUser } from '../../shared/api/auth';
import type { StaffRole } from '../../shared/domain';
import type { ReadDb } from '../db/read-db';
import { SYSTEM_ACTOR, SYSTEM_STAFF_ID } from '../changelog/actor';
import { AppError } from '../rpc/app-error';

/**
 * Who makes a call, as handlers see them: a signed-in staff member, a staff member named by the
 * CLI's `--as`, or the built-in system actor (the CLI without `--as`; role 'system', no login).
 * The renderer only ever sees SessionUser: the system actor never has a session.
 */
export type Caller = Omit<SessionUser, 'role'> & { role: StaffRole };

export const SYSTEM_CALLER: Caller = { id: SYSTEM_STAFF_ID, username: '', displayName: SYSTEM_ACTOR.name, role: 'system' };

/**
 * The staff member the CLI acts for (`--as <username>`), as the database has them now: they
 * must exist, be active and able to sign in, as in the app. The system row has no username.
 */
export async function staffCaller(db: ReadDb, username: string): Promise<Caller> {
  const row = await db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst();
  if (!row) throw new AppError('UNKNOWN_STAFF', `没有用户名为“${username}”的员工。`, `--as ${username}: no such staff member`);
  if (row.active !== 1 || !row.password_hash || row.role === 'system') {
    throw new AppError('STAFF_INACTIVE', `员工“${username}”已停用或没有登录权限，不能以其身份操作。`, `--as ${username}: inactive or without a login`);
  }
  return { id: row.id, username, displayName: row.display_name, role: row.role };
}

/** A caller as the renderer knows them; the system actor has no session, so never reaches here. */
export function asSessionUser(caller: Caller): SessionUser {
  const { role } = caller;
  if (role === 'system') throw new Error('the system actor has no session');
  return { ...caller, role };
}
