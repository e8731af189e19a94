import path from 'node:path';
import { AppError } from '../rpc/app-error';

/** What file-system errors mean, in Chinese; `{p}` is the path. */
const FILE_ERRORS: Record<string, string> = {
  ENOENT: '文件或文件夹不存在：{p}',
  EISDIR: '这是一个文件夹，不是文件：{p}',
  ENOTDIR: '路径中有一段不是文件夹：{p}',
  EACCES: '没有权限访问：{p}',
  EPERM: '没有权限访问：{p}',
  EROFS: '位置只读，无法写入：{p}',
  ENOSPC: '磁盘空间不足，无法写入：{p}',
  EEXIST: '文件已存在：{p}',
  EBUSY: '文件正被其他程序占用：{p}',
  ENAMETOOLONG: '路径太长：{p}',
};

/** What SQLite's errors on opening or using a database file mean, in Chinese. */
const SQLITE_ERRORS: Record<string, string> = {
  SQLITE_CANTOPEN: '无法打开数据库文件：{p}。请检查路径是否正确、是否有权限。',
  SQLITE_NOTADB: '这不是本程序的数据库文件，或文件已损坏：{p}',
  SQLITE_CORRUPT: '数据库文件已损坏：{p}。请用最近的备份恢复。',
  SQLITE_READONLY: '数据库文件只读，无法写入：{p}',
  SQLITE_PERM: '没有权限访问数据库文件：{p}',
  SQLITE_BUSY: '另一个程序正在写入数据库，请稍后再试：{p}',
  SQLITE_LOCKED: '另一个程序正在写入数据库，请稍后再试：{p}',
  SQLITE_FULL: '磁盘空间不足，无法写入数据库：{p}',
  SQLITE_IOERR: '读写数据库文件出错：{p}',
};

function codeOf(err: unknown): string | null {
  const code = err instanceof Error ? (err as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : null;
}

/**
 * A file-system or SQLite error as an AppError in Chinese naming `file` (or the path the error
 * names); null when the error is not one of those.
 */
export function fileProblem(err: unknown, file?: string): AppError | null {
  if (err instanceof AppError) return err;
  const code = codeOf(err);
  if (code === null) return null;
  const named = file ?? (err as { path?: unknown }).path;
  const where = typeof named === 'string' ? path.resolve(named) : '';
  // Extended SQLite codes (SQLITE_IOERR_SHORT_READ) mean what their primary code means.
  const sqlite = Object.keys(SQLITE_ERRORS).find((k) => code === k || code.startsWith(`${k}_`));
  const base = sqlite ? SQLITE_ERRORS[sqlite] : FILE_ERRORS[code];
  if (!base) return null;
  return new AppError(code, base.replace('{p}', where), err instanceof Error ? err.message : String(err));
}

/** Any error as the CLI says it: its own message when it is an AppError, else in Chinese, with the path. */
export function describeFailure(err: unknown): { code: string; message: string } {
  const known = fileProblem(err);
  if (known) return { code: known.code, message: known.userMessage };
  const detail = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: `操作失败，发生了意外错误。（技术信息：${detail}）` };
}

/** node:util parseArgs errors, said in Chinese. */
export function parseArgsProblem(err: unknown): string | null {
  const code = codeOf(err);
  if (code === null || !code.startsWith('ERR_PARSE_ARGS')) return null;
  const message = (err as Error).message;
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  const option = quoted.split(' ')[0];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `未知选项：${option}`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `多余的参数：${quoted}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return /does not take an argument/.test(message) ? `选项 ${option} 后面不应带值` : `选项 ${option} 后面缺少值`;
  }
  return `参数无法识别：${quoted}`;
}
