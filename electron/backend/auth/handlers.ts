import { randomBytes } from 'node:crypto';
import type { authApi, SessionUser } from '../../shared/api/auth';
import { AppError } from '../rpc/app-error';
import type { HandlersFor } from '../rpc/handler-types';
import type { ReadDb } from '../db/read-db';
import type { Row } from '../db/schema';
import { asSessionUser } from './caller';
import { hashPassword, verifyPassword } from './password';
import { readSettings, writeSetting } from './settings';

const wrongLogin = (username: string) => new AppError('LOGIN_FAILED', '用户名或密码错误', `login failed for ${username}`);

/** Checked against when the username is unknown, so that a wrong username takes as long as a wrong password. */
let dummyHash: Promise<string> | null = null;

export function toSessionUser(row: Row<'staff'>): SessionUser {
  // The system actor has no login (a CHECK keeps its username and password null): never a session.
  if (row.role === 'system') throw new Error('the system actor has no session');
  return { id: row.id, username: row.username ?? '', displayName: row.display_name, role: row.role };
}

async function isInitialized(db: ReadDb): Promise<boolean> {
  const row = await db.selectFrom('staff').select('id').where('role', '=', 'admin').limit(1).executeTakeFirst();
  return row !== undefined;
}

async function assertUsernameFree(db: ReadDb, username: string, exceptStaffId?: string): Promise<void> {
  const taken = await db.selectFrom('staff').select('id').where('username', '=', username).executeTakeFirst();
  if (taken && taken.id !== exceptStaffId) throw new AppError('USERNAME_TAKEN', `用户名“${username}”已被使用`, `username ${username} taken`);
}

export const authHandlers: HandlersFor<typeof authApi> = {
  'setup.status': {
    access: 'public',
    run: async (_args, { app }) => {
      const settings = await readSettings(app.db);
      return {
        initialized: await isInitialized(app.db),
        branchCode: settings.branch_code ?? null,
        branchName: settings.branch_name ?? null,
      };
    },
  },

  'setup.init': {
    access: 'public',
    writes: true,
    run: async ({ branchCode, branchName, admin }, { write }) => {
      const passwordHash = await hashPassword(admin.password);
      return write(async (w) => {
        // Checked inside the write transaction so two first-run windows cannot both succeed.
        if (await isInitialized(w.trx)) {
          throw new AppError('ALREADY_INITIALIZED', '系统已经完成初始设置', 'setup already done');
        }
        await writeSetting(w, 'branch_code', branchCode);
        await writeSetting(w, 'branch_name', branchName);
        await assertUsernameFree(w.trx, admin.username);
        const row = await w.insert('staff', {
          username: admin.username,
          display_name: admin.displayName,
          role: 'admin',
          password_hash: passwordHash,
          active: 1,
        });
        return toSessionUser(row);
      });
    },
  },

  'auth.login': {
    access: 'public',
    run: async ({ username, password }, { app }) => {
      const attempt = await app.loginThrottle.attempt(username, async () => {
        const row = await app.db.selectFrom('staff').selectAll().where('username', '=', username).executeTakeFirst();
        const usable = row && row.password_hash && row.active === 1 ? row : null;
        const ok = await verifyPassword(password, usable?.password_hash ?? (await (dummyHash ??= hashPassword('unknown user'))));
        return usable && ok ? usable : null;
      });
      if (attempt.kind === 'wait') {
        throw new AppError('LOGIN_THROTTLED', `登录失败次数较多，请 ${attempt.seconds} 秒后再试。`, `login of ${username} refused unchecked: wait ${attempt.seconds} s`);
      }
      if (attempt.value === null) throw wrongLogin(username);
      const user = toSessionUser(attempt.value);
      return { token: app.sessions.create(user), user };
    },
  },

  'auth.logout': {
    access: 'signed-in',
    run: async (_args, { app, token }) => {
      app.sessions.revoke(token);
      return { ok: true };
    },
  },

  'auth.me': {
    access: 'signed-in',
    run: async (_args, { user }) => asSessionUser(user),
  },

  'staff.list': {
    access: 'signed-in',
    roles: ['admin', 'head', 'clerk'],
    run: async (_args, { app }) => {
      const rows = await app.db.selectFrom('staff').selectAll().where('role', '<>', 'system').orderBy('role').orderBy('display_name').execute();
      return rows.map((r) => ({ ...toSessionUser(r), active: r.active === 1, canLogin: r.password_hash !== null, phone: r.phone }));
    },
  },

  'staff.create': {
    access: 'signed-in',
    // The system actor too: `staff add` on a database made by the CLI, which has no admin yet.
    roles: ['admin', 'system'],
    writes: true,
    run: async ({ username, displayName, password, role }, { write }) => {
      const passwordHash = await hashPassword(password ?? randomBytes(24).toString('base64url'));
      return write(async (w) => {
        await assertUsernameFree(w.trx, username);
        const row = await w.insert('staff', {
          username,
          display_name: displayName,
          role,
          password_hash: passwordHash,
          active: 1,
        });
        return toSessionUser(row);
      });
    },
  },

  'staff.myPhone': {
    access: 'signed-in',
    run: async (_args, { app, user }) => {
      const row = await app.db.selectFrom('staff').select('phone').where('id', '=', user.id).executeTakeFirst();
      return { phone: row?.phone ?? '' };
    },
  },

  'staff.setPhone': {
    access: 'signed-in',
    writes: true,
    run: async ({ staffId, phone }, { user, write }) => {
      if (staffId !== user.id && !['admin', 'head'].includes(user.role)) {
        throw new AppError('FORBIDDEN', '只有支行长或管理员可以修改他人的电话。', `role ${user.role} may not set staff ${staffId}'s phone`);
      }
      return write(async (w) => {
        const before = await w.trx.selectFrom('staff').selectAll().where('id', '=', staffId).executeTakeFirst();
        if (!before || before.role === 'system') throw new AppError('NOT_FOUND', '找不到该人员', `staff ${staffId} not found`);
        const after = await w.update('staff', before, { phone });
        return { staffId, phone: after?.phone ?? before.phone };
      });
    },
  },

  'staff.setLogin': {
    access: 'signed-in',
    roles: ['admin'],
    writes: true,
    run: async ({ staffId, username, password }, { app, write }) => {
      const passwordHash = await hashPassword(password);
      const updated = await write(async (w) => {
        const before = await w.trx.selectFrom('staff').selectAll().where('id', '=', staffId).executeTakeFirst();
        // The built-in 系统 row stands for imports and scheduled work: nobody signs in as it.
        if (!before || before.role === 'system') throw new AppError('NOT_FOUND', '找不到该人员', `staff ${staffId} not found`);
        await assertUsernameFree(w.trx, username, staffId);
        const after = await w.update('staff', before, { username, password_hash: passwordHash });
        return toSessionUser(after ?? before);
      });
      // A new login or password ends the old sessions (someone may have known the old one).
      app.sessions.revokeUser(staffId);
      app.loginThrottle.succeeded(username);
      return updated;
    },
  },
};
