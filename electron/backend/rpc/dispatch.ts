import { z } from 'zod';
import { api } from '../../shared/api';
import { WRITE_WAITING_EVENT } from '../../shared/api/calls';
import type { RpcError, RpcResult } from '../../shared/api/contract';
import type { AppContext } from '../app-context';
import { staffCaller, SYSTEM_CALLER, type Caller } from '../auth/caller';
import { currentUser } from '../auth/current-user';
import { withCallScope, type CallOrigin } from '../calls/call-scope';
import { actorOf, SYSTEM_ACTOR } from '../changelog/actor';
import { writerAs } from '../changelog/write-context';
import { AppError } from './app-error';
import { readBesideWrites } from '../db/reads-beside-writes';
import { SqliteError } from '../db/sqlite-error';
import { ROLES, type StaffRole } from '../../shared/domain';
import type { CallContext } from './handler-types';
import { handlers } from './handlers';
import { log } from '../log';

z.config(z.locales.zhCN());

export interface CallMeta extends CallOrigin {
  /** Session token the transport received with the call (IPC or HTTP). */
  token?: string | null;
  /**
   * Set by the CLI only (it has no session): the caller is the staff member named by `--as`, or
   * the system actor when `as` is null. IPC and HTTP never set it.
   */
  cli?: { as: string | null };
}

/**
 * The single entry point both transports use: look up an own method name, validate the
 * input against its schema, check the caller's access, run, and map any error to
 * `{code, message}` with the message in Chinese.
 */
export async function dispatch(app: AppContext, name: string, rawArgs: unknown, meta: CallMeta = {}): Promise<RpcResult<unknown>> {
  try {
    if (typeof name !== 'string' || !Object.hasOwn(handlers, name) || !Object.hasOwn(api, name)) {
      throw new AppError('UNKNOWN_METHOD', '不支持的操作', `unknown method ${JSON.stringify(name)}`);
    }
    const method = name as keyof typeof handlers;
    const contract = api[method];
    const handler = handlers[method];

    // Who calls first: input from someone who may not call is not even looked at.
    const token = meta.token ?? null;
    // The CLI runs one call at a time: nothing to read beside, and a second connection costs it time.
    const reading = meta.cli ? <T>(fn: () => Promise<T>) => fn() : readBesideWrites;
    const user = await reading(() => callerOf(app, handler.access, token, meta.cli));
    checkAccess(handler, user?.role ?? null);

    const parsed = contract.input.safeParse(rawArgs ?? {});
    if (!parsed.success) {
      throw new AppError('VALIDATION', `输入有误：${describeIssues(parsed.error)}`, `invalid input for ${name}: ${parsed.error.message}`, parsed.error.issues);
    }
    const value = await withCallScope(app, token, meta, (scope) => {
      const actor = user ? actorOf(user) : SYSTEM_ACTOR;
      const onLockWait = () => scope.emit(WRITE_WAITING_EVENT, {});
      const ctx: CallContext = { app, user, token, ...scope, ...(handler.writes ? { write: writerAs(app.db, actor, { signal: scope.signal, onLockWait }) } : {}) };
      const run = () => (handler.run as (args: unknown, ctx: CallContext) => Promise<unknown>)(parsed.data, ctx);
      // A call that only reads does not wait behind this app's writes (an import's long commit).
      return handler.writes ? run() : reading(run);
    });
    return { ok: true, value };
  } catch (err) {
    // The app closing under a call (the window quits, a test ends) is no internal error.
    const cause = !(err instanceof AppError) && app.isClosing() ? closingError(name, err) : err;
    return { ok: false, error: toRpcError(cause, name) };
  }
}

function closingError(name: string, err: unknown): AppError {
  return new AppError('APP_CLOSING', '程序正在关闭，操作未完成。', `${name} interrupted: the app is closing (${err instanceof Error ? err.message : String(err)})`);
}

/**
 * The CLI names its caller (`--as`, or the system actor); public calls (sign-in, setup) and
 * `session` ones (calls.cancel: a read would wait for a running write) need no staff lookup;
 * every other call gets the session's staff member as they are now.
 */
async function callerOf(app: AppContext, access: string, token: string | null, cli: CallMeta['cli']): Promise<Caller | null> {
  if (cli) return cli.as === null ? SYSTEM_CALLER : staffCaller(app.db, cli.as);
  return access === 'public' || access === 'session' ? app.sessions.resolve(token) : currentUser(app, token);
}

/** Without a `roles` list any signed-in role may call; the system actor only where a list names it. */
function checkAccess(handler: { access: string; roles?: readonly StaffRole[] }, role: StaffRole | null): void {
  if (handler.access === 'public') return;
  if (role === null) throw new AppError('NOT_SIGNED_IN', '请先登录', 'no valid session');
  const roles: readonly StaffRole[] = handler.roles ?? ROLES;
  if (!roles.includes(role)) {
    throw new AppError('FORBIDDEN', '您的角色无权执行此操作', `role ${role} not in ${roles.join(',')}`);
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}：${i.message}` : i.message))
    .join('；');
}

function toRpcError(err: unknown, name: string): RpcError {
  if (err instanceof AppError) {
    log.warn(`rpc ${name}: ${err.code}: ${err.message}`);
    return { code: err.code, message: err.userMessage, ...(err.details === undefined ? {} : { details: err.details }) };
  }
  // Another program (the CLI importing) held the write lock for longer than the busy timeout.
  if (err instanceof SqliteError && (err.code === 'SQLITE_BUSY' || err.code === 'SQLITE_LOCKED')) {
    log.warn(`rpc ${name}: DB_BUSY: ${err.message}`);
    return { code: 'DB_BUSY', message: '另一个程序正在写入数据库（例如命令行导入），本次操作未完成。请等它写完后再试。' };
  }
  log.error(`rpc ${name} failed`, err);
  return { code: 'INTERNAL', message: '系统内部错误，操作未完成。请重试，若仍失败请联系管理员。' };
}
