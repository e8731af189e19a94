import { hashPassword } from '../../auth/password';
import { AppError } from '../../rpc/app-error';
import type { HqDb } from '../hq-db';
import { checkHqInput } from '../hq-inputs';
import { hqUserInputSchema } from './add-hq-user';
import { hqWrite, type HqWrite } from './hq-write';

export interface HqUserState {
  username: string;
  name: string;
  disabled: boolean;
}

const usernameSchema = hqUserInputSchema.pick({ username: true });
const passwordSchema = hqUserInputSchema.pick({ username: true, password: true });

async function userOf(w: HqWrite, username: string) {
  const user = await w.trx.selectFrom('hq_users').select(['username', 'name', 'disabled_at']).where('username', '=', username).forUpdate().executeTakeFirst();
  if (!user) throw new AppError('HQ_USER_UNKNOWN', `没有用户名为 ${username} 的总行控制台用户。`, `hq user ${username} not found`);
  return user;
}

/**
 * Stops (`disabled` true) or allows again a console login. A user's console session ends at
 * their next request (console/sign-in.ts reads hq_users each time). Stopping one already
 * stopped, or allowing one allowed, changes and logs nothing.
 */
export async function setHqUserDisabled(db: HqDb, actor: string, raw: { username: string }, disabled: boolean): Promise<HqUserState> {
  const { username } = checkHqInput(usernameSchema, raw);
  return hqWrite(db, actor, async (w) => {
    const user = await userOf(w, username);
    if ((user.disabled_at !== null) !== disabled) {
      await w.trx.updateTable('hq_users').set({ disabled_at: disabled ? w.now : null }).where('username', '=', username).execute();
      await w.log(disabled ? 'disable_user' : 'enable_user', null, { username });
    }
    return { username, name: user.name, disabled };
  });
}

/** Gives a console login a new password (hashed as a branch's are); the old one no longer signs in. */
export async function setHqUserPassword(db: HqDb, actor: string, raw: { username: string; password: string }): Promise<HqUserState> {
  const input = checkHqInput(passwordSchema, raw);
  // Hashed before the transaction: scrypt takes a noticeable moment, no lock need wait for it.
  const passwordHash = await hashPassword(input.password);
  return hqWrite(db, actor, async (w) => {
    const user = await userOf(w, input.username);
    await w.trx.updateTable('hq_users').set({ password_hash: passwordHash }).where('username', '=', input.username).execute();
    // The password itself is never logged, nor its hash.
    await w.log('set_user_password', null, { username: input.username });
    return { username: input.username, name: user.name, disabled: user.disabled_at !== null };
  });
}
