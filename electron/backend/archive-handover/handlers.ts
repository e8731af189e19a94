import type { archiveHandoverApi } from '../../shared/api/archive-handover';
import { ROLES, type StaffRole } from '../../shared/domain';
import { formatLocalDateTime } from '../../shared/local-time';
import { readSettings } from '../auth/settings';
import { organisationName, readLetterhead } from '../notice-templates/letterhead';
import { deliverPdf } from '../print/deliver-pdf';
import { recordPrint } from '../print/printed-document';
import { AppError } from '../rpc/app-error';
import type { HandlersFor } from '../rpc/handler-types';
import { assertNotReceived, batchFiles, matchResults, recordReceipt } from './apply-receipt';
import { archiveBatchLines, listArchiveBatches, readArchiveBatch } from './batches';
import { createBatch } from './create-batch';
import { readFolderLabels } from './folder-labels';
import { folderLabelsDocument } from './labels-html';
import { manifestFileName } from './manifest-file-name';
import { parseStoredManifest } from './manifest';
import { readReceiptFile } from './receipt-file';
import { archiveTransmittalHtml } from './transmittal-html';

/**
 * Who hands files over to head office and records its receipt: the back office (内勤), reviewers,
 * the branch head and admins. Account managers bring their files in through the clerk's desk,
 * so they do not make batches themselves. Not the CLI's system actor: the hand-over names a person.
 */
export const ARCHIVE_HANDOVER_ROLES: readonly StaffRole[] = ['clerk', 'reviewer', 'head', 'admin'];
const EVERYONE: readonly StaffRole[] = [...ROLES, 'system'];

export const ARCHIVE_TRANSMITTAL_KIND = 'archive-transmittal';
export const ARCHIVE_LABELS_KIND = 'archive-labels';

export const archiveHandoverHandlers: HandlersFor<typeof archiveHandoverApi> = {
  'archiveBatches.list': { access: 'signed-in', roles: EVERYONE, run: async (_args, { app }) => listArchiveBatches(app.db) },

  'archiveBatches.lines': { access: 'signed-in', roles: EVERYONE, run: async ({ batchId }, { app }) => archiveBatchLines(app.db, batchId) },

  'archiveBatches.create': {
    access: 'signed-in',
    roles: ARCHIVE_HANDOVER_ROLES,
    writes: true,
    run: async (input, { app, write }) => {
      const settings = await readSettings(app.db);
      return write((w) => createBatch(w, input, settings));
    },
  },

  'archiveBatches.manifest': {
    access: 'signed-in',
    roles: EVERYONE,
    run: async ({ batchId }, { app }) => {
      const batch = await readArchiveBatch(app.db, batchId);
      return {
        fileName: manifestFileName(batch.batch_no),
        mimeType: 'application/json',
        contentBase64: Buffer.from(batch.manifest, 'utf8').toString('base64'),
        sha256: batch.sha256,
      };
    },
  },

  'archiveBatches.printTransmittal': {
    access: 'signed-in',
    roles: EVERYONE,
    writes: true,
    run: async ({ batchId, deliver }, { app, signal, write }) => {
      const batch = await readArchiveBatch(app.db, batchId);
      const manifest = parseStoredManifest(batch.manifest);
      const letterhead = await readLetterhead(app.db);
      const earlier = await app.db
        .selectFrom('printed_documents')
        .select('id')
        .where('kind', '=', ARCHIVE_TRANSMITTAL_KIND)
        .where('doc_no', '=', batch.batch_no)
        .executeTakeFirst();
      const reprint = earlier !== undefined;
      signal.throwIfAborted();
      const { html, options } = archiveTransmittalHtml({
        organisation: organisationName(letterhead),
        manifest,
        staffName: batch.staff_name ?? '',
        printedAt: formatLocalDateTime(new Date()),
        reprint,
      });
      const pdf = await app.pdf().renderPdf(html, options, signal);
      await write((w) =>
        recordPrint(w, {
          kind: ARCHIVE_TRANSMITTAL_KIND,
          // The first print carries the batch number; reprints name it in the title only ((kind, doc_no) is unique).
          docNo: reprint ? null : batch.batch_no,
          title: `${batch.batch_no} 信贷档案移交清单${reprint ? '（重印）' : ''}`,
          figures: { batchNo: batch.batch_no, sha256: batch.sha256, ...manifest.totals },
          pdf,
        }),
      );
      return deliverPdf(app, pdf, `${batch.batch_no}档案移交清单.pdf`, deliver);
    },
  },

  'archiveBatches.applyReceipt': {
    access: 'signed-in',
    roles: ARCHIVE_HANDOVER_ROLES,
    writes: true,
    run: async ({ text }, { app, write }) => {
      const receipt = readReceiptFile(text);
      const settings = await readSettings(app.db);
      const ours = settings.branch_code ?? '';
      if (receipt.manifest.branch.code !== ours) {
        throw new AppError(
          'OTHER_BRANCH',
          `这是其他机构的回执（${receipt.manifest.branch.name || '未写机构名称'}，机构代码 ${receipt.manifest.branch.code || '空'}），本机构代码为 ${ours || '空'}，不予登记。`,
          `archive receipt: branch ${receipt.manifest.branch.code}, ours ${ours}`,
        );
      }
      return write(async (w) => {
        const batchNo = receipt.manifest.batch.no;
        const batch = await w.trx.selectFrom('archive_batches').selectAll().where('batch_no', '=', batchNo).executeTakeFirst();
        if (!batch) throw new AppError('NOT_FOUND', `本机构没有编号为 ${batchNo} 的档案移交批次，回执不予登记。`, `archive receipt: no batch ${batchNo}`);
        if (batch.sha256 !== receipt.manifest.sha256) {
          throw new AppError(
            'MANIFEST_MISMATCH',
            `回执中的移交清单与本机构发出的批次 ${batchNo} 不一致（校验码不同），回执不予登记。`,
            `archive receipt: batch ${batchNo} was sent with ${batch.sha256}, receipt has ${receipt.manifest.sha256}`,
          );
        }
        assertNotReceived(batch);
        const files = await batchFiles(w, batch);
        const matched = matchResults(
          batch,
          files,
          receipt.results.map((r) => ({ ...r, key: r.loanNo })),
          (f) => f.loan_no,
          true,
        );
        return recordReceipt(w, batch, matched, { receivedBy: receipt.receivedBy, receivedOn: receipt.receivedOn, source: 'file' });
      });
    },
  },

  'archiveBatches.receiptByHand': {
    access: 'signed-in',
    roles: ARCHIVE_HANDOVER_ROLES,
    writes: true,
    run: async ({ batchId, receivedBy, receivedOn, results }, { write }) =>
      write(async (w) => {
        const batch = await w.trx.selectFrom('archive_batches').selectAll().where('id', '=', batchId).executeTakeFirst();
        if (!batch) throw new AppError('NOT_FOUND', '找不到这个档案移交批次，请刷新后重试。', `archive receipt: batch ${batchId} not found`);
        assertNotReceived(batch);
        const files = await batchFiles(w, batch);
        const matched = matchResults(
          batch,
          files,
          results.map((r) => ({ ...r, key: r.fileId })),
          (f) => f.id,
          false,
        );
        return recordReceipt(w, batch, matched, { receivedBy, receivedOn, source: 'hand' });
      }),
  },

  'archives.printLabels': {
    access: 'signed-in',
    roles: EVERYONE,
    writes: true,
    run: async ({ fileIds, deliver }, { app, signal, write }) => {
      const labels = await readFolderLabels(app.db, fileIds);
      signal.throwIfAborted();
      const { html, options } = folderLabelsDocument(labels);
      const pdf = await app.pdf().renderPdf(html, options, signal);
      await write((w) =>
        recordPrint(w, {
          kind: ARCHIVE_LABELS_KIND,
          docNo: null,
          title: `档案盒标签 ${labels.length} 张`,
          figures: { labels: labels.length, loanNos: labels.map((l) => l.loanNo) },
          pdf,
        }),
      );
      return deliverPdf(app, pdf, `档案盒标签（${labels.length}张）.pdf`, deliver);
    },
  },
};
