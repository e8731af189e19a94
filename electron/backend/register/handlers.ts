import type { registerApi } from '../../shared/api/register';
import { FULL_ID_ROLES, ROLES, type StaffRole } from '../../shared/domain';
import type { Caller } from '../auth/caller';
import { AppError } from '../rpc/app-error';
import type { HandlersFor } from '../rpc/handler-types';
import { deletePhone, savePhone, updateContact } from './contact-edits';
import { logExport } from './export-log';
import { recordPrint } from '../print/printed-document';
import { householdDetail } from './household';
import { registerPage } from './loan-query';
import { ownConnectionSnapshot, sameConnectionSnapshot, type ReadSnapshot } from '../export/read-snapshot';
import { downloadPart } from '../export/stored-downloads';
import type { RegisterExportProgress } from '../../shared/api/register';
import type { CallScope } from '../calls/call-scope';
import type { HandlerApp } from '../rpc/handler-types';
import { exportView, exportViewToFile, MAX_REGISTER_EXPORT_ROWS, type ExportOptions } from './register-export';
import { searchBorrowers } from './search';
import { villageRegisterData } from './village-register-query';
import { villageRegisterHtml } from './village-register-html';

/** printed_documents.kind of a village's printed register. */
export const VILLAGE_REGISTER_KIND = 'village-register';

export const registerHandlers: HandlersFor<typeof registerApi> = {
  'register.loans': {
    access: 'signed-in',
    run: async ({ offset, limit, ...query }, { app }) => registerPage(app.db, query, offset, limit),
  },

  'register.search': {
    access: 'signed-in',
    run: async ({ q, limit }, { app, user }) => searchBorrowers(app.db, q, limit, { fullIds: mayUnmask(user) }),
  },

  'register.household': {
    access: 'signed-in',
    run: async ({ borrowerId }, { app, user }) => householdDetail(app.db, borrowerId, user),
  },

  'register.updateContact': {
    access: 'signed-in',
    writes: true,
    run: async ({ borrowerId, was, ...patch }, { app, write, user }) => {
      await updateContact(write, user, borrowerId, patch, was);
      return householdDetail(app.db, borrowerId, user);
    },
  },

  'register.savePhone': {
    access: 'signed-in',
    writes: true,
    run: async (input, { app, write, user }) => {
      await savePhone(write, user, input);
      return householdDetail(app.db, input.borrowerId, user);
    },
  },

  'register.deletePhone': {
    access: 'signed-in',
    writes: true,
    run: async (input, { app, write, user }) => {
      await deletePhone(write, user, input);
      return householdDetail(app.db, input.borrowerId, user);
    },
  },

  'register.exportXlsx': {
    access: 'signed-in',
    // The CLI's `export register` runs as the system actor unless `--as` names someone: masked IDs only.
    roles: [...ROLES, 'system'],
    writes: true,
    run: async ({ maskIds, ...view }, { app, user, write, ...scope }) => {
      assertMayUnmask(user, maskIds);
      return exportView(app.db, write, view, maskIds, MAX_REGISTER_EXPORT_ROWS, exportOptions(app, scope));
    },
  },

  'register.exportXlsxFile': {
    access: 'signed-in',
    writes: true,
    run: async ({ maskIds, ...view }, { app, user, write, token, ...scope }) => {
      assertMayUnmask(user, maskIds);
      return exportViewToFile(app.db, write, view, maskIds, token, exportOptions(app, scope));
    },
  },

  'register.downloadPart': {
    access: 'signed-in',
    run: async ({ downloadId, offset }, { token }) => downloadPart(downloadId, offset, token),
  },

  'register.printVillage': {
    access: 'signed-in',
    writes: true,
    run: async ({ villageId, maskIds, deliver }, { app, user, signal, write }) => {
      assertMayUnmask(user, maskIds);
      const data = await villageRegisterData(app.db, villageId, maskIds);
      signal.throwIfAborted();
      const { html, options } = villageRegisterHtml(data);
      const pdf = await app.pdf().renderPdf(html, options, signal);
      const place = `${data.township}${data.village}`;
      await write((w) =>
        recordPrint(w, { kind: VILLAGE_REGISTER_KIND, docNo: null, title: `${place} 贷款清册${maskIds ? '' : '（完整身份证号）'}`, figures: { villageId, maskIds, ...data.totals }, pdf }),
      );
      await logExport(write, { kind: 'register-pdf', scope: place, idsMasked: maskIds, rows: data.totals.loans });
      const fileName = `${data.village}贷款清册.pdf`;
      if (deliver === 'preview' && app.viewDocument) {
        await app.viewDocument(pdf, fileName);
        return { kind: 'preview', fileName };
      }
      return { kind: 'file', file: { fileName, mimeType: 'application/pdf', contentBase64: Buffer.from(pdf).toString('base64') } };
    },
  },
};

/** Read on a connection of its own (the app's stays free for other calls), with progress and cancel. */
function exportOptions(app: HandlerApp, { signal, emit }: Pick<CallScope, 'signal' | 'emit'>): ExportOptions {
  const snapshot: ReadSnapshot = app.dbPath === ':memory:' ? sameConnectionSnapshot(app.db) : ownConnectionSnapshot(app.dbPath);
  return { snapshot, signal, onProgress: (done, total) => emit('register.exportProgress', { done, total } satisfies RegisterExportProgress) };
}

function mayUnmask(user: Caller): boolean {
  return (FULL_ID_ROLES as readonly StaffRole[]).includes(user.role);
}

function assertMayUnmask(user: Caller, maskIds: boolean): void {
  if (!maskIds && !mayUnmask(user)) {
    throw new AppError('FORBIDDEN', '只有支行长或管理员可以导出或打印完整身份证号。', `role ${user.role} may not unmask IDs`);
  }
}
