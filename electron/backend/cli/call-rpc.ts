import { randomUUID } from 'node:crypto';
import { api, type Api } from '../../shared/api';
import { WRITE_WAIT_SECONDS, WRITE_WAITING_EVENT, type CallEvent } from '../../shared/api/calls';
import type { InputOf, OutputOf } from '../../shared/api/contract';
import type { AppContext } from '../app-context';
import { AppError } from '../rpc/app-error';
import { dispatch } from '../rpc/dispatch';
import { sayNow } from './cli-stderr';
import { CliUsageError } from './command';

/**
 * The CLI as a transport of the dispatcher: the call is validated, role-checked and written as
 * the caller exactly as from the app. `as` is the `--as` username, or null for the system actor.
 */
export async function callRpc<K extends keyof Api>(app: AppContext, as: string | null, name: K, input: InputOf<Api[K]>): Promise<OutputOf<Api[K]>> {
  // A write that finds the app (or another CLI) writing waits for it: said at once, so that a long wait is understood.
  const sendEvent = ({ event }: CallEvent) => event === WRITE_WAITING_EVENT && sayNow(WAITING_NOTICE);
  const result = await dispatch(app, name, input, { cli: { as }, callId: randomUUID(), sendEvent });
  if (result.ok) return result.value as OutputOf<Api[K]>;
  const { code, message, details } = result.error;
  const hint = code === 'FORBIDDEN' && as === null ? '命令行未加 --as 时以“系统”身份操作；请用 --as <用户名> 指明有此权限的员工。' : '';
  throw new AppError(code, message + hint, `${name} failed: ${code}`, details);
}

export const WAITING_NOTICE = `另一个程序正在写入数据库，正在等它写完（最多 ${WRITE_WAIT_SECONDS} 秒）…`;

/**
 * Checks a call's input against its contract before the database is opened, so that a mistyped
 * option creates nothing; `flags` names, per input field, the option it came from (`--as-of 2026-02-30`).
 * The dispatcher checks the same schema again when the call is made.
 */
export function checkInput<K extends keyof Api>(name: K, input: InputOf<Api[K]>, flags: Partial<Record<string, string>>): void {
  const parsed = api[name].input.safeParse(input);
  if (parsed.success) return;
  const issue = parsed.error.issues[0];
  const flag = flags[String(issue.path[0] ?? '')];
  throw new CliUsageError(flag ? `${flag}：${issue.message}` : issue.message);
}
