import { hashPassword, verifyPassword } from '../../auth/password';
import { LoginThrottle } from '../../auth/login-throttle';
import { AppError } from '../../rpc/app-error';
import type { HqDb } from '../hq-db';

export interface ConsoleUser {
  username: string;
  name: string;
}

/** Checks console logins against hq_users, slowed as the branch's logins are (auth/login-throttle.ts). */
export class ConsoleSignIn {
  private readonly throttle = new LoginThrottle();
  /** Checked when the username is unknown, so that the answer takes as long as for a known one. */
  private readonly decoy = hashPassword('decoy password nobody has');

  constructor(private readonly db: HqDb) {}

  /** The user, or an AppError in Chinese: wrong username or password (not saying which), or wait. */
  async signIn(username: string, password: string): Promise<ConsoleUser> {
    const attempt = await this.throttle.attempt(username, async () => {
      const user = await this.db.selectFrom('hq_users').select(['username', 'name', 'password_hash', 'disabled_at']).where('username', '=', username).executeTakeFirst();
      const ok = await verifyPassword(password, user?.password_hash ?? (await this.decoy));
      return user && ok && user.disabled_at === null ? { username: user.username, name: user.name } : null;
    });
    if (attempt.kind === 'wait') throw new AppError('LOGIN_THROTTLED', `登录失败次数过多，请 ${attempt.seconds} 秒后再试。`, `console: login of ${username} throttled`);
    if (attempt.value === null) throw new AppError('BAD_LOGIN', '用户名或密码错误。', `console: failed login of ${username}`);
    return attempt.value;
  }

  /** The signed-in user as the database has them now: null once removed or disabled. */
  async current(username: string): Promise<ConsoleUser | null> {
    const user = await this.db.selectFrom('hq_users').select(['username', 'name']).where('username', '=', username).where('disabled_at', 'is', null).executeTakeFirst();
    return user ?? null;
  }
}
