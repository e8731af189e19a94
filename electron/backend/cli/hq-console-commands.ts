import os from 'node:os';
import path from 'node:path';
import { startHqConsole, DEFAULT_CONSOLE_HOST, DEFAULT_CONSOLE_PORT, isLoopback } from '../hq/console/start-console';
import { assertReachable, openHqDb } from '../hq/hq-db';
import { loadHqKeys } from '../hq/hq-keys';
import { migrateHq } from '../hq/hq-migrator';
import { withHq } from '../hq/with-hq';
import { listHqUsers } from '../hq/hq-users';
import { addHqUser } from '../hq/writes/add-hq-user';
import { setHqUserDisabled, setHqUserPassword, type HqUserState } from '../hq/writes/hq-user-access';
import { CliUsageError, optionalInt, requireString, type CliCommand, type CliValues } from './command';
import { firstLineOfStdin } from './stdin-line';

/** Who head office's change log names for a user added from the command line. */
const CLI_ACTOR = '系统（命令行）';

/** `hq user add --pg <url> --username <u> --name <姓名> --password-stdin`: a head-office console login. */
export const hqUserAddCommand: CliCommand = {
  words: ['hq', 'user', 'add'],
  summary: '总行：添加总行控制台的登录用户（密码从标准输入读取）',
  usage: 'hq user add --pg <数据库地址> --username <用户名> --name <姓名> --password-stdin [--json]',
  options: { pg: { type: 'string' }, username: { type: 'string' }, name: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
  async run(values) {
    if (values['password-stdin'] !== true) throw new CliUsageError('请加 --password-stdin，并从标准输入提供密码（不要写在命令行上）');
    const username = requireString(values, 'username');
    const name = requireString(values, 'name');
    const url = requireString(values, 'pg');
    const password = await firstLineOfStdin();
    const user = await withHq(url, (conn) => addHqUser(conn.db, CLI_ACTOR, { username, name, password }));
    return { json: user, text: `已添加总行控制台用户 ${user.name}（用户名 ${user.username}）。` };
  },
};

const stateText = (u: HqUserState) => `${u.name}（用户名 ${u.username}）${u.disabled ? '：已停用' : ''}`;

/** `hq user disable|enable --pg <url> --username <u>`: stops a console login, or allows it again. */
function userSwitchCommand(word: 'disable' | 'enable'): CliCommand {
  const disabled = word === 'disable';
  return {
    words: ['hq', 'user', word],
    summary: disabled ? '总行：停用总行控制台的登录用户（其已登录的会话随即失效）' : '总行：重新启用已停用的总行控制台用户',
    usage: `hq user ${word} --pg <数据库地址> --username <用户名> [--json]`,
    options: { pg: { type: 'string' }, username: { type: 'string' } },
    async run(values) {
      const username = requireString(values, 'username');
      const url = requireString(values, 'pg');
      const user = await withHq(url, (conn) => setHqUserDisabled(conn.db, CLI_ACTOR, { username }, disabled));
      return { json: user, text: `${disabled ? '已停用' : '已启用'}总行控制台用户 ${user.name}（用户名 ${user.username}）。` };
    },
  };
}

export const hqUserDisableCommand = userSwitchCommand('disable');
export const hqUserEnableCommand = userSwitchCommand('enable');

/** `hq user password --pg <url> --username <u> --password-stdin`: a new password for a console login. */
export const hqUserPasswordCommand: CliCommand = {
  words: ['hq', 'user', 'password'],
  summary: '总行：重设总行控制台用户的密码（新密码从标准输入读取）',
  usage: 'hq user password --pg <数据库地址> --username <用户名> --password-stdin [--json]',
  options: { pg: { type: 'string' }, username: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
  async run(values) {
    if (values['password-stdin'] !== true) throw new CliUsageError('请加 --password-stdin，并从标准输入提供新密码（不要写在命令行上）');
    const username = requireString(values, 'username');
    const url = requireString(values, 'pg');
    const password = await firstLineOfStdin();
    const user = await withHq(url, (conn) => setHqUserPassword(conn.db, CLI_ACTOR, { username, password }));
    return { json: user, text: `已重设 ${stateText(user)} 的密码。` };
  },
};

/** `hq user list --pg <url>`: every console login and whether it is stopped. */
export const hqUserListCommand: CliCommand = {
  words: ['hq', 'user', 'list'],
  summary: '总行：列出总行控制台的登录用户',
  usage: 'hq user list --pg <数据库地址> [--json]',
  options: { pg: { type: 'string' } },
  async run(values) {
    const url = requireString(values, 'pg');
    const users = await withHq(url, (conn) => listHqUsers(conn.db));
    return { json: { users }, text: users.length === 0 ? '尚无总行控制台用户。' : users.map(stateText).join('\n') };
  },
};

function hostOf(values: CliValues): string {
  const host = values.host === undefined ? DEFAULT_CONSOLE_HOST : values.host;
  if (typeof host !== 'string' || !/^(localhost|[0-9.]{7,15}|[0-9a-fA-F:]{2,39})$/.test(host)) throw new CliUsageError(`--host 应为 127.0.0.1、0.0.0.0 或本机的一个内网地址：${String(host)}`);
  return host;
}

function portOf(values: CliValues): number {
  const port = optionalInt(values, 'port') ?? DEFAULT_CONSOLE_PORT;
  if (port < 0 || port > 65535) throw new CliUsageError(`--port 应为 0–65535 的整数：${port}`);
  return port;
}

/** Resolves at the first SIGINT (Ctrl+C) or SIGTERM. */
function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * `hq console --pg <url>`: head office's console in the browser, until Ctrl+C. Its address is
 * printed as soon as it listens (with --json: one line `{"url","host","port"}`); the command's own
 * result, printed when it stops, says so.
 */
export const hqConsoleCommand: CliCommand = {
  words: ['hq', 'console'],
  summary: '总行：启动总行控制台（浏览器访问；默认只在本机 127.0.0.1 监听，--host 0.0.0.0 或本机内网地址可供内网访问），运行至手动停止',
  usage: `hq console --pg <数据库地址> [--dir <总行目录>] [--host <监听地址，默认 ${DEFAULT_CONSOLE_HOST}>] [--port <端口，默认 ${DEFAULT_CONSOLE_PORT}>] [--json]`,
  options: { pg: { type: 'string' }, dir: { type: 'string' }, host: { type: 'string' }, port: { type: 'string' } },
  async run(values) {
    const url = requireString(values, 'pg');
    const host = hostOf(values);
    const port = portOf(values);
    const hqDir = typeof values.dir === 'string' && values.dir.trim() !== '' ? path.resolve(values.dir) : null;
    const keys = hqDir === null ? null : await loadHqKeys(hqDir);
    // The console's requests share a few connections; a report or a receipt holds one briefly.
    const conn = openHqDb(url, 8);
    try {
      await assertReachable(conn, url);
      await migrateHq(conn.db);
      const users = await conn.db.selectFrom('hq_users').select((eb) => eb.fn.countAll<number>().as('n')).where('disabled_at', 'is', null).executeTakeFirstOrThrow();
      const running = await startHqConsole({ db: conn.db, host, port, keys, hqDir });
      const stopped = untilStopped();
      const notices: string[] = [];
      if (host === '0.0.0.0') {
        const addresses = Object.values(os.networkInterfaces()).flatMap((list) => (list ?? []).filter((a) => a.family === 'IPv4' && !a.internal).map((a) => `http://${a.address}:${running.port}/`));
        if (addresses.length > 0) notices.push(`内网中的其他电脑可访问：${addresses.join('、')}`);
      }
      if (!isLoopback(host)) notices.push(`注意：控制台正在监听 ${host}，内网中的其他电脑都能打开登录页。请只在可信的内网中这样使用，并确保每个用户的密码足够长；通信未加密，不要经过互联网访问。`);
      if (Number(users.n) === 0) notices.push('尚无控制台用户：请先用 hq user add 添加，才能登录。');
      for (const n of notices) process.stderr.write(`${n}\n`);
      process.stdout.write(values.json === true ? `${JSON.stringify({ url: running.url, host, port: running.port })}\n` : `总行控制台已启动：${running.url}（按 Ctrl+C 停止）\n`);
      await stopped;
      await running.close();
      return { json: { stopped: true, url: running.url }, text: '总行控制台已停止。' };
    } finally {
      await conn.close();
    }
  },
};
