import type { archivesApi } from '../../shared/api/archives';
import { todayLocal } from '../../shared/dates';
import { ROLES, type StaffRole } from '../../shared/domain';
import type { HandlersFor } from '../rpc/handler-types';
import { AppError } from '../rpc/app-error';
import { readTransaction } from '../db/read-db';
import { fillDocuments, setDocuments } from './checklist';
import { fileDetail } from './file-detail';
import { reopenFile, reviewFiles, submitFiles } from './file-review';
import { activeDocTypes, countFiles, pageOfFiles } from './file-rows';
import { loadRuleBook } from './required-documents';
import { archiveSummary, overdueFiles } from './summary';

/** Everyone signed in reads the archive; the CLI without --as may read it too. */
const READ_ROLES: readonly StaffRole[] = [...ROLES, 'system'];
/**
 * Who prepares files: account managers (their own book), clerks, reviewers, the head and admins.
 * Not the system actor: the four-eyes rule needs a person behind every change (CLI: --as).
 */
const PREPARE_ROLES: readonly StaffRole[] = ['clerk', 'manager', 'reviewer', 'head', 'admin'];
/** Who reviews files and reopens them: the reviewer post (审查), the branch head and admins. */
const REVIEW_ROLES: readonly StaffRole[] = ['reviewer', 'head', 'admin'];

export const archiveHandlers: HandlersFor<typeof archivesApi> = {
  'archives.files': {
    access: 'signed-in',
    roles: READ_ROLES,
    run: async ({ offset, limit, ...q }, { app }) => {
      const asOf = q.asOf ?? todayLocal();
      return readTransaction(app.db, async (trx) => {
        const [rules, docTypes, total] = await Promise.all([loadRuleBook(trx), activeDocTypes(trx), countFiles(trx, q, asOf)]);
        return { rows: await pageOfFiles(trx, q, asOf, offset, limit, rules), total, docTypes, asOf };
      });
    },
  },

  'archives.summary': {
    access: 'signed-in',
    roles: READ_ROLES,
    run: async ({ asOf }, { app }) => archiveSummary(app.db, asOf ?? todayLocal()),
  },

  'archives.overdue': {
    access: 'signed-in',
    roles: READ_ROLES,
    run: async ({ asOf, managerId }, { app }) => overdueFiles(app.db, asOf ?? todayLocal(), managerId),
  },

  'archives.file': {
    access: 'signed-in',
    roles: READ_ROLES,
    run: async ({ fileId }, { app }) => fileDetail(app.db, fileId, todayLocal()),
  },

  'archives.findByLoanNo': {
    access: 'signed-in',
    roles: READ_ROLES,
    run: async ({ loanNo }, { app }) => {
      // A scanner types what the label carries; a hurried clerk may type it in full-width or lower case.
      const typed = loanNo.normalize('NFKC').trim();
      const row = await app.db
        .selectFrom('archive_files as f')
        .innerJoin('loans as l', 'l.id', 'f.loan_id')
        .select(['f.id', 'l.loan_no'])
        .where((eb) => eb.or([eb('l.loan_no', '=', typed), eb('l.loan_no', '=', typed.toUpperCase())]))
        .executeTakeFirst();
      if (!row) throw new AppError('NOT_FOUND', `没有借据号为“${typed}”的档案。`, `no archive file for loan number ${typed}`);
      return { fileId: row.id, loanNo: row.loan_no };
    },
  },

  'archives.setDocuments': {
    access: 'signed-in',
    roles: PREPARE_ROLES,
    writes: true,
    run: async ({ fileId, updatedAt, cells }, { app, user, write }) => {
      await write((w) => setDocuments(w, user, fileId, updatedAt, cells));
      return fileDetail(app.db, fileId, todayLocal());
    },
  },

  'archives.fillDocuments': {
    access: 'signed-in',
    roles: PREPARE_ROLES,
    writes: true,
    run: async ({ fileIds, docTypeIds, state, submit }, { user, write }) => write((w) => fillDocuments(w, user, fileIds, docTypeIds, state, submit)),
  },

  'archives.submit': {
    access: 'signed-in',
    roles: PREPARE_ROLES,
    writes: true,
    run: async ({ fileIds }, { user, write }) => write((w) => submitFiles(w, user, fileIds)),
  },

  'archives.review': {
    access: 'signed-in',
    roles: REVIEW_ROLES,
    writes: true,
    run: async ({ fileIds, decision, note }, { write }) => ({ ...(await write((w) => reviewFiles(w, fileIds, decision, note))), decision }),
  },

  'archives.reopen': {
    access: 'signed-in',
    roles: REVIEW_ROLES,
    writes: true,
    run: async ({ fileId, reason }, { app, user, write }) => {
      await write((w) => reopenFile(w, user, fileId, reason));
      return fileDetail(app.db, fileId, todayLocal());
    },
  },
};
