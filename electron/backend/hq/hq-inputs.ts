import { z } from 'zod';
import { isBusinessDateInput } from '../../shared/api/business-date';
import { AppError } from '../rpc/app-error';

/** What head office's commands and console take, checked before anything runs. */
export const branchCodeSchema = z.string().trim().min(1, '机构号不能为空').max(20, '机构号最多 20 个字符');

export const archiveReceiptInputSchema = z
  .object({
    branch: branchCodeSchema,
    batchNo: z.string().trim().min(1, '批次号不能为空').max(50),
    received: z.array(z.string().trim().min(1).max(50)).max(5000),
    discrepancies: z.array(z.object({ loanNo: z.string().trim().min(1).max(50), reason: z.string().trim().min(1, '差异须写明原因').max(200, '差异说明最多 200 个字') })).max(5000),
    receivedOn: z.string().refine(isBusinessDateInput, '签收日期应为 YYYY-MM-DD 的真实日期').optional(),
  })
  .strict()
  .refine((r) => r.received.length + r.discrepancies.length > 0, { message: '请至少登记一份档案的签收结果' });

export const messageInputSchema = z
  .object({
    title: z.string().trim().min(1, '请填写通知标题').max(50, '通知标题最多 50 个字'),
    body: z.string().trim().min(1, '请填写通知内容').max(2000, '通知内容最多 2000 个字'),
  })
  .strict();

export type ArchiveReceiptRequest = z.infer<typeof archiveReceiptInputSchema>;

/** Parses `input` with `schema`, or refuses with the first problem in Chinese. */
export function checkHqInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AppError('BAD_INPUT', issue.message, `bad head-office input at ${issue.path.join('.')}: ${issue.message}`);
}
