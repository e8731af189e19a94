import type { villageWorkApi } from '../../shared/api/village-work';
import { ROLES } from '../../shared/domain';
import type { HandlersFor } from '../rpc/handler-types';
import { tableWorkbook, XLSX_MIME } from '../targets/table-workbook';
import { addCadre, deactivateCadre, notVisited, recordVisit, updateCadre, villageWork } from './village-work';

/** Everyone reads village work; who may record it in which village is checked next to each write (book access). */
export const villageWorkHandlers: HandlersFor<typeof villageWorkApi> = {
  'villageWork.notVisited': {
    access: 'signed-in',
    roles: [...ROLES, 'system'],
    run: async (filter, { app }) => notVisited(app.db, filter),
  },
  'villageWork.exportNotVisited': {
    access: 'signed-in',
    roles: [...ROLES, 'system'],
    run: async (filter, { app }) => {
      const list = await notVisited(app.db, filter);
      const manager = filter.managerId === undefined ? null : filter.managerId === null ? '未分配' : (list.managers.find((m) => m.id === filter.managerId)?.name ?? '');
      const bytes = await tableWorkbook({
        sheetName: '半年未走访',
        title: '半年内未走访的村',
        note: [`截至 ${list.today}（${list.cutoff} 之后无走访记录）`, manager === null ? '' : `客户经理：${manager}`].filter(Boolean).join('   '),
        columns: [
          { label: '序号', width: 6, kind: 'int' },
          { label: '乡镇', width: 12, kind: 'text' },
          { label: '村', width: 14, kind: 'text' },
          { label: '客户经理', width: 10, kind: 'text' },
          { label: '在贷笔数', width: 10, kind: 'int' },
          { label: '余额(元)', width: 16, kind: 'money' },
          { label: '最近走访', width: 12, kind: 'text' },
          { label: '距今天数', width: 10, kind: 'int' },
        ],
        rows: list.rows.map((r, i) => [i + 1, r.township, r.village, r.manager, r.loans, r.balanceFen, r.lastVisitOn ?? '从未走访', r.daysSince]),
        footRows: [['合计', `${list.rows.length} 个村`, null, null, list.rows.reduce((s, r) => s + r.loans, 0), list.rows.reduce((s, r) => s + r.balanceFen, 0), null, null]],
      });
      return { fileName: `半年未走访的村-${list.today}.xlsx`, mimeType: XLSX_MIME, contentBase64: Buffer.from(bytes).toString('base64'), count: list.rows.length };
    },
  },
  'villageWork.village': {
    access: 'signed-in',
    roles: [...ROLES, 'system'],
    run: async ({ villageId }, { app, user }) => villageWork(app.db, user, villageId),
  },
  'villageWork.addCadre': {
    access: 'signed-in',
    roles: [...ROLES, 'system'],
    writes: true,
    run: async (input, { user, write }) => write((w) => addCadre(w, user, input)),
  },
  'villageWork.updateCadre': {
    access: 'signed-in',
    roles: [...ROLES, 'system'],
    writes: true,
    run: async (input, { user, write }) => write((w) => updateCadre(w, user, input)),
  },
  'villageWork.deactivateCadre': {
    access: 'signed-in',
    roles: [...ROLES, 'system'],
    writes: true,
    run: async (input, { user, write }) => write((w) => deactivateCadre(w, user, input)),
  },
  'villageWork.recordVisit': {
    access: 'signed-in',
    roles: [...ROLES, 'system'],
    writes: true,
    run: async (input, { user, write }) => write((w) => recordVisit(w, user, input)),
  },
};
