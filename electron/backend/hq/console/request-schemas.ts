import { z } from 'zod';
import { isBusinessDateInput } from '../../../shared/api/business-date';
import { AppError } from '../../rpc/app-error';
import { branchCodeSchema } from '../hq-inputs';

/** What every request may carry, checked before anything reads it. */
const csrf = z.string().max(200);

export const loginFormSchema = z
  .object({
    csrf,
    username: z.string().trim().min(1, '请输入用户名').max(32, '用户名最多 32 个字符'),
    password: z.string().min(1, '请输入密码').max(128, '密码最多 128 个字符'),
  })
  .strict();

export const logoutFormSchema = z.object({ csrf }).strict();

/** Pages that list every branch may be narrowed to one. */
export const branchFilterSchema = z.object({ branch: branchCodeSchema.optional() }).strict();

export const noQuerySchema = z.object({}).strict();

const batchNo = z.string().trim().min(1, '缺少批次号').max(50, '批次号最多 50 个字符');

export const receiptQuerySchema = z.object({ branch: branchCodeSchema, batch: batchNo }).strict();

/** A file's row in the 签收 form: r<i> its result, reason<i> the discrepancy (i: the file's place in the manifest). */
const FILE_FIELD = /^(r|reason)(\d{1,5})$/;

export const receiptFormSchema = z
  .object({
    csrf,
    branch: branchCodeSchema,
    batch: batchNo,
    receivedOn: z.string().refine(isBusinessDateInput, '签收日期应为 YYYY-MM-DD 的真实日期'),
  })
  .catchall(z.string().max(400, '差异说明太长'))
  .superRefine((form, ctx) => {
    for (const [key, value] of Object.entries(form)) {
      if (key === 'csrf' || key === 'branch' || key === 'batch' || key === 'receivedOn') continue;
      const m = FILE_FIELD.exec(key);
      if (!m) ctx.addIssue({ code: 'custom', message: '表单中有不认识的内容，请刷新页面后重试。', path: [key] });
      else if (m[1] === 'r' && value !== 'received' && value !== 'discrepancy') ctx.addIssue({ code: 'custom', message: '签收结果只能是签收或差异。', path: [key] });
    }
  });

export type ReceiptForm = z.infer<typeof receiptFormSchema>;

/** `schema` applied to a query string or a form, or a BAD_INPUT AppError with the first problem in Chinese. */
export function parseRequest<T>(schema: z.ZodType<T>, input: Record<string, string>): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  // zod's own words for a missing or unknown field are English: these come from a changed page or a hand-made request.
  const message = issue.code === 'unrecognized_keys' ? '请求中有不认识的参数。' : issue.code === 'invalid_type' ? '请求缺少必要的内容，请刷新页面后重试。' : issue.message;
  throw new AppError('BAD_INPUT', message, `console: bad request at ${issue.path.join('.')}: ${issue.message}`);
}

/** The query string's parameters (a parameter given twice keeps its last value; an empty one, as "全部支行" sends, is left out). */
export function queryOf(url: URL): Record<string, string> {
  return Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ''));
}
