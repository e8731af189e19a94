import type { IncomingMessage } from 'node:http';
import { AppError } from '../../rpc/app-error';

/** A receipt for a batch of a few thousand files, each with a reason, fits well within this. */
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_FIELDS = 12_000;

/** The fields of a urlencoded form POST (a field given twice keeps its last value). */
export async function readForm(req: IncomingMessage): Promise<Record<string, string>> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') throw new AppError('BAD_INPUT', '请通过页面上的表单提交。', `console: form of type ${type || '(none)'}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new AppError('BAD_INPUT', '提交的内容太大。', `console: form over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  let n = 0;
  for (const [key, value] of params) {
    if (++n > MAX_FIELDS) throw new AppError('BAD_INPUT', '提交的内容太多。', `console: form with over ${MAX_FIELDS} fields`);
    fields[key] = value;
  }
  return fields;
}
