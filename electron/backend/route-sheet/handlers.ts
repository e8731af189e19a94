import type { routeSheetApi } from '../../shared/api/route-sheet';
import { ROLES } from '../../shared/domain';
import { formatLocalDateTime } from '../../shared/local-time';
import { recordPrint } from '../print/printed-document';
import { logExport } from '../register/export-log';
import type { HandlersFor } from '../rpc/handler-types';
import { routeSheetHtml } from './route-sheet-html';
import { routeSheetData } from './route-sheet-query';

export const ROUTE_SHEET_KIND = 'route-sheet';

export const routeSheetHandlers: HandlersFor<typeof routeSheetApi> = {
  'routeSheet.print': {
    access: 'signed-in',
    roles: [...ROLES, 'system'],
    writes: true,
    run: async ({ villageId, managerId, asOf, deliver }, { app, signal, write }) => {
      const data = await routeSheetData(app.db, { villageId, managerId, asOf });
      signal.throwIfAborted();
      const { html, options } = routeSheetHtml(data, formatLocalDateTime(new Date()));
      const pdf = await app.pdf().renderPdf(html, options, signal);
      const place = `${data.township}${data.village}`;
      await write((w) =>
        recordPrint(w, {
          kind: ROUTE_SHEET_KIND,
          docNo: null,
          title: `${place} 走访路线单 ${data.dates.asOf}${data.managers.length > 0 ? ` ${data.managers.join('、')}` : ''}`,
          figures: { rows: data.rows.length, amountDueFen: data.amountDueFen, asOf: data.dates.asOf, villageId, managerId: managerId ?? null },
          pdf,
        }),
      );
      // Phones and whereabouts leave the database on paper (PIPL): logged like the printed register.
      await logExport(write, { kind: 'route-sheet-pdf', scope: place, idsMasked: true, rows: data.rows.length });
      const fileName = `${data.village}走访路线单.pdf`;
      const counts = { rows: data.rows.length, amountDueFen: data.amountDueFen };
      if (deliver === 'preview' && app.viewDocument) {
        await app.viewDocument(pdf, fileName);
        return { kind: 'preview', fileName, ...counts };
      }
      return { kind: 'file', file: { fileName, mimeType: 'application/pdf', contentBase64: Buffer.from(pdf).toString('base64') }, ...counts };
    },
  },
};
