import path from 'node:path';
import { ROLES, ROLE_LABELS, type Role } from '../../shared/domain';
import { callRpc, checkInput } from './call-rpc';
import { actingAs, AS_OPTION, CliUsageError, requireString, type CliCommand } from './command';
import { firstLineOfStdin } from './stdin-line';
import { withApp } from './with-database';

/**
 * `staff add --db <db> --username <u> --name <姓名> --role <role> [--password-stdin]`: a staff
 * member with a login. Without --password-stdin nobody knows the password: the CLI can act as
 * them (--as) and an admin sets one before they sign in.
 */
export const staffAddCommand: CliCommand = {
  words: ['staff', 'add'],
  summary: '新增员工账号（角色：clerk 内勤、manager 客户经理、reviewer 审查、head 支行长、admin 管理员）',
  usage: 'staff add --db <数据库文件> --username <用户名> --name <姓名> --role <clerk|manager|reviewer|head|admin> [--password-stdin] [--as <用户名>] [--json]',
  options: { db: { type: 'string' }, username: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, 'password-stdin': { type: 'boolean' }, ...AS_OPTION },
  async run(values) {
    const role = requireString(values, 'role').trim() as Role;
    if (!ROLES.includes(role)) throw new CliUsageError(`--role 应为 ${ROLES.join('、')} 之一：${role}`);
    const password = values['password-stdin'] === true ? await firstLineOfStdin() : undefined;
    const input = { username: requireString(values, 'username').trim(), displayName: requireString(values, 'name').trim(), role, password };
    checkInput('staff.create', input, { username: '--username', displayName: '--name', password: '--password-stdin' });
    const dbPath = path.resolve(requireString(values, 'db'));
    const as = actingAs(values);
    const user = await withApp(dbPath, 'existing', (app) => callRpc(app, as, 'staff.create', input));
    return {
      json: { id: user.id, username: user.username, name: user.displayName, role: user.role },
      text: `已新增员工 ${user.displayName}（用户名 ${user.username}，${ROLE_LABELS[role]}）。`,
      notices: password === undefined ? ['未设置密码：该员工可用于命令行 --as；登录软件前需由管理员在“设置”中为其设置密码。'] : [],
    };
  },
};
