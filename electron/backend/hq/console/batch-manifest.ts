import { z } from 'zod';
import { AppError } from '../../rpc/app-error';

/**
 * The files of a hand-over batch's manifest as the branch wrote it (archive-handover/manifest.ts).
 * Read leniently: only what the 签收 form shows; recordArchiveReceipt checks the loan numbers.
 */
const manifestFilesSchema = z.object({
  files: z.array(z.object({ loanNo: z.string().min(1), contractNo: z.string().catch(''), borrower: z.string().catch('') })).min(1),
  totals: z.object({ pages: z.number() }).partial().optional(),
});

export type ManifestFileLine = { loanNo: string; contractNo: string; borrower: string };

export function manifestFiles(text: string, batchNo: string): ManifestFileLine[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  const parsed = manifestFilesSchema.safeParse(json);
  if (!parsed.success) throw new AppError('BAD_MANIFEST', `批次 ${batchNo} 的移交清单无法读取，请与支行核对。`, `console: manifest of ${batchNo} does not parse`);
  return parsed.data.files;
}
