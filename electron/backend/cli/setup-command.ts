import path from 'node:path';
import { callRpc, checkInput } from './call-rpc';
import { CliUsageError, requireString, type CliCommand } from './command';
import { firstLineOfStdin } from './stdin-line';
import { withApp } from './with-database';

const DEFAULT_ADMIN_NAME = '系统管理员';

/**
 * `setup --db <db> --branch-code <code> --branch-name <name> --admin <username> --password-stdin`:
 * the first-run setup the app's 初始设置 page does (the branch and its administrator), for a
 * database prepared by script. Refused on a database that has one (ALREADY_INITIALIZED).
 */
export const setupCommand: CliCommand = {
  words: ['setup'],
  summary: '初始设置：机构号、机构名称和管理员账号（密码从标准输入读取）；已设置过的数据库拒绝',
  usage: 'setup --db <数据库文件> --branch-code <机构号> --branch-name <机构名称> --admin <用户名> [--admin-name <姓名>] --password-stdin [--json]',
  options: {
    db: { type: 'string' },
    'branch-code': { type: 'string' },
    'branch-name': { type: 'string' },
    admin: { type: 'string' },
    'admin-name': { type: 'string' },
    'password-stdin': { type: 'boolean' },
  },
  async run(values) {
    if (values['password-stdin'] !== true) throw new CliUsageError('请加 --password-stdin，并从标准输入提供管理员密码（不要写在命令行上）');
    const displayName = typeof values['admin-name'] === 'string' ? values['admin-name'].trim() : DEFAULT_ADMIN_NAME;
    const admin = { username: requireString(values, 'admin').trim(), displayName, password: '' };
    const input = { branchCode: requireString(values, 'branch-code').trim(), branchName: requireString(values, 'branch-name').trim(), admin };
    const dbPath = path.resolve(requireString(values, 'db'));
    admin.password = await firstLineOfStdin();
    checkInput('setup.init', input, { branchCode: '--branch-code', branchName: '--branch-name', admin: '--admin / --admin-name / --password-stdin' });
    const user = await withApp(dbPath, 'create', (app) => callRpc(app, null, 'setup.init', input));
    return {
      json: { branchCode: input.branchCode, branchName: input.branchName, admin: { id: user.id, username: user.username, name: user.displayName, role: user.role } },
      text: `已完成初始设置：${input.branchName}（机构号 ${input.branchCode}），管理员 ${user.displayName}（用户名 ${user.username}）。`,
    };
  },
};
