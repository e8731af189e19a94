import { RpcCallError } from '../api/client';

/** The message to show for an error from `call()`; backend messages are already Chinese. */
export function errorMessage(err: unknown): string {
  if (err instanceof RpcCallError) return err.message;
  return '操作失败，请重试。';
}

/**
 * Per-field messages from a VALIDATION error: the dispatcher sends the schema issues as
 * `details` ([{ path: ['admin', 'password'], message: '密码至少 8 位' }, …]); keyed "admin.password".
 */
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(err instanceof RpcCallError) || err.code !== 'VALIDATION' || !Array.isArray(err.details)) return out;
  for (const issue of err.details as unknown[]) {
    if (!issue || typeof issue !== 'object') continue;
    const { path, message } = issue as { path?: unknown; message?: unknown };
    if (!Array.isArray(path) || typeof message !== 'string') continue;
    const key = path.map(String).join('.');
    if (key && !(key in out)) out[key] = message;
  }
  return out;
}

/** A failed form submit: messages for the fields they belong to, and one line for the whole form. */
export function formErrors(err: unknown): { fields: Record<string, string>; message: string } {
  const fields = fieldErrors(err);
  return { fields, message: Object.keys(fields).length > 0 ? '请按提示修改标红的项目。' : errorMessage(err) };
}
