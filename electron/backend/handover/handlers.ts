import type { handoverApi } from '../../shared/api/handover';
import { ROLES, type StaffRole } from '../../shared/domain';
import { formatLocalDateTime } from '../../shared/local-time';
import { readSettings } from '../auth/settings';
import type { HandlersFor } from '../rpc/handler-types';
import { batchLines, listBatches, readBatch, TRANSMITTAL_KIND } from './batches';
import { handOver, returnLoan } from './hand-over';
import { recordPrint } from '../print/printed-document';
import { transmittalHtml } from './transmittal-html';

/** Who hands loans over to the risk-asset unit and takes them back: the branch head and admins (and the CLI's system actor). */
export const HANDOVER_ROLES: readonly StaffRole[] = ['head', 'admin', 'system'];

export const handoverHandlers: HandlersFor<typeof handoverApi> = {
  'handover.handOver': {
    access: 'signed-in',
    roles: HANDOVER_ROLES,
    writes: true,
    run: async (input, { app, write }) => {
      const settings = await readSettings(app.db);
      return write((w) => handOver(w, input, settings.branch_name));
    },
  },

  'handover.return': {
    access: 'signed-in',
    roles: HANDOVER_ROLES,
    writes: true,
    run: async ({ loanId, batchId, returnedOn, reason }, { write }) => write((w) => returnLoan(w, loanId, batchId, returnedOn, reason)),
  },

  'handover.batches': {
    access: 'signed-in',
    roles: [...ROLES, 'system'],
    run: async (_args, { app }) => listBatches(app.db),
  },

  'handover.lines': {
    access: 'signed-in',
    roles: [...ROLES, 'system'],
    run: async ({ batchId }, { app }) => {
      await readBatch(app.db, batchId);
      return batchLines(app.db, batchId);
    },
  },

  'handover.printTransmittal': {
    access: 'signed-in',
    roles: [...ROLES, 'system'],
    writes: true,
    run: async ({ batchId, deliver }, { app, signal, write }) => {
      const batch = await readBatch(app.db, batchId);
      const lines = await batchLines(app.db, batchId);
      const settings = await readSettings(app.db);
      const earlier = await app.db
        .selectFrom('printed_documents')
        .select('id')
        .where('kind', '=', TRANSMITTAL_KIND)
        .where('doc_no', '=', batch.batch_no)
        .executeTakeFirst();
      const reprint = earlier !== undefined;
      signal.throwIfAborted();
      const { html, options } = transmittalHtml({
        branchName: settings.branch_name ?? '',
        batchNo: batch.batch_no,
        handedOn: batch.handed_on,
        receiver: batch.receiver,
        note: batch.note,
        staffName: batch.staff_name ?? '',
        loans: batch.loans,
        balanceFen: batch.balance_fen,
        interestOwedFen: batch.interest_owed_fen,
        lines,
        printedAt: formatLocalDateTime(new Date()),
        reprint,
      });
      const pdf = await app.pdf().renderPdf(html, options, signal);
      await write((w) =>
        recordPrint(w, {
          kind: TRANSMITTAL_KIND,
          // The first print carries the batch number; reprints name it in the title only ((kind, doc_no) is unique).
          docNo: reprint ? null : batch.batch_no,
          title: `${batch.batch_no} 移交清单${reprint ? '（重印）' : ''}`,
          figures: { batchNo: batch.batch_no, loans: batch.loans, balanceFen: batch.balance_fen, interestOwedFen: batch.interest_owed_fen, lines: lines.length },
          pdf,
        }),
      );
      const fileName = `${batch.batch_no}移交清单.pdf`;
      if (deliver === 'preview' && app.viewDocument) {
        await app.viewDocument(pdf, fileName);
        return { kind: 'preview', fileName };
      }
      return { kind: 'file', file: { fileName, mimeType: 'application/pdf', contentBase64: Buffer.from(pdf).toString('base64') } };
    },
  },
};
