import { z } from 'zod';
import { checkPhone, normalizePhone } from '../phone';
import { rpc } from './contract';
import { ROLES, type Role } from '../domain';
import { ORG_CODE_MESSAGE, ORG_CODE_PATTERN } from '../org-code';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

export interface SetupStatus {
  initialized: boolean;
  branchCode: string | null;
  branchName: string | null;
}

const username = z
  .string()
  .trim()
  .min(2, '用户名至少 2 个字符')
  .max(32, '用户名最多 32 个字符')
  .regex(/^[A-Za-z0-9_.-]+$/, '用户名只能包含字母、数字、下划线、点和短横线');
const password = z.string().min(8, '密码至少 8 位').max(128, '密码最多 128 位');
const displayName = z.string().trim().min(1, '请填写姓名').max(32, '姓名最多 32 个字符');

export const authApi = {
  'setup.status': rpc<SetupStatus>()(z.object({}).strict()),
  'setup.init': rpc<SessionUser>()(
    z
      .object({
        branchCode: z.string().trim().min(1, '请填写机构号').max(20, '机构号最多 20 个字符').regex(ORG_CODE_PATTERN, ORG_CODE_MESSAGE),
        branchName: z.string().trim().min(1, '请填写机构名称').max(50, '机构名称最多 50 个字符'),
        admin: z.object({ username, displayName, password }).strict(),
      })
      .strict(),
  ),
  'auth.login': rpc<{ token: string; user: SessionUser }>()(
    z.object({ username: z.string().trim().min(1, '请输入用户名').max(50), password: z.string().min(1, '请输入密码').max(128, '密码最多 128 个字符') }).strict(),
  ),
  'auth.logout': rpc<{ ok: true }>()(z.object({}).strict()),
  'auth.me': rpc<SessionUser>()(z.object({}).strict()),
  'staff.list': rpc<Array<SessionUser & { active: boolean; canLogin: boolean; phone: string }>>()(z.object({}).strict()),
  /** The phone borrowers are given for a staff member: the branch head or an admin for anyone, everyone for themselves. */
  /** The caller's own phone (the {客户经理电话} of their notices, cards and reminders); every role may read and set it. */
  'staff.myPhone': rpc<{ phone: string }>()(z.object({}).strict()),
  'staff.setPhone': rpc<{ staffId: string; phone: string }>()(
    z
      .object({
        staffId: z.string().min(1),
        phone: z
          .string()
          .transform((s) => (s.trim() === '' ? '' : normalizePhone(s)))
          .refine((s) => s === '' || checkPhone(s).ok, '电话号码无效，请填写手机号或带区号的座机号（如 0358-1234567）'),
      })
      .strict(),
  ),
  /**
   * A new staff member with a login (admins; the CLI's `staff add`). Without a password the login
   * gets a random one nobody knows: the CLI can act as them (--as) and an admin sets a password
   * (staff.setLogin) before they sign in to the app.
   */
  'staff.create': rpc<SessionUser>()(
    z.object({ username, displayName, password: password.optional(), role: z.enum(ROLES) }).strict(),
  ),
  /** Gives an existing staff member (e.g. an account manager named in an import) a login, or a new password. */
  'staff.setLogin': rpc<SessionUser>()(z.object({ staffId: z.string().min(1), username, password }).strict()),
};
