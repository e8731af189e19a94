import { z } from 'zod';
import { rpc } from './contract';
import { businessDate } from './business-date';
import { limitedText } from './limited-text';
import type { FileDownload, PrintOutcome } from './register';
import type { ArchiveStatus } from '../archive';
import { ARCHIVE_BULK_MAX } from './archives';

/**
 * Hand-over of reviewed loan files to the head-office archive: numbered batches
 * (`白文支行档移〔2026〕第001号`, per year without gaps), the printed transmittal list (移交清单),
 * the manifest file for head office (JSON with the SHA-256 of its canonical content) and head
 * office's receipt (received or discrepancy per file), from the manifest sent back or by hand.
 * Folder labels (a Code 128 of the loan number) are printed here too.
 */

export interface ArchiveBatchView {
  id: string;
  batchNo: string;
  handedOn: string;
  files: number;
  documents: number;
  pages: number;
  sha256: string;
  status: 'sent' | 'received';
  receivedOn: string | null;
  receivedBy: string;
  receiptSource: 'file' | 'hand' | 'sync' | null;
  receivedFiles: number;
  discrepancyFiles: number;
  /** 移交人: who made the batch. */
  staffName: string;
  createdAt: number;
}

/** One file of a batch, as the manifest lists it, with where it is now. */
export interface ArchiveBatchLine {
  fileId: string;
  loanNo: string;
  borrower: string;
  documents: Array<{ name: string; pages: number | null }>;
  pages: number;
  status: ArchiveStatus;
  statusNote: string;
}

export interface ArchiveBatchOutcome {
  batchId: string;
  batchNo: string;
  files: number;
  documents: number;
  pages: number;
  sha256: string;
}

export interface ArchiveReceiptOutcome {
  batchId: string;
  batchNo: string;
  received: number;
  discrepancies: number;
}

/** A receipt file's size limit (a batch of 2,000 files is well under it). */
export const RECEIPT_MAX_CHARS = 20_000_000;

const id = z.string().min(1).max(100);

export const archiveHandoverApi = {
  'archiveBatches.list': rpc<ArchiveBatchView[]>()(z.object({}).strict()),
  'archiveBatches.lines': rpc<ArchiveBatchLine[]>()(z.object({ batchId: id }).strict()),
  /** Reviewed files (已审查) → one new batch (已移交); refused, changing nothing, when any file is not reviewed. */
  'archiveBatches.create': rpc<ArchiveBatchOutcome>()(
    z
      .object({
        fileIds: z
          .array(id)
          .min(1, '请至少选择一份档案')
          .max(ARCHIVE_BULK_MAX, `一批最多移交 ${ARCHIVE_BULK_MAX} 份档案`)
          .refine((ids) => new Set(ids).size === ids.length, '档案不能重复'),
        /** Absent: today. */
        handedOn: businessDate.optional(),
      })
      .strict(),
  ),
  /** The transmittal list (移交清单) from the batch as stored; each print is recorded. */
  'archiveBatches.printTransmittal': rpc<PrintOutcome>()(z.object({ batchId: id, deliver: z.enum(['file', 'preview']).default('file') }).strict()),
  /** The manifest for head office, exactly as written when the batch was made. */
  'archiveBatches.manifest': rpc<FileDownload & { sha256: string }>()(z.object({ batchId: id }).strict()),
  /** Head office's receipt file (its text): applied whole, or refused with nothing changed. */
  'archiveBatches.applyReceipt': rpc<ArchiveReceiptOutcome>()(
    z.object({ text: z.string().min(1, '回执文件是空的').max(RECEIPT_MAX_CHARS, '回执文件过大') }).strict(),
  ),
  /** Head office's receipt entered by hand: every file of the batch, received or with a discrepancy and its reason. */
  'archiveBatches.receiptByHand': rpc<ArchiveReceiptOutcome>()(
    z
      .object({
        batchId: id,
        receivedBy: z.string().trim().min(1, '请填写总行签收人').max(50, '签收人最多 50 个字'),
        receivedOn: businessDate,
        results: z
          .array(
            z
              .object({ fileId: id, status: z.enum(['received', 'discrepancy']), reason: limitedText(200).default('') })
              .strict()
              .refine((r) => r.status === 'received' || r.reason !== '', { message: '有差异的档案请写明差异', path: ['reason'] }),
          )
          .min(1)
          .max(ARCHIVE_BULK_MAX),
      })
      .strict(),
  ),
  /** Folder labels (borrower, loan number, village, Code 128 of the loan number), several to an A4 sheet; each print recorded. */
  'archives.printLabels': rpc<PrintOutcome>()(
    z
      .object({
        fileIds: z.array(id).min(1, '请至少选择一份档案').max(ARCHIVE_BULK_MAX, `一次最多打印 ${ARCHIVE_BULK_MAX} 张标签`),
        deliver: z.enum(['file', 'preview']).default('file'),
      })
      .strict(),
  ),
};
