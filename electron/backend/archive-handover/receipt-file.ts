import { z } from 'zod';
import { isBusinessDateInput } from '../../shared/api/business-date';
import { AppError } from '../rpc/app-error';
import { manifestDigest, manifestSchema, type ArchiveManifest } from './manifest';

export type ReceiptStatus = 'received' | 'discrepancy';

export interface ReceiptFile {
  manifest: ArchiveManifest;
  results: Array<{ loanNo: string; status: ReceiptStatus; reason: string }>;
  receivedBy: string;
  receivedOn: string;
}

/** Head office's receipt: the manifest as sent, a result per file, who signed and when. */
const receiptSchema = z.object({
  manifest: manifestSchema,
  results: z
    .array(
      z.object({
        loanNo: z.string().trim().min(1),
        status: z.enum(['received', 'discrepancy']),
        reason: z.string().trim().max(200).optional(),
      }),
    )
    .min(1),
  receivedBy: z.string().trim().min(1).max(50),
  receivedOn: z.string().refine(isBusinessDateInput),
});

const FIELD_NAMES: Record<string, string> = {
  manifest: '移交清单（manifest）',
  results: '签收结果（results）',
  receivedBy: '签收人（receivedBy）',
  receivedOn: '签收日期（receivedOn）',
};

/** Where in the file the first problem is, in words a clerk can pass on to head office. */
function shapeProblem(issue: z.core.$ZodIssue): string {
  const [top, ...rest] = issue.path.map(String);
  if (top === 'manifest' && (rest[0] === 'format' || rest[0] === 'formatVersion')) return '回执中的移交清单不是本系统生成的档案移交清单。';
  if (top === 'receivedOn' && issue.code === 'custom') return '回执的签收日期（receivedOn）应为 YYYY-MM-DD 的真实日期。';
  if (top === 'results' && rest[2] === 'reason' && issue.code === 'too_big') return `第 ${Number(rest[0]) + 1} 条签收结果的差异说明（reason）最多 200 个字。`;
  const where =
    top === 'results' && rest.length > 0
      ? `第 ${Number(rest[0]) + 1} 条签收结果${rest.length > 1 ? `的 ${rest.slice(1).join('.')}` : ''}`
      : `${FIELD_NAMES[top] ?? '内容'}${rest.length > 0 ? `的 ${rest.join('.')}` : ''}`;
  return `回执文件的格式不对：${where} 缺少或不正确。`;
}

/**
 * Reads a receipt file's text: JSON of the agreed shape, whose manifest still hashes to its
 * `sha256` (not changed since this branch wrote it). Refuses, naming the problem, otherwise.
 * Nothing here reads the database: which batch and branch it is for is checked by the caller.
 */
export function readReceiptFile(text: string): ReceiptFile {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch {
    throw new AppError('INVALID_RECEIPT', '回执文件不是有效的 JSON 文件，请确认选对了总行返回的回执文件。', 'archive receipt: not JSON');
  }
  const parsed = receiptSchema.safeParse(json);
  if (!parsed.success) throw new AppError('INVALID_RECEIPT', shapeProblem(parsed.error.issues[0]), `archive receipt: bad shape at ${parsed.error.issues[0].path.join('.')}`);
  // The hash is over the manifest as it is in the file, with any field the schema does not know.
  const digest = manifestDigest((json as { manifest: Record<string, unknown> }).manifest);
  if (digest !== parsed.data.manifest.sha256) {
    throw new AppError(
      'MANIFEST_TAMPERED',
      `回执中的移交清单与其校验码（SHA-256）不符，清单内容在发出后被改动过，回执不予登记。请联系总行档案室重新出具回执。`,
      `archive receipt: manifest hashes to ${digest}, says ${parsed.data.manifest.sha256}`,
    );
  }
  const { manifest, results, receivedBy, receivedOn } = parsed.data;
  return {
    manifest: manifest as ArchiveManifest,
    results: results.map((r) => ({ loanNo: r.loanNo, status: r.status, reason: r.reason ?? '' })),
    receivedBy,
    receivedOn,
  };
}
